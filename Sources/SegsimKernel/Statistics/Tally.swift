/// Running count, mean, variance, minimum and maximum of observations (Welford's algorithm).
///
/// Numerically stable in one pass, O(1) memory: suited to millions of waits or sojourns.
public struct Tally: Sendable, Equatable, Codable {
    /// The number of observations.
    public private(set) var count: Int = 0
    /// The sample mean (0 when empty).
    public private(set) var mean: Double = 0
    /// The smallest observation (+∞ when empty).
    public private(set) var minimum: Double = .infinity
    /// The largest observation (−∞ when empty).
    public private(set) var maximum: Double = -.infinity
    /// Sum of squared deviations from the mean.
    private var squaredDeviations: Double = 0

    /// Creates an empty tally.
    public init() {}

    /// Adds one observation.
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        squaredDeviations += delta * (x - mean)
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
    }

    /// The unbiased sample variance (0 with fewer than two observations).
    public var variance: Double { count > 1 ? squaredDeviations / Double(count - 1) : 0 }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Combines two tallies exactly (Chan et al.'s parallel update), e.g. across replications.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let total = count + other.count
        let delta = other.mean - mean
        squaredDeviations += other.squaredDeviations
            + delta * delta * Double(count) * Double(other.count) / Double(total)
        mean += delta * Double(other.count) / Double(total)
        count = total
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
