import SegsimMetrics
import SegsimPipeline
import SegsimScenario

/// Every customer's segment and score at one instant, kept until the outcome horizon after it
/// has passed; then ``measure(segmentCount:configuration:)`` turns it into a ``LiftRow``.
/// About 9 bytes a customer while open.
struct LiftSnapshot {
    let time: Double
    let segments: [UInt8]
    /// The strategy's scores, nil for rules.
    let scores: [Float]?
    /// The ground-truth scores (the oracle's ranking).
    let trueScores: [Float]
    /// The latent truth the top segment should capture (retail: intent is high).
    let latentHigh: CustomerBits
    /// Customers with the outcome in (time, time + horizon].
    var outcome: CustomerBits

    /// Lift, AUC, gains, precision and recall of the strategy and of the oracle.
    /// - Parameter oracleMatchesTopSegment: size the oracle's top tier like the strategy's top
    ///   segment at this snapshot (healthcare, where the LACE rule's high tier is far from the
    ///   configured share) instead of the configured high share (retail).
    func measure(segmentCount: Int, configuration: StrategyConfiguration, oracleMatchesTopSegment: Bool = false) -> LiftRow {
        let outcomes = outcome.booleans
        let order = (0..<segmentCount).map { UInt8($0) }
        let lift = try? SegmentLift(segments: segments, outcomes: outcomes, segmentCount: segmentCount)
        let strategyRanking = scores.flatMap { try? ScoreRanking(scores: $0, outcomes: outcomes) }
        let gains = strategyRanking.flatMap { try? $0.cumulativeGains() } ?? (try? lift?.cumulativeGains(order: order)) ?? nil
        let oracleRanking = try? ScoreRanking(scores: trueScores, outcomes: outcomes)
        // The oracle's top tier has the configured high share (the same size as a scored strategy's),
        // or exactly the strategy's top-segment size when asked.
        let topSize = oracleMatchesTopSegment ? segments.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } : 0
        let oracleTop = oracleRanking.flatMap { ranking -> Double? in
            let take = oracleMatchesTopSegment ? max(1, topSize)
                : max(1, Int((configuration.highFraction * Double(ranking.customers)).rounded()))
            let hits = ranking.rankedOutcomes.prefix(take).reduce(0) { $0 + ($1 ? 1 : 0) }
            guard let base = ranking.overallRate.number, base > 0 else { return nil }
            return Double(hits) / Double(take) / base
        }
        let precisionRecall = try? PrecisionRecall(segments: segments, truth: latentHigh.booleans, segment: 0)
        return LiftRow(
            time: time,
            outcomeRate: lift?.overallRate.number ?? 0,
            segmentLift: lift?.segments.map(\.lift.number) ?? [],
            topLift: lift?.topLift(order: order).number,
            oracleTopLift: oracleTop,
            auc: strategyRanking?.rocAUC.number,
            oracleAUC: oracleRanking?.rocAUC.number,
            topPrecision: precisionRecall?.precision.number,
            topRecall: precisionRecall?.recall.number,
            gains: Self.curve(gains),
            oracleGains: Self.curve((try? oracleRanking?.cumulativeGains()) ?? nil))
    }

    /// The positive shares of a gains curve, or no curve when a point does not apply (no positives).
    private static func curve(_ points: [GainsPoint]?) -> [Double] {
        guard let points else { return [] }
        let shares = points.compactMap(\.positiveShare.number)
        return shares.count == points.count ? shares : []
    }
}
