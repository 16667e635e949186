import SegsimBehaviour
import SegsimPipeline
import SegsimScenario

/// What a ``Replication`` needs from one domain (retail, healthcare): the behaviour model, the
/// feature store, the outcome lift is measured against, the latent "high" state freshness and
/// precision are measured against, the ground-truth score the oracle reads, and the strategies'
/// fitting and assignment.
///
/// The replication is generic over it, so every per-event call is statically dispatched and
/// inlined (no existential on the hot path). A conformance also carries the truth-side state it
/// needs to recognise outcomes (healthcare: each patient's last discharge), updated from every
/// generated event by ``observe(_:model:)``, never from the pipeline's view.
/// (`SendableMetatype`: replications of one domain run on concurrent threads.)
protocol ReplicationDomain: SendableMetatype {
    /// The behaviour model that generates the customers' events.
    associatedtype Behaviour: BehaviourModel
    /// The pipeline's per-customer feature state.
    associatedtype Store
    /// One customer's features at a query time.
    associatedtype Features

    /// The names of the feature vector's columns, in order.
    static var featureNames: [String] { get }
    /// The names of the latent-truth columns of `customers.csv` (see ``truthValues(_:customer:at:)``).
    static var truthNames: [String] { get }

    /// Checks what the domain needs of the scenario and draws the population.
    /// - Throws: ``RunError`` naming the field at fault.
    static func makeBehaviour(scenario: Scenario, replication: Int) throws(RunError) -> Behaviour
    /// An empty feature store for the model's customers.
    static func makeStore(for model: Behaviour, idempotent: Bool) -> Store
    /// The truth-side state for a run of `scenario` over `model`'s customers.
    init(model: Behaviour, scenario: Scenario)

    /// The store's memory per customer, in bytes: its features, and its dedup windows (stated
    /// apart: bounded dedup memory is a design choice of its own).
    static func bytesPerCustomer(_ store: Store) -> (features: Int, dedup: Int)
    /// Hints that `customer`'s features will be applied soon (its event just entered the
    /// pipeline), so that their cache miss overlaps the pipeline's work. Changes nothing.
    static func prefetch(_ customer: Int, in store: Store)
    /// Applies one delivered event to the features; `false` when dropped (a duplicate).
    static func apply(_ event: CustomerEvent, to store: inout Store) -> Bool
    /// A customer's features at `time`.
    static func features(_ store: Store, customer: Int, at time: Double) -> Features
    /// The features as a vector in ``featureNames`` order.
    static func vector(_ features: Features) -> [Double]
    /// Fits the configured strategy at time 0 (see ``SegmentationStrategy``'s fit functions).
    static func fit(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                    current: TrainingMatrix, trueScores: () -> [Double], seed: UInt64,
                    replication: Int) throws(SegmentationError) -> SegmentationStrategy
    /// The segment and score (NaN without one) of a customer with `features`; `row` is scratch.
    static func assign(_ strategy: SegmentationStrategy, _ features: Features, row: inout [Double],
                       trueScore: Double) -> (UInt8, Float)
    /// The segment and score of `customer` at `time`: ``assign(_:_:row:trueScore:)`` of
    /// ``features(_:customer:at:)`` (the default), or a domain's shorter path to the same values.
    static func assign(_ strategy: SegmentationStrategy, store: Store, customer: Int, at time: Double,
                       row: inout [Double], trueScore: Double) -> (UInt8, Float)

    /// Registers one generated event (in event-time order, every phase) with the truth-side
    /// state: whether it is an outcome, and the time of a latent rise it reveals, if any.
    mutating func observe(_ event: CustomerEvent, model: Behaviour) -> EventObservation
    /// The customer's ground-truth score at `time` (the oracle's ranking; larger is likelier).
    func trueScore(_ model: Behaviour, customer: Int, at time: Double) -> Double
    /// Whether the customer's latent state is high now (what the top segment should capture).
    func isLatentHigh(_ model: Behaviour, customer: Int) -> Bool
    /// Calls `register(customer, riseTime)` for the latent rises in (`since`, `time`] that only
    /// a scan of the model finds (retail's intent changes; none for event-revealed rises).
    func scanRises(_ model: Behaviour, after since: Double, through time: Double, register: (Int, Double) -> Void)
    /// The latent-truth columns of `customers.csv` for one customer, in ``truthNames`` order.
    func truthValues(_ model: Behaviour, customer: Int, at time: Double) -> [Double]
    /// Notes for the reader of every run of the domain (the outcome's definition).
    static var notes: [String] { get }
    /// Whether the oracle's top tier in the lift rows is sized like the strategy's top segment
    /// (rather than the configured high share), so that rules with a tier of their own size are
    /// compared like for like.
    static var oracleMatchesTopSegment: Bool { get }
    /// Why top recall does not apply when nobody's latent state was high.
    static var noLatentHighReason: String { get }
    /// Why the undetected share does not apply when no latent state rose.
    static var noRiseReason: String { get }
}

/// What one generated event means for the evaluation.
struct EventObservation {
    /// The event is an outcome (retail: a purchase; healthcare: an unplanned readmission).
    var isOutcome: Bool
    /// The time of a latent rise the event reveals (healthcare: a discharge that scheduled a
    /// readmission), or nil.
    var rise: Double?
}

extension ReplicationDomain {
    @inline(__always)
    static func assign(_ strategy: SegmentationStrategy, store: Store, customer: Int, at time: Double,
                       row: inout [Double], trueScore: Double) -> (UInt8, Float) {
        assign(strategy, features(store, customer: customer, at: time), row: &row, trueScore: trueScore)
    }
}
