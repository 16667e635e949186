import SegsimBehaviour

/// The healthcare rule baseline: tiers straight from the LACE index (van Walraven et al., 2010).
///
/// A total of 10 or more is high risk (the published cut-off, ``LACEScore/highRiskThreshold``),
/// 5–9 medium and 0–4 low. It needs no fitting; the total itself serves as its score, so it has an
/// AUC like the fitted models.
public enum LACERule {
    /// The segment names in index order (``SegmentTier/names``).
    public static let segmentNames = SegmentTier.names

    /// The tier of a LACE total.
    /// - Throws: ``SegmentationError/invalidParameter(field:value:requirement:)`` unless
    ///   `0 <= total <= 19` (``LACEScore/maximum``).
    public static func tier(total: Int) throws(SegmentationError) -> SegmentTier {
        guard (0...LACEScore.maximum).contains(total) else {
            throw .invalidParameter(field: "lace.total", value: Double(total), requirement: "in 0...\(LACEScore.maximum)")
        }
        return tier(validTotal: total)
    }

    /// The tier of a computed LACE score (always in range, so this cannot fail).
    public static func tier(for score: LACEScore) -> SegmentTier { tier(validTotal: score.total) }

    private static func tier(validTotal total: Int) -> SegmentTier {
        switch total {
        case LACEScore.highRiskThreshold...: .high
        case 5...: .medium
        default: .low
        }
    }
}
