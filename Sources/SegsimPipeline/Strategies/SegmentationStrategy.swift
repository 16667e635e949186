/// A fitted segmentation strategy, as the evaluation sees it: its segment names and whether it
/// produces a score.
///
/// An enum over the concrete strategies rather than a protocol existential, so the per-customer
/// calls stay statically dispatched: callers switch once per strategy and then call the concrete
/// `assign`/`score` in their loop. The inputs differ by strategy (R/F/M values, a feature row, a
/// LACE total, a true score), which is why assignment lives on the concrete types.
public enum SegmentationStrategy: Sendable, Equatable {
    /// Retail RFM quintiles and named segments (a rule: no score).
    case rfm(RFMSegmentation)
    /// k-means clusters (no score: clusters are not ordered by a probability).
    case kMeans(KMeans)
    /// Logistic regression probability, cut into tiers by the mapping.
    case logisticRegression(LogisticRegression, TierMapping)
    /// The LACE index rule (its 0–19 total serves as a score).
    case laceRule
    /// Ground-truth tiers: an upper bound for evaluation only, never a default.
    case oracle(OracleSegmentation)

    /// A short identifier for reports.
    public var name: String {
        switch self {
        case .rfm: "rfm"
        case .kMeans: "kmeans"
        case .logisticRegression: "logistic"
        case .laceRule: "lace"
        case .oracle: "oracle"
        }
    }

    /// The segment names in segment-index order.
    public var segmentNames: [String] {
        switch self {
        case .rfm: RFMSegmentation.segmentNames
        case let .kMeans(model): model.segmentNames
        case .logisticRegression, .laceRule, .oracle: SegmentTier.names
        }
    }

    /// Whether the strategy yields a per-customer score, so that ranking metrics such as the AUC
    /// apply; for the others they are reported as not applicable.
    public var hasScore: Bool {
        switch self {
        case .rfm, .kMeans: false
        case .logisticRegression, .laceRule, .oracle: true
        }
    }

    /// Whether the strategy reads the ground truth (the oracle), so results must be labelled as an
    /// upper bound.
    public var readsGroundTruth: Bool {
        if case .oracle = self { return true }
        return false
    }
}
