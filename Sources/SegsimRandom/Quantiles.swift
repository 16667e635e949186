import CGSL

/// Quantiles of the sampling distributions used for confidence intervals.
public enum Quantiles {
    /// The `probability` quantile of Student's t distribution with `degreesOfFreedom`.
    /// - Precondition: 0 < probability < 1 and degreesOfFreedom > 0.
    public static func studentT(_ probability: Double, degreesOfFreedom: Double) -> Double {
        precondition(probability > 0 && probability < 1 && degreesOfFreedom > 0)
        return gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
    }

    /// The `probability` quantile of the standard normal distribution.
    /// - Precondition: 0 < probability < 1.
    public static func standardNormal(_ probability: Double) -> Double {
        precondition(probability > 0 && probability < 1)
        return gsl_cdf_ugaussian_Pinv(probability)
    }

    /// The `probability` quantile of the chi-square distribution with `degreesOfFreedom`.
    public static func chiSquare(_ probability: Double, degreesOfFreedom: Double) -> Double {
        precondition(probability > 0 && probability < 1 && degreesOfFreedom > 0)
        return gsl_cdf_chisq_Pinv(probability, degreesOfFreedom)
    }
}
