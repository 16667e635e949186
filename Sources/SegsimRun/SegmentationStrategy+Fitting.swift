import SegsimPipeline
import SegsimRandom
import SegsimScenario

extension SegmentationStrategy {
    /// Fits the strategies both domains share — k-means on the current features (clusters ordered
    /// by `kMeansValueColumn`), logistic regression of the label window cut into tiers, the oracle
    /// on the ground truth — or returns nil for a domain's own rule (RFM, LACE).
    static func fitShared(_ configuration: StrategyConfiguration, training: TrainingMatrix?, labels: [Bool],
                          current: TrainingMatrix, trueScores: () -> [Double], kMeansValueColumn: Int, seed: UInt64,
                          replication: Int) throws(SegmentationError) -> SegmentationStrategy? {
        switch configuration.kind {
        case .kmeans:
            let stream = RandomStream(runSeed: seed, replication: replication, purpose: "strategy.kmeans")
            return .kMeans(try KMeans(fitting: current, k: configuration.clusters, valueColumn: kMeansValueColumn, stream: stream))
        case .logistic:
            guard let training else { throw .empty(field: "training") }
            let model = try LogisticRegression(fitting: training, labels: labels, ridge: 1e-3)
            let mapping = try TierMapping(fittingScores: try model.scores(current), highFraction: configuration.highFraction,
                                          mediumFraction: configuration.mediumFraction)
            return .logisticRegression(model, mapping)
        case .oracle:
            return .oracle(try OracleSegmentation(trueScores: trueScores(), highFraction: configuration.highFraction,
                                                  mediumFraction: configuration.mediumFraction))
        case .rfm, .lace:
            return nil
        }
    }

    /// The segment and score of the strategies both domains share (k-means, logistic, oracle), the
    /// feature row written into `row`; nil for a domain's own rule, which the caller assigns.
    /// - Complexity: O(features × clusters) for k-means, O(features) otherwise; no allocation.
    @inline(__always)
    func assignShared<Features: FeatureRowWriting>(_ features: Features, row: inout [Double],
                                                   trueScore: Double) -> (UInt8, Float)? {
        switch self {
        case let .kMeans(model):
            features.write(into: &row)
            return (UInt8((try? model.assign(row)) ?? model.clusterCount - 1), .nan)
        case let .logisticRegression(model, mapping):
            return Self.logisticAssignment(features.score(by: model, row: &row), mapping)
        case let .oracle(model):
            return (UInt8(model.assign(trueScore: trueScore).rawValue), Float(trueScore))
        case .rfm, .laceRule:
            return nil
        }
    }

    /// A logistic probability (0 where the model could not score) cut into its tier: the segment
    /// and the score as the book keeps them.
    @inline(__always)
    static func logisticAssignment(_ score: Double?, _ mapping: TierMapping) -> (UInt8, Float) {
        let score = score ?? 0
        return (UInt8(mapping.tier(for: score).rawValue), Float(score))
    }
}

/// Features that write their model row into a caller-owned buffer (no allocation per event).
protocol FeatureRowWriting {
    func write(into row: inout [Double])
    /// `model`'s probability for these features (nil where `model.score(row)` throws), `row`
    /// being scratch space.
    func score(by model: LogisticRegression, row: inout [Double]) -> Double?
}

extension RetailFeatures: FeatureRowWriting {
    /// Scored from the fields, without the row (the same value).
    @inline(__always)
    func score(by model: LogisticRegression, row: inout [Double]) -> Double? { model.score(self) }
}

extension HealthcareFeatures: FeatureRowWriting {
    @inline(__always)
    func score(by model: LogisticRegression, row: inout [Double]) -> Double? {
        write(into: &row)
        return try? model.score(row)
    }
}
