import SegsimBehaviour
import SegsimPipeline
import SegsimScenario

/// Healthcare fitting and assignment for the pipeline's strategies, one patient at a time with
/// static dispatch and no allocation (the feature row is a caller-owned buffer).
extension SegmentationStrategy {
    /// The column of ``HealthcareFeatures/featureNames`` that orders k-means clusters: the LACE
    /// score of the last discharge, so cluster 0 is the highest-risk group.
    static let healthcareKMeansValueColumn = 3
    /// The score of a patient without a LACE score (never discharged, or deceased): below every
    /// real total, so such patients rank last.
    static let noLACEScore: Float = -1

    /// Fits the configured strategy at the start of a healthcare run.
    /// - Parameters:
    ///   - training: feature rows of the training sample at the label cut-off (logistic only).
    ///   - labels: whether each training patient had an unplanned readmission in the label window.
    ///   - current: feature rows of the training sample at the fitting time.
    ///   - trueScores: every patient's ground-truth readmission risk at the fitting time (oracle only).
    static func fitHealthcare(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                              current: TrainingMatrix, trueScores: () -> [Double], seed: UInt64,
                              replication: Int) throws(SegmentationError) -> SegmentationStrategy {
        if let shared = try fitShared(configuration, training: training, labels: labels, current: current,
                                      trueScores: trueScores, kMeansValueColumn: healthcareKMeansValueColumn,
                                      seed: seed, replication: replication) {
            return shared
        }
        guard configuration.kind == .lace else {
            throw .invalidParameter(field: "strategy.kind", value: 0, requirement: "a healthcare strategy")
        }
        return .laceRule
    }

    /// The segment and score (NaN without one) of a patient with `features`, using `row` as
    /// scratch; `trueScore` is read only by the oracle. The LACE rule's score is the LACE total of
    /// the last discharge (``noLACEScore`` before one or after death, in the low tier).
    /// - Complexity: O(features × clusters) for k-means, O(features) otherwise; no allocation.
    @inline(__always)
    func assign(_ features: HealthcareFeatures, row: inout [Double], trueScore: Double) -> (UInt8, Float) {
        if let shared = assignShared(features, row: &row, trueScore: trueScore) { return shared }
        switch self {
        case .laceRule:
            guard !features.isDeceased, let lace = features.lace else {
                return (UInt8(SegmentTier.low.rawValue), Self.noLACEScore)
            }
            return (UInt8(LACERule.tier(for: lace).rawValue), Float(lace.total))
        case .rfm, .kMeans, .logisticRegression, .oracle:
            // RFM is never fitted for healthcare (`fitHealthcare` refuses it); the rest are shared.
            return (UInt8(SegmentTier.low.rawValue), .nan)
        }
    }
}
