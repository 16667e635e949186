import SegsimRandom

/// A two-sided confidence interval for a mean: `mean ± halfWidth` at `level`.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// The point estimate.
    public let mean: Double
    /// Half the interval's width.
    public let halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// The number of independent values (replications or batches) behind the interval.
    public let sampleCount: Int

    /// Creates an interval from its parts.
    public init(mean: Double, halfWidth: Double, level: Double, sampleCount: Int) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.level = level
        self.sampleCount = sampleCount
    }

    /// The Student-t interval for the mean of `count` independent values with sample `variance`.
    /// Returns `nil` when `count < 2` or `level` is not in (0, 1).
    public init?(mean: Double, variance: Double, count: Int, level: Double) {
        guard count >= 2, level > 0, level < 1 else { return nil }
        let t = Quantiles.studentT(0.5 + level / 2, degreesOfFreedom: Double(count - 1))
        self.init(mean: mean, halfWidth: t * (variance / Double(count)).squareRoot(), level: level, sampleCount: count)
    }

    /// The lower bound.
    public var lower: Double { mean - halfWidth }
    /// The upper bound.
    public var upper: Double { mean + halfWidth }
    /// The half-width relative to the mean's magnitude (∞ for a zero mean).
    public var relativeHalfWidth: Double { halfWidth / abs(mean) }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
