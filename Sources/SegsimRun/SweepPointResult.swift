import SegsimMetrics

/// What one sweep point measured: every summary metric over its replications, the consumer-lag
/// trend, and each objective's verdict. Written as `points/<index>/point.json`.
public struct SweepPointResult: Sendable, Equatable, Codable {
    /// The point's index in the plan's grid.
    public var index: Int
    /// Its axis values, `key=value` separated by spaces.
    public var label: String
    /// Its load (1 when no load axis is varied).
    public var load: Double
    /// Every summary metric, mean over replications with its interval.
    public var metrics: [String: AggregateMetric]
    /// Trend of the replications' mean consumer lag; nil with fewer than three windows.
    public var lagTrend: LagTrend?
    /// Each objective (as written) and whether it holds.
    public var verdicts: [Verdict]

    /// One objective's outcome at this point.
    public struct Verdict: Sendable, Equatable, Codable {
        /// The objective as written.
        public var objective: String
        /// The value it was judged on, or not applicable.
        public var value: MetricValue
        /// Whether it holds.
        public var holds: Bool
    }

    /// Whether every objective holds (true without objectives).
    public var meetsObjectives: Bool { verdicts.allSatisfy(\.holds) }

    /// The objectives that fail, as written.
    public var failures: [String] { verdicts.filter { !$0.holds }.map(\.objective) }

    /// Summarises a finished run of point `index` of `plan`.
    public init(index: Int, plan: SweepPlan, outcome: RunOutcome) {
        self.index = index
        label = plan.label(of: index)
        load = plan.load(of: index)
        var metrics = outcome.aggregate
        let evaluation = outcome.scenario.evaluation
        lagTrend = Self.trendOfMeanLag(outcome.replications, duration: outcome.scenario.duration.seconds,
                                       window: evaluation.window)
        metrics[LagTrendMetric.name] = AggregateMetric(outcome.replications.map { replication in
            LagTrendMetric.trend(of: replication, duration: outcome.scenario.duration.seconds, window: evaluation.window)
                .map { .value($0.slope) } ?? .notApplicable(reason: "fewer than three windows after the warm-up")
        })
        self.metrics = metrics
        let trend = lagTrend
        verdicts = plan.objectives.map { objective in
            let value = metrics[objective.metric]?.mean ?? .notApplicable(reason: "not measured")
            return Verdict(objective: objective.text, value: value, holds: objective.holds(value, lagTrend: trend))
        }
    }

    /// The lag trend of the per-window mean lag over replications (one fit, smoother with more
    /// replications than any single one).
    static func trendOfMeanLag(_ replications: [ReplicationResult], duration: Double, window: Double) -> LagTrend? {
        guard var mean = replications.first else { return nil }
        let count = replications.map(\.timeseries.count).min() ?? 0
        mean.timeseries = Array(mean.timeseries.prefix(count))
        mean.warmupSeconds = replications.map(\.warmupSeconds).max() ?? 0
        for i in 0..<count {
            mean.timeseries[i].consumerLag = replications.reduce(0) { $0 + $1.timeseries[i].consumerLag } / Double(replications.count)
        }
        return LagTrendMetric.trend(of: mean, duration: duration, window: window)
    }
}
