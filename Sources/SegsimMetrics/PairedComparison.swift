/// A paired comparison of two strategies run on the same replications (common random numbers).
///
/// With the same customers in each replication, the per-replication differences cancel most of
/// the population noise, so their t interval is far narrower than comparing two independent
/// intervals. The difference is `candidate − baseline`.
public struct PairedComparison: Sendable, Hashable, Codable {
    /// The mean difference (candidate − baseline) and its t interval.
    public let difference: ReplicationInterval

    /// Compares `candidate` with `baseline`, replication by replication.
    /// - Parameters:
    ///   - baseline: the reference strategy's metric in each replication.
    ///   - candidate: the other strategy's metric in the same replications, in the same order.
    ///   - level: the confidence level, default 0.95.
    /// - Throws: ``MetricError`` on mismatched lengths, a value that is not finite or a bad `level`.
    /// - Complexity: O(n).
    public init(baseline: [Double], candidate: [Double], level: Double = 0.95) throws(MetricError) {
        try validateLength(candidate.count, expected: baseline.count, field: "candidate")
        try validateFinite(baseline, field: "baseline")
        try validateFinite(candidate, field: "candidate")
        difference = try ReplicationInterval(zip(candidate, baseline).map { $0 - $1 }, level: level)
    }

    /// The mean of `candidate − baseline`; not applicable with no replications.
    public var meanDifference: MetricValue { difference.mean }

    /// Whether the interval for the difference excludes 0: the strategies differ at the chosen
    /// level. `false` when the interval does not apply (fewer than two replications).
    public var isSignificant: Bool {
        guard let interval = difference.confidenceInterval else { return false }
        return interval.lower > 0 || interval.upper < 0
    }
}
