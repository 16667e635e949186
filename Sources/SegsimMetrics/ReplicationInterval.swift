import SegsimKernel

/// The mean of a metric over independent replications, with its Student-t confidence interval.
///
/// Replications of a run differ only in their seeds, so their values are independent and the
/// t interval is exact for normal values and close otherwise. With one replication there is no
/// variance to estimate and the interval does not apply (run at least two).
public struct ReplicationInterval: Sendable, Hashable, Codable {
    /// The number of replications.
    public let replications: Int
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// The mean over replications; not applicable with none.
    public let mean: MetricValue
    /// The half-width of the t interval; not applicable with fewer than two replications.
    public let halfWidth: MetricValue

    /// Summarises one value per replication.
    /// - Parameters:
    ///   - values: the metric in each replication.
    ///   - level: the confidence level, default 0.95.
    /// - Throws: ``MetricError`` when a value is not finite or `level` is not in (0, 1).
    /// - Complexity: O(n).
    public init(_ values: [Double], level: Double = 0.95) throws(MetricError) {
        try validateLevel(level)
        try validateFinite(values, field: "values")
        var tally = Tally()
        for x in values { tally.add(x) }
        replications = values.count
        self.level = level
        mean = values.isEmpty ? .notApplicable(reason: "no replications") : .value(tally.mean)
        if let interval = tally.confidenceInterval(level: level) {
            halfWidth = .value(interval.halfWidth)
        } else {
            halfWidth = .notApplicable(reason: values.isEmpty
                ? "no replications"
                : "one replication: the variance cannot be estimated, run at least two")
        }
    }

    /// The interval as the kernel's ``ConfidenceInterval``, or `nil` with fewer than two
    /// replications.
    public var confidenceInterval: ConfidenceInterval? {
        guard let m = mean.number, let h = halfWidth.number else { return nil }
        return ConfidenceInterval(mean: m, halfWidth: h, level: level, sampleCount: replications)
    }

    /// The lower bound, mean − half-width; not applicable like ``halfWidth``.
    public var lower: MetricValue { confidenceInterval.map { .value($0.lower) } ?? halfWidth }

    /// The upper bound, mean + half-width; not applicable like ``halfWidth``.
    public var upper: MetricValue { confidenceInterval.map { .value($0.upper) } ?? halfWidth }
}
