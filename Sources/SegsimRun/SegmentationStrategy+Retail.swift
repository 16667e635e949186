import SegsimBehaviour
import SegsimPipeline
import SegsimScenario

/// Retail fitting and assignment for the pipeline's strategies: one customer at a time with
/// static dispatch (an enum switch, no existential) and no allocation, the feature row being a
/// caller-owned buffer.
extension SegmentationStrategy {
    /// Recency given to customers who never bought, in days: far beyond any cut, finite.
    static let neverBoughtRecencyDays = 1e6
    /// The column of ``RetailFeatures/featureNames`` that orders k-means clusters (monetary total).
    static let kMeansValueColumn = 3

    /// Fits the configured strategy at the start of the run.
    /// - Parameters:
    ///   - training: feature rows of the training sample at the label cut-off (logistic only).
    ///   - labels: whether each training customer bought in the label window (logistic only).
    ///   - current: feature rows of the training sample at the fitting time.
    ///   - trueScores: every customer's ground-truth score at the fitting time (oracle only).
    static func fitRetail(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                          current: TrainingMatrix, trueScores: () -> [Double], seed: UInt64,
                          replication: Int) throws(SegmentationError) -> SegmentationStrategy {
        if let shared = try fitShared(configuration, training: training, labels: labels, current: current,
                                      trueScores: trueScores, kMeansValueColumn: kMeansValueColumn,
                                      seed: seed, replication: replication) {
            return shared
        }
        guard configuration.kind == .rfm else {
            throw .invalidParameter(field: "strategy.kind", value: 0, requirement: "a retail strategy")
        }
        var recency: [Double] = [], frequency: [Double] = [], monetary: [Double] = []
        for row in 0..<current.rows {
            let base = row * current.columns
            let bought = current.values[base + 1] > 0
            recency.append(bought ? current.values[base] : neverBoughtRecencyDays)
            frequency.append(current.values[base + 2])
            monetary.append(current.values[base + 3])
        }
        return .rfm(try RFMSegmentation(recency: recency, frequency: frequency, monetary: monetary))
    }

    /// The segment and score (NaN without one) of a customer with `features`, using `row` as
    /// scratch space for the feature vector; `trueScore` is read only by the oracle.
    /// - Complexity: O(features × clusters) for k-means, O(features) otherwise; no allocation.
    @inline(__always)
    func assign(_ features: RetailFeatures, row: inout [Double], trueScore: Double) -> (UInt8, Float) {
        if let shared = assignShared(features, row: &row, trueScore: trueScore) { return shared }
        switch self {
        case let .rfm(model):
            let recency = features.recency.map { $0 / 86_400 } ?? Self.neverBoughtRecencyDays
            let assignment = try? model.assign(recency: recency, frequency: Double(features.frequency),
                                               monetary: features.monetaryTotal)
            return (UInt8(assignment?.segmentIndex ?? RFMSegment.lost.rawValue), .nan)
        case .laceRule, .kMeans, .logisticRegression, .oracle:
            // LACE is never fitted for retail (`fitRetail` refuses it); the rest are shared.
            return (UInt8(SegmentTier.low.rawValue), .nan)
        }
    }
}
