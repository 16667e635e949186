#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SegsimBehaviour
import SegsimPipeline
import SegsimRandom
import SegsimScenario

/// The healthcare domain of a ``Replication``: patients from ``HealthcareBehaviour``, LACE and
/// utilisation features, and the 30-day readmission as the outcome.
///
/// **History.** Patients' encounters start ``historySeconds`` (a year) before the run, and that
/// year is replayed into the features like a hospital's records, so LACE's six-month ED look-back,
/// the 365-day encounter counts and the logistic model's temporal split (features at −horizon,
/// labels in (−horizon, 0]) have data at time 0.
///
/// **Outcome.** A patient has the outcome of a lift snapshot at T when an *unplanned readmission*
/// happens in (T, T + horizon]: an emergent admission within 30 days of the patient's previous
/// discharge — exactly the behaviour's readmission count (CMS's measure, elective admissions
/// excluded). Every patient is in the denominator, as every customer is in retail, so the overall
/// rate is a population rate (well below the ≈ 15% per discharge) and lift is against it.
///
/// **Latent state.** "Risk becomes high" is a discharge that scheduled a readmission (the
/// behaviour's latent "will be readmitted" state); freshness runs from that discharge to the
/// patient's entering the top segment, and precision and recall of the top segment are against it.
///
/// **Oracle.** Its score is the probability of a readmission within the horizon given the
/// latent state (see ``trueScore(_:customer:at:)``): an upper bound, not a deployable model.
struct HealthcareDomain: ReplicationDomain {
    typealias Behaviour = HealthcareBehaviour
    typealias Store = HealthcareFeatureStore
    typealias Features = HealthcareFeatures

    /// The history replayed before the run: a year of encounters, in seconds.
    static let historySeconds = 365 * 86_400.0
    /// The length of stay, in whole days, the oracle assumes for a stay in progress (about the
    /// median of the default length-of-stay distribution).
    static let typicalStayDays = 3

    /// The random-stream purposes a healthcare run draws from, for `summary.json`.
    static let streamPurposes = [
        "healthcare.population", "healthcare.events", "healthcare.costs", "pipeline.append", "pipeline.processing",
        "pipeline.store", "strategy.kmeans",
    ]
    static let featureNames = HealthcareFeatures.featureNames
    static let truthNames = ["latent_risk_admissions_per_year", "readmission_scheduled", "alive", "in_hospital",
                             "true_last_discharge_lace"]
    static let notes = [
        "Healthcare outcome: an unplanned readmission (an emergent admission within 30 days of the patient's previous "
            + "discharge) in the horizon after each lift snapshot, over all patients. The latent high state is a "
            + "scheduled readmission; freshness runs from the discharge that scheduled it to the top segment.",
        "Healthcare oracle: lift.oracle_top_segment takes as many top patients by true risk as the strategy's top "
            + "segment holds at each snapshot, so rules with tiers of their own size are compared like for like.",
        "Healthcare history: patients' encounters start a year before the run and are replayed into the features, "
            + "so LACE, the encounter counts and the logistic model's training labels have data at time 0.",
    ]

    /// The LACE rule's high tier holds a few percent of patients, not the configured share.
    static let oracleMatchesTopSegment = true
    static let noLatentHighReason = "no patient had a scheduled readmission"
    static let noRiseReason = "no discharge scheduled a readmission during the run"

    /// Each patient's last discharge as generated (−∞ before the first): the truth side's own
    /// record, independent of the pipeline.
    private var lastDischarge: [Double]
    /// p(scheduled readmission) after a typical emergent stay, by Charlson index.
    private let typicalReadmission: [Double]
    private let horizon: Double

    static func makeBehaviour(scenario: Scenario, replication: Int) throws(RunError) -> HealthcareBehaviour {
        let horizon = scenario.evaluation.horizon
        if scenario.strategy.kind == .logistic, horizon >= historySeconds {
            throw RunError(path: "evaluation.horizon", message:
                "the logistic strategy learns from the year of history before the run: evaluation.horizon must be shorter "
                + "than \(SimulatedDuration(seconds: historySeconds).text), got \(SimulatedDuration(seconds: horizon).text)")
        }
        do {
            return try HealthcareBehaviour(parameters: scenario.healthcare, runSeed: scenario.seed, replication: replication,
                                           start: -historySeconds)
        } catch {
            throw RunError(path: error.path, message: error.message)
        }
    }

    static func makeStore(for model: HealthcareBehaviour, idempotent: Bool) -> HealthcareFeatureStore {
        HealthcareFeatureStore(charlsonIndex: (0..<model.customerCount).map(model.charlsonIndex(of:)), idempotent: idempotent)
    }

