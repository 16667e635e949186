/// Running count, mean, variance, minimum and maximum of observations, in O(1) memory.
///
/// Sums are kept relative to a shift K, the first observation ("shifted data" algorithm): as
/// stable as Welford's update when K is near the mean, and with no division per observation,
/// which matters when every customer of a 10⁷-customer run is tallied several times.
public struct Tally: Sendable, Equatable, Codable {
    /// The number of observations.
    public private(set) var count: Int = 0
    /// The smallest observation (+∞ when empty).
    public private(set) var minimum: Double = .infinity
    /// The largest observation (−∞ when empty).
    public private(set) var maximum: Double = -.infinity
    private var shift: Double = 0
    private var sumOfDeviations: Double = 0
    private var sumOfSquaredDeviations: Double = 0

    /// Creates an empty tally.
    public init() {}

    /// Adds one observation.
    public mutating func add(_ x: Double) {
        if count == 0 { shift = x }
        count += 1
        let d = x - shift
        sumOfDeviations += d
        sumOfSquaredDeviations += d * d
        minimum = Swift.min(minimum, x)
        maximum = Swift.max(maximum, x)
    }

    /// The sample mean (0 when empty).
    public var mean: Double { count > 0 ? shift + sumOfDeviations / Double(count) : 0 }

    /// The unbiased sample variance (0 with fewer than two observations).
    public var variance: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        return Swift.max(0, (sumOfSquaredDeviations - sumOfDeviations * sumOfDeviations / n) / (n - 1))
    }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Combines two tallies exactly, e.g. across replications, by re-expressing `other`'s sums
    /// relative to this tally's shift.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let delta = other.shift - shift
        let n = Double(other.count)
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + 2 * delta * other.sumOfDeviations + n * delta * delta
        sumOfDeviations += other.sumOfDeviations + n * delta
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// A Student-t confidence interval for the mean, treating observations as independent
    /// (use it for independent replications; use `BatchMeans` for one autocorrelated run).
    /// Returns `nil` with fewer than two observations.
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
        ConfidenceInterval(mean: mean, variance: variance, count: count, level: level)
    }
}
