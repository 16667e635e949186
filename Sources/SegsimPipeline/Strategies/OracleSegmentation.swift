/// The oracle: tiers from the **ground-truth** score of each customer (the latent purchase rate in
/// retail, the true readmission risk in healthcare), which no real pipeline can observe.
///
/// It is an upper bound for evaluation only — what a perfect model would achieve with the same tier
/// sizes — and must never be a default strategy. It ranks the population's true scores into the
/// same quantile tiers as the fitted models (``TierMapping/init(fittingScores:highFraction:mediumFraction:)``),
/// so that tier-level comparisons are like for like.
public struct OracleSegmentation: Sendable, Equatable {
    /// The thresholds fitted on the population's true scores.
    public let mapping: TierMapping

    /// Fits the tier thresholds on the true scores of the evaluation population.
    /// - Throws: ``SegmentationError`` as ``TierMapping/init(fittingScores:highFraction:mediumFraction:)``.
    public init(trueScores: [Double], highFraction: Double = 0.1, mediumFraction: Double = 0.3) throws(SegmentationError) {
        mapping = try TierMapping(fittingScores: trueScores, highFraction: highFraction, mediumFraction: mediumFraction)
    }

    /// The tier of a customer whose true score is `trueScore`. O(1).
    @inlinable
    public func assign(trueScore: Double) -> SegmentTier { mapping.tier(for: trueScore) }
}
