import SegsimMetrics

/// Strategies side by side on identical customers and events: every metric per strategy with its
/// interval, and each strategy's paired difference from the reference strategy (replication r of
/// every strategy simulates the same customers, so differences are paired; see ``PairedComparison``).
public struct StrategyComparison: Sendable, Equatable, Codable {
    /// One strategy's difference from the reference in one metric.
    public struct Difference: Sendable, Equatable, Codable {
        /// Mean of (strategy − reference) over replications.
        public var mean: MetricValue
        /// Half-width of its 95% paired t interval; not applicable with one replication.
        public var halfWidth: MetricValue
        /// Whether the interval excludes 0.
        public var significant: Bool
        /// Whether the difference is an improvement (nil for metrics with no better direction or no difference).
        public var better: Bool?
    }

    /// One metric across the strategies.
    public struct Row: Sendable, Equatable, Codable {
        /// The metric's name.
        public var metric: String
        /// Its unit.
        public var unit: String
        /// Per strategy, in the order compared.
        public var values: [AggregateMetric]
        /// Per strategy, the paired difference from the reference (nil for the reference itself or
        /// when a side is not applicable).
        public var differences: [Difference?]
    }

    /// The metrics compared, in table order: lift, ranking, stability, freshness, pipeline cost.
    public static let metrics = [
        "lift.top_segment", "lift.oracle_share", "lift.auc", "lift.gains_at_10_percent", "lift.top_precision",
        "lift.top_recall", "stability.flip_rate", "stability.adjusted_rand_index", "stability.psi_final",
        "freshness.p50", "freshness.p90", "freshness.undetected_share", "latency.p99", "throughput.segmented_per_second",
        "simulator.wall_seconds",
    ]

    /// The scenario's name.
    public var scenario: String
    /// The seed every strategy ran with.
    public var seed: UInt64
    /// Replications per strategy.
    public var replications: Int
    /// The strategies, in the order given; the first is the reference.
    public var strategies: [String]
    /// One row per compared metric.
    public var rows: [Row]
    /// Each strategy's mean cumulative-gains curve on ``GainsPoint/standardGrid`` (empty when none).
    public var gains: [[Double]]
    /// The oracle's mean gains curve (the ground truth's ranking).
    public var oracleGains: [Double]

    /// Compares finished runs of the same scenario and seed, one per strategy; the first is the reference.
    public init(_ runs: [(strategy: String, outcome: RunOutcome)]) {
        let first = runs.first?.outcome
        scenario = first?.scenario.name ?? ""
        seed = first?.scenario.seed ?? 0
        replications = first?.replications.count ?? 0
        strategies = runs.map(\.strategy)
        let aggregates = runs.map(\.outcome.aggregate)
        rows = Self.metrics.map { name in
            let descriptor = MetricCatalogue.descriptor(name)
            let perReplication = runs.map { run in run.outcome.replications.map { $0.metrics[name]?.number } }
            let differences: [Difference?] = perReplication.indices.map { s in
                guard s > 0 else { return nil }
                return Self.difference(reference: perReplication[0], candidate: perReplication[s], direction: descriptor?.direction)
            }
            return Row(metric: name, unit: descriptor?.unit ?? "",
                       values: aggregates.map { $0[name] ?? AggregateMetric([.notApplicable(reason: "not measured")]) },
                       differences: differences)
        }
        gains = runs.map { GainsPoint.meanCurve($0.outcome.replications.flatMap(\.lift).map(\.gains)) }
        oracleGains = GainsPoint.meanCurve(runs.first.map { $0.outcome.replications.flatMap(\.lift).map(\.oracleGains) } ?? [])
    }

    static func difference(reference: [Double?], candidate: [Double?], direction: MetricDescriptor.Direction?) -> Difference? {
        let pairs = zip(reference, candidate).compactMap { a, b in a.flatMap { a in b.map { (a, $0) } } }
        guard pairs.count == reference.count, !pairs.isEmpty,
              let paired = try? PairedComparison(baseline: pairs.map(\.0), candidate: pairs.map(\.1)) else { return nil }
        let mean = paired.meanDifference.number ?? 0
        let better: Bool? = switch direction {
        case .higherIsBetter?: mean == 0 ? nil : mean > 0
        case .lowerIsBetter?: mean == 0 ? nil : mean < 0
        default: nil
        }
        return Difference(mean: paired.difference.mean, halfWidth: paired.difference.halfWidth,
                          significant: paired.isSignificant, better: better)
    }
}
