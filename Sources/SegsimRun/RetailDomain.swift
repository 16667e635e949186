import SegsimBehaviour
import SegsimPipeline
import SegsimRandom
import SegsimScenario

/// The retail domain of a ``Replication``: shoppers from ``RetailBehaviour``, RFM and engagement
/// features, a purchase as the outcome, high intent as the latent state and the latent purchase
/// rate as the oracle's score. History is the customers' events before 0 (`retail.acquisition`).
struct RetailDomain: ReplicationDomain {
    typealias Behaviour = RetailBehaviour
    typealias Store = RetailFeatureStore
    typealias Features = RetailFeatures

    /// The random-stream purposes a retail run draws from, for `summary.json`.
    static let streamPurposes = [
        "retail.population", "retail.events", "pipeline.append", "pipeline.processing", "pipeline.store", "strategy.kmeans",
    ]
    static let featureNames = RetailFeatures.featureNames
    static let truthNames = ["intent_level", "active", "true_purchase_rate_per_day"]
    static let notes: [String] = []
    /// The configured high share, as retail results have always been computed.
    static let oracleMatchesTopSegment = false
    static let noLatentHighReason = "no customer had high intent"
    static let noRiseReason = "no customer's intent rose to high during the run"

    static func makeBehaviour(scenario: Scenario, replication: Int) throws(RunError) -> RetailBehaviour {
        let evaluation = scenario.evaluation
        let strategy = scenario.strategy
        let parameters = scenario.retail
        let cutoff = -evaluation.horizon
        if strategy.kind == .logistic, parameters.acquisitionStart >= cutoff {
            throw RunError(path: "retail.acquisition.before", message:
                "the logistic strategy learns from history: customers must join more than evaluation.horizon "
                + "(\(SimulatedDuration(seconds: evaluation.horizon).text)) before the run, got "
                + "\(SimulatedDuration(seconds: -parameters.acquisitionStart).text); raise acquisition.before or shorten the horizon")
        }
        if strategy.kind == .rfm || strategy.kind == .kmeans, parameters.acquisitionStart >= 0 {
            throw RunError(path: "retail.acquisition.before", message:
                "the \(strategy.kind.rawValue) strategy is fitted on customers' history: it needs acquisition.before > 0")
        }
        do {
            return try RetailBehaviour(parameters: parameters, runSeed: scenario.seed, replication: replication)
        } catch {
            throw RunError(path: error.path, message: error.message)
        }
    }

    static func makeStore(for model: RetailBehaviour, idempotent: Bool) -> RetailFeatureStore {
        RetailFeatureStore(customers: model.customerCount, idempotent: idempotent)
    }

    init(model: RetailBehaviour, scenario: Scenario) {}

    static func bytesPerCustomer(_ store: RetailFeatureStore) -> (features: Int, dedup: Int) {
        (RetailFeatureStore.stateBytesPerCustomer, store.dedupBytesPerCustomer)
    }

    /// One record per customer: fetched while the event crosses the pipeline.
    @inline(__always)
    static func prefetch(_ customer: Int, in store: RetailFeatureStore) { store.prefetch(customer: customer) }

    @inline(__always)
    static func apply(_ event: CustomerEvent, to store: inout RetailFeatureStore) -> Bool { store.apply(event) }

    @inline(__always)
    static func features(_ store: RetailFeatureStore, customer: Int, at time: Double) -> RetailFeatures {
        store.features(of: customer, at: time)
    }

    static func vector(_ features: RetailFeatures) -> [Double] { features.vector }

    static func fit(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                    current: TrainingMatrix, trueScores: () -> [Double], seed: UInt64,
                    replication: Int) throws(SegmentationError) -> SegmentationStrategy {
        try SegmentationStrategy.fitRetail(configuration, training: training, labels: labels, current: current,
                                           trueScores: trueScores, seed: seed, replication: replication)
    }

    @inline(__always)
    static func assign(_ strategy: SegmentationStrategy, _ features: RetailFeatures, row: inout [Double],
                       trueScore: Double) -> (UInt8, Float) {
        strategy.assign(features, row: &row, trueScore: trueScore)
    }

    /// The logistic strategy scores straight from the store (``RetailFeatureStore/score(of:at:by:)``,
    /// the same value without building the features); the others assign from the features.
    @inline(__always)
    static func assign(_ strategy: SegmentationStrategy, store: RetailFeatureStore, customer: Int, at time: Double,
                       row: inout [Double], trueScore: Double) -> (UInt8, Float) {
        if case let .logisticRegression(model, mapping) = strategy {
            return SegmentationStrategy.logisticAssignment(store.score(of: customer, at: time, by: model), mapping)
        }
        return assign(strategy, features(store, customer: customer, at: time), row: &row, trueScore: trueScore)
    }

    /// A purchase is the outcome; intent rises are found by ``scanRises(_:after:through:register:)``.
    @inline(__always)
    mutating func observe(_ event: CustomerEvent, model: RetailBehaviour) -> EventObservation {
        EventObservation(isOutcome: event.kind == .purchase, rise: nil)
    }

    /// The latent purchase rate (orders per second while active).
    @inline(__always)
    func trueScore(_ model: RetailBehaviour, customer: Int, at time: Double) -> Double {
        model.currentPurchaseRate(customer)
    }

    func isLatentHigh(_ model: RetailBehaviour, customer: Int) -> Bool { model.intent(of: customer) == .high }

    func scanRises(_ model: RetailBehaviour, after since: Double, through time: Double, register: (Int, Double) -> Void) {
        model.forEachHighIntent { c, changed in
            let rise = Double(changed)
            if rise > since, rise <= time { register(c, rise) }
        }
    }

    /// Intent level (0 low, 1 medium, 2 high), whether active (1) or dropped out (0), and the
    /// latent purchase rate in orders per day.
    func truthValues(_ model: RetailBehaviour, customer: Int, at time: Double) -> [Double] {
        [Double(model.intent(of: customer).rawValue), model.isActive(customer) ? 1 : 0,
         model.currentPurchaseRate(customer) * 86_400]
    }
}
