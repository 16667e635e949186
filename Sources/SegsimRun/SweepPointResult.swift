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
    /// Trends of the replications' mean series, by ``TrendMetric`` name; absent with fewer than three windows.
    public var trends: [String: LinearTrend]
    /// Each objective (as written) and whether it holds.
    public var verdicts: [Verdict]

    /// One objective's outcome at this point.
    public struct Verdict: Sendable, Equatable, Codable {
        /// An outcome.
        public init(objective: String, value: MetricValue, holds: Bool) {
            self.objective = objective
            self.value = value
            self.holds = holds
        }

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
        let duration = outcome.scenario.duration.seconds, window = outcome.scenario.evaluation.window
        var trends: [String: LinearTrend] = [:]
        for metric in TrendMetric.allCases {
            trends[metric.rawValue] = metric.trendOfMean(outcome.replications, duration: duration, window: window)
            metrics[metric.rawValue] = AggregateMetric(outcome.replications.map { replication in
                metric.trend(of: replication, duration: duration, window: window).map { .value($0.slope) }
                    ?? .notApplicable(reason: "fewer than three windows with a value after the warm-up")
            })
        }
        self.metrics = metrics
        self.trends = trends
        verdicts = plan.objectives.map { objective in
            let value = metrics[objective.metric]?.mean ?? .notApplicable(reason: "not measured")
            return Verdict(objective: objective.text, value: value, holds: objective.holds(value, trend: trends[objective.metric]))
        }
    }

    /// A point from its parts (for results computed elsewhere, and for tests).
    public init(index: Int, label: String, load: Double, metrics: [String: AggregateMetric],
                trends: [String: LinearTrend] = [:], verdicts: [Verdict]) {
        self.index = index
        self.label = label
        self.load = load
        self.metrics = metrics
        self.trends = trends
        self.verdicts = verdicts
    }
}
