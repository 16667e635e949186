import SegsimKernel
import SegsimMetrics

/// One row of `timeseries.csv`: a window of virtual time.
public struct TimeseriesRow: Sendable, Codable, Equatable {
    /// Window start, seconds.
    public var start: Double
    /// Events generated with an event time in the window.
    public var generated: Int
    /// Events appended to the log in the window.
    public var appended: Int
    /// Events whose processing ended in the window.
    public var processed: Int
    /// Segments written in the window.
    public var segmented: Int
    /// End-to-end (event → segment) latency percentiles of the segments written in the window,
    /// seconds (nil for a window without segments).
    public var latencyP50: Double?
    /// 90th percentile.
    public var latencyP90: Double?
    /// 99th percentile.
    public var latencyP99: Double?
    /// Largest.
    public var latencyMax: Double?
    /// Share of the window's segments written within the SLO.
    public var sloCompliance: Double?
    /// Mean consumer lag summed over partitions (records appended, not processed).
    public var consumerLag: Double
    /// Mean busy share over the workers that own partitions.
    public var utilisation: Double
    /// Each partition's mean consumer lag, by partition (nil in results written before it was kept).
    public var partitionLag: [Double]?
    /// Each worker's busy share, by worker, idle ones included (nil in older results).
    public var workerUtilisation: [Double]?
}

/// One row of `segments.csv`: a stability snapshot.
public struct SegmentSnapshotRow: Sendable, Codable, Equatable {
    /// Snapshot time, seconds.
    public var time: Double
    /// Customers per segment, in segment order.
    public var sizes: [Int]
    /// Share of customers whose segment changed since the previous snapshot (nil for the first).
    public var flipRate: Double?
    /// Adjusted Rand index against the previous snapshot (nil for the first).
    public var adjustedRandIndex: Double?
    /// Population stability index of the sizes against the first snapshot (nil when it does not apply).
    public var populationStabilityIndex: Double?
}

/// The lift measured at one lift snapshot, once its horizon had passed.
public struct LiftRow: Sendable, Codable, Equatable {
    /// Snapshot time, seconds.
    public var time: Double
    /// Customers with the outcome within the horizon, over all customers.
    public var outcomeRate: Double
    /// Lift per segment, in segment order (nil for an empty segment).
    public var segmentLift: [Double?]
    /// Lift of the top segment (index 0).
    public var topLift: Double?
    /// Lift of the oracle's top tier: of the configured high share (retail), or of the strategy's
    /// top-segment size at the snapshot (healthcare).
    public var oracleTopLift: Double?
    /// ROC AUC of the strategy's score (nil without a score).
    public var auc: Double?
    /// ROC AUC of the ground-truth score.
    public var oracleAUC: Double?
    /// Precision of the top segment against the latent truth (intent high).
    public var topPrecision: Double?
    /// Recall of the top segment against the latent truth.
    public var topRecall: Double?
    /// Cumulative gains: share of positives captured in the top x% of customers, x = 0, 5, …, 100
    /// (empty when nobody had the outcome).
    public var gains: [Double]
    /// Cumulative gains of the oracle's ranking on the same grid (empty likewise).
    public var oracleGains: [Double]
}

/// Everything one replication measured, before aggregation over replications.
public struct ReplicationResult: Sendable {
    /// The replication index.
    public var replication: Int
    /// Scalar metrics by name (see ``MetricCatalogue``).
    public var metrics: [String: MetricValue]
    /// Per-window rows.
    public var timeseries: [TimeseriesRow]
    /// Per stability snapshot rows.
    public var segments: [SegmentSnapshotRow]
    /// Per lift snapshot rows.
    public var lift: [LiftRow]
    /// Segment names in index order.
    public var segmentNames: [String]
    /// Transition shares between consecutive stability snapshots, row = from, column = to.
    public var transitionShares: [[Double]]
    /// Warm-up cut applied to the latency statistics, seconds.
    public var warmupSeconds: Double
    /// Notes for the reader (idle workers, not-applicable metrics, the oracle's nature).
    public var notes: [String]
    /// Every customer at the end of the run, for `customers.csv`: replication 0 only, and only
    /// when the scenario asks for it (`evaluation.customers_csv`).
    public var customers: CustomerTable?
    /// Every delivery of the first customers, for `trace.csv`: replication 0 only, and only when
    /// the scenario asks for it (`evaluation.trace_customers`).
    public var trace: PipelineTrace?
}
