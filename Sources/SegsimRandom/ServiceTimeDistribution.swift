#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long one unit of work takes, in seconds of virtual time.
///
/// ## Configuration form
/// A mapping with exactly one key, the distribution's name; its value holds the parameters, named
/// for what they mean (all in seconds, except the dimensionless gamma shape):
///
/// ```yaml
/// service: { constant: 0.001 }                      # always 1 ms
/// service: { exponential: { mean: 0.002 } }         # the MEAN, not the rate
/// service: { lognormal: { mean: 0.003, sd: 0.001 } } # mean and sd of the time itself
/// service: { gamma: { shape: 2, scale: 0.001 } }    # shape k and SCALE θ: mean kθ
/// service: { empirical: [0.001, 0.002, 0.004] }     # each value equally likely
/// ```
///
/// JSON uses the same shape (`{"exponential": {"mean": 0.002}}`), and encoding writes it back.
/// Decoding validates every value and throws ``DistributionError`` naming the coding path, the
/// field and the bad value, e.g. `pipeline.service: exponential mean must be > 0, got -1`:
/// means, the constant, the gamma shape and scale must be finite and > 0; the lognormal `sd` and
/// empirical values finite and ≥ 0 (with at least one value, of positive mean); unknown names,
/// unknown parameters and more than one distribution are rejected rather than ignored.
/// Values built in code are checked with ``validate()``.
public enum ServiceTimeDistribution: Sendable, Equatable {
    /// Always exactly `seconds`.
    case constant(seconds: Double)
    /// Exponential with the given mean (1/rate): variance mean².
    case exponential(mean: Double)
    /// Lognormal with the given mean and standard deviation **of the time itself**; sampled as
    /// exp(N(μ, σ²)) with σ² = ln(1 + sd²/mean²) and μ = ln(mean) − σ²/2.
    case lognormal(mean: Double, standardDeviation: Double)
    /// Gamma with shape k and **scale** θ: mean kθ, variance kθ². Shape 1 is exponential; a larger
    /// shape gives a less variable time (squared coefficient of variation 1/k).
    case gamma(shape: Double, scale: Double)
    /// Uniformly one of `values` per draw (a measured trace, replayed with replacement).
    case empirical([Double])

    /// The distribution names as written in configuration, in documentation order.
    public static let knownNames = ["constant", "exponential", "lognormal", "gamma", "empirical"]

    /// The exact mean, in seconds.
    public var mean: Double {
        switch self {
        case let .constant(seconds): return seconds
        case let .exponential(mean): return mean
        case let .lognormal(mean, _): return mean
        case let .gamma(shape, scale): return shape * scale
        case let .empirical(values): return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The exact variance, in seconds² (the second-moment input of the Pollaczek–Khinchine formula).
    /// For `empirical` it is the population variance of the values, since each is drawn with
    /// probability 1/n.
    public var variance: Double {
        switch self {
        case .constant: return 0
        case let .exponential(mean): return mean * mean
        case let .lognormal(_, standardDeviation): return standardDeviation * standardDeviation
        case let .gamma(shape, scale): return shape * scale * scale
        case let .empirical(values):
            let mean = self.mean
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        }
    }

    /// The parameters (μ, σ) of the normal whose exponential has the given mean and standard
    /// deviation: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2. Hoist this out of a hot loop and call
    /// ``RandomStream/lognormal(logMean:logStandardDeviation:)`` directly if a few ns matter.
    @inlinable
    public static func lognormalParameters(mean: Double, standardDeviation: Double)
        -> (logMean: Double, logStandardDeviation: Double)
    {
        let ratio = standardDeviation / mean
        let logVariance = log1p(ratio * ratio)
        return (log(mean) - logVariance / 2, logVariance.squareRoot())
    }

    /// Draws one service time, in seconds. Exponential times are the mean times a ziggurat unit
    /// exponential (``RandomStream/standardExponential()``): the same law as inversion, without a
    /// logarithm per draw (two per pipeline event).
    /// - Precondition: the distribution is valid (decoded, or checked with ``validate()``).
    /// - Complexity: O(1); `lognormal` adds a log, a log1p and a square root to the GSL draw.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        switch self {
        case let .constant(seconds):
            return seconds
        case let .exponential(mean):
            return mean * stream.standardExponential()
        case let .lognormal(mean, standardDeviation):
            let log = Self.lognormalParameters(mean: mean, standardDeviation: standardDeviation)
            return stream.lognormal(logMean: log.logMean, logStandardDeviation: log.logStandardDeviation)
        case let .gamma(shape, scale):
            return stream.gamma(shape: shape, scale: scale)
        case let .empirical(values):
            return values[stream.uniformInteger(below: values.count)]
        }
    }

    /// Checks the parameters of a distribution built in code; decoding does the same by itself.
    /// - Throws: ``DistributionError`` naming the first bad parameter and its value.
    public func validate() throws(DistributionError) {
        try validate(at: "")
    }

    /// Checks the parameters, reporting errors at the configuration `path`.
    func validate(at path: String) throws(DistributionError) {
        switch self {
        case let .constant(seconds):
            try DistributionError.requirePositive(seconds, "constant", at: path)
        case let .exponential(mean):
            try DistributionError.requirePositive(mean, "exponential mean", at: path)
        case let .lognormal(mean, standardDeviation):
            try DistributionError.requirePositive(mean, "lognormal mean", at: path)
            try DistributionError.requireNonNegative(standardDeviation, "lognormal sd", at: path)
        case let .gamma(shape, scale):
            try DistributionError.requirePositive(shape, "gamma shape", at: path)
            try DistributionError.requirePositive(scale, "gamma scale", at: path)
        case let .empirical(values):
            guard !values.isEmpty else { throw DistributionError(path: path, .empty(field: "empirical")) }
            for (index, value) in values.enumerated() {
                try DistributionError.requireNonNegative(value, "empirical[\(index)]", at: path)
            }
            // Finite values can still sum past the largest Double.
            try DistributionError.requirePositive(mean, "empirical mean", at: path)
            guard values.count <= Int(UInt32.max) else {
                throw DistributionError(path: path, .outOfRange(
                    field: "empirical count", value: Double(values.count), range: 1...Double(UInt32.max)))
            }
        }
    }
}
