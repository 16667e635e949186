import CGSL

/// Draws from the standard distributions, straight through GSL's `gsl_ran_*` samplers.
///
/// These are branch-free wrappers meant for hot loops: they do **not** check their parameters.
/// Parameters come from validated configuration (``ServiceTimeDistribution``, ``RateProfile``) or
/// are checked by the caller; an invalid parameter gives a meaningless draw, never a crash, because
/// ``GSL/configure()`` has turned GSL's aborting error handler off.
///
/// Costs per draw (release, taus2) are in the field notes: 12–35 ns for most, Poisson grows with
/// its mean (32 ns at 3, 183 ns at 100).
extension RandomStream {
    /// A uniformly chosen integer in `0..<n`, without modulo bias (GSL rejects the biased tail).
    /// - Precondition: `1 <= n <= 2³²` (the range of taus2 and mt19937); larger `n` returns 0.
    @inlinable
    public func uniformInteger(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(n)))
    }

    /// A gamma draw with the given **shape** k and **scale** θ (not rate): mean kθ, variance kθ².
    /// - Precondition: `shape > 0`, `scale > 0`.
    @inlinable
    public func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(generator, shape, scale)
    }

    /// A beta draw on [0, 1] with shape parameters a and b: mean a/(a+b).
    /// - Precondition: `a > 0`, `b > 0`.
    @inlinable
    public func beta(a: Double, b: Double) -> Double {
        gsl_ran_beta(generator, a, b)
    }

    /// A lognormal draw exp(N), where N is normal with mean `logMean` (μ) and standard deviation
    /// `logStandardDeviation` (σ) — the parameters of the **logarithm**, as GSL takes them.
    /// The draw itself has mean exp(μ + σ²/2); ``ServiceTimeDistribution/lognormal(mean:standardDeviation:)``
    /// converts from the mean and standard deviation of the time itself.
    /// - Precondition: `logStandardDeviation >= 0`.
    @inlinable
    public func lognormal(logMean: Double, logStandardDeviation: Double) -> Double {
        gsl_ran_lognormal(generator, logMean, logStandardDeviation)
    }

    /// A normal draw with the given mean and standard deviation (Marsaglia–Tsang ziggurat, GSL's
    /// fastest Gaussian sampler).
    /// - Precondition: `standardDeviation >= 0`.
    @inlinable
    public func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// A Poisson count with the given mean λ (variance λ).
    /// - Precondition: `mean >= 0`.
    /// - Complexity: grows with λ for large means (see the field notes' timings).
    @inlinable
    public func poisson(mean: Double) -> Int {
        Int(gsl_ran_poisson(generator, mean))
    }

    /// The number of failures before the `size`-th success in Bernoulli trials that succeed with
    /// probability p = `successProbability` (GSL's `gsl_ran_negative_binomial(r, p, n)`; `size` may
    /// be fractional, the gamma–Poisson mixture). Mean n(1−p)/p, variance n(1−p)/p².
    /// - Precondition: `0 < successProbability <= 1`, `size > 0`.
    @inlinable
    public func negativeBinomial(successProbability: Double, size: Double) -> Int {
        Int(gsl_ran_negative_binomial(generator, successProbability, size))
    }

    /// `true` with probability `p`.
    ///
    /// `uniform() < p`, exactly what `gsl_ran_bernoulli` does, without the call into GSL.
    /// - Precondition: `0 <= p <= 1`.
    @inlinable
    public func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// A Weibull draw with density (k/λ)(x/λ)^(k−1) exp(−(x/λ)^k), where λ = `scale` and
    /// k = `shape` (GSL's `gsl_ran_weibull(r, a: scale, b: shape)`). Mean λ Γ(1 + 1/k).
    /// - Precondition: `scale > 0`, `shape > 0`.
    @inlinable
    public func weibull(scale: Double, shape: Double) -> Double {
        gsl_ran_weibull(generator, scale, shape)
    }
}