    init(model: HealthcareBehaviour, scenario: Scenario) {
        lastDischarge = Array(repeating: -.infinity, count: model.customerCount)
        let readmission = model.parameters.readmission
        typicalReadmission = (0...ChronicConditions(ChronicCondition.allCases).charlsonIndex).map { charlson in
            readmission.probability(lace: LACEScore(lengthOfStayDays: Self.typicalStayDays, emergent: true,
                                                    charlsonIndex: charlson, emergencyVisits: 0).total)
        }
        horizon = scenario.evaluation.horizon
    }

    static func bytesPerCustomer(_ store: HealthcareFeatureStore) -> (features: Int, dedup: Int) {
        (HealthcareFeatureStore.stateBytesPerCustomer, store.dedupBytesPerCustomer)
    }

    /// Patients' features are columns, not one record: nothing to fetch ahead.
    @inline(__always)
    static func prefetch(_ customer: Int, in store: HealthcareFeatureStore) {}

    @inline(__always)
    static func apply(_ event: CustomerEvent, to store: inout HealthcareFeatureStore) -> Bool { store.apply(event) }

    @inline(__always)
    static func features(_ store: HealthcareFeatureStore, customer: Int, at time: Double) -> HealthcareFeatures {
        store.features(of: customer, at: time)
    }

    static func vector(_ features: HealthcareFeatures) -> [Double] { features.vector }

    static func fit(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                    current: TrainingMatrix, trueScores: () -> [Double], seed: UInt64,
                    replication: Int) throws(SegmentationError) -> SegmentationStrategy {
        try SegmentationStrategy.fitHealthcare(configuration, training: training, labels: labels, current: current,
                                               trueScores: trueScores, seed: seed, replication: replication)
    }

    @inline(__always)
    static func assign(_ strategy: SegmentationStrategy, _ features: HealthcareFeatures, row: inout [Double],
                       trueScore: Double) -> (UInt8, Float) {
        strategy.assign(features, row: &row, trueScore: trueScore)
    }

    /// An emergent admission within 30 days of the last discharge is an outcome; a discharge that
    /// scheduled a readmission is a latent rise. The model has just taken the step that emitted
    /// the event, so its flags are the ones that step set.
    @inline(__always)
    mutating func observe(_ event: CustomerEvent, model: HealthcareBehaviour) -> EventObservation {
        let c = Int(event.customer)
        switch event.kind {
        case .discharge:
            lastDischarge[c] = event.time
            return EventObservation(isOutcome: false, rise: model.hasScheduledReadmission(c) ? event.time : nil)
        case .admission:
            let readmission = event.attribute != 0
                && event.time - lastDischarge[c] <= HealthcareBehaviour.readmissionWindowSeconds
            return EventObservation(isOutcome: readmission, rise: nil)
        default:
            return EventObservation(isOutcome: false, rise: nil)
        }
    }

    /// The probability of an unplanned readmission within the horizon given the latent state:
    /// 0 when dead; 1 with a scheduled readmission; in hospital, p(readmission) after a typical
    /// emergent stay (``typicalStayDays``) at the patient's Charlson index; within 30 days of a
    /// discharge, the chance of an admission in what is left of the window at the patient's
    /// latent admission rate; otherwise the chance of an admission within the horizon times the
    /// in-hospital figure. An approximation (admissions are treated as emergent), but monotone in
    /// everything the model uses.
    func trueScore(_ model: HealthcareBehaviour, customer c: Int, at time: Double) -> Double {
        guard model.isAlive(c) else { return 0 }
        if model.hasScheduledReadmission(c) { return 1 }
        let afterStay = typicalReadmission[min(model.charlsonIndex(of: c), typicalReadmission.count - 1)]
        if model.isInHospital(c) { return afterStay }
        let rate = model.latentRisk(of: c) / (365.25 * 86_400)
        let window = HealthcareBehaviour.readmissionWindowSeconds
        let since = time - lastDischarge[c]
        if since < window { return -expm1(-rate * (window - since)) }
        return -expm1(-rate * horizon) * afterStay
    }

    func isLatentHigh(_ model: HealthcareBehaviour, customer: Int) -> Bool {
        model.hasScheduledReadmission(customer) && model.isAlive(customer)
    }

    /// None: healthcare rises are revealed by their discharge events (``observe(_:model:)``).
    func scanRises(_ model: HealthcareBehaviour, after since: Double, through time: Double, register: (Int, Double) -> Void) {}

    /// Latent admissions per year, whether a readmission is scheduled, alive, in hospital (0/1),
    /// and the true LACE of the last discharge (−1 before the first).
    func truthValues(_ model: HealthcareBehaviour, customer c: Int, at time: Double) -> [Double] {
        [model.latentRisk(of: c), model.hasScheduledReadmission(c) ? 1 : 0, model.isAlive(c) ? 1 : 0,
         model.isInHospital(c) ? 1 : 0, Double(model.lastDischargeLACE(of: c) ?? -1)]
    }
}
