/// Every customer of replication 0 at the end of the run, for the audit table `customers.csv`:
/// features, score, segment, the outcome of the last lift snapshot and the latent truth.
///
/// Columnar (one array per column, row-major for the multi-column parts), indexed by the dense
/// customer id. Written only when a scenario sets `evaluation.customers_csv: true`.
public struct CustomerTable: Sendable, Equatable {
    /// When features, scores, segments and latent truth were read: the end of the run, seconds.
    public var time: Double
    /// The feature columns' names, in order.
    public var featureNames: [String]
    /// The domain's latent-truth columns' names, in order.
    public var truthNames: [String]
    /// The strategy's segment names, in segment-index order.
    public var segmentNames: [String]
    /// Features, customers × ``featureNames``, row-major.
    public var features: [Double]
    /// The strategy's score per customer; NaN for strategies without a score.
    public var scores: [Float]
    /// The segment index per customer, as the profile store held it.
    public var segments: [UInt8]
    /// Whether the customer's latent state was high (retail: intent; healthcare: a scheduled readmission).
    public var latentHigh: [Bool]
    /// The ground-truth score the oracle ranks by.
    public var trueScores: [Double]
    /// Latent truth, customers × ``truthNames``, row-major.
    public var truth: [Double]
    /// Whether each customer had the outcome in the last lift snapshot's horizon; nil when the run
    /// had no lift snapshot.
    public var outcomes: [Bool]?
    /// The last lift snapshot's time, seconds (nil without one); outcomes cover (time, time + horizon].
    public var outcomeSnapshotTime: Double?
    /// The horizon of the outcomes, seconds (nil without a lift snapshot).
    public var outcomeHorizon: Double?

    /// The number of customers.
    public var count: Int { segments.count }

    /// Records the outcomes of the last lift snapshot.
    mutating func setOutcome(_ outcome: CustomerBits, snapshotTime: Double, horizon: Double) {
        outcomes = outcome.booleans
        outcomeSnapshotTime = snapshotTime
        outcomeHorizon = horizon
    }
}
