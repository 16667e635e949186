/// The area under the ROC curve of `scores` against `outcomes`: the probability that a random
/// positive scores above a random negative, ties counting one half (Mann–Whitney U / (P·N)).
///
/// 0.5 is a random score, 1 a perfect one. Not applicable when all outcomes are equal or there
/// are no customers — in particular never for a segment-only rule, which has no score.
/// To compute several ranking metrics of the same snapshot, build one ``ScoreRanking`` instead.
/// - Throws: ``MetricError`` on mismatched lengths or a NaN score.
/// - Complexity: O(n) (a radix sort; see ``ScoreRanking``).
public func rocAUC(scores: [Float], outcomes: [Bool]) throws(MetricError) -> MetricValue {
    try ScoreRanking(scores: scores, outcomes: outcomes).rocAUC
}

/// The positive rate and lift of each score decile, highest scores first (ties by index).
/// - Throws: ``MetricError`` on mismatched lengths or a NaN score.
/// - Complexity: O(n) (a radix sort; see ``ScoreRanking``).
public func liftByDecile(scores: [Float], outcomes: [Bool]) throws(MetricError) -> [LiftGroup] {
    try ScoreRanking(scores: scores, outcomes: outcomes).liftByDecile()
}

/// The cumulative gains curve of `scores`: the share of all positives in the top x of customers.
/// - Throws: ``MetricError`` on mismatched lengths, a NaN score or a point outside [0, 1].
/// - Complexity: O(n) (a radix sort; see ``ScoreRanking``).
public func cumulativeGains(scores: [Float], outcomes: [Bool], points: [Double] = GainsPoint.standardGrid) throws(MetricError) -> [GainsPoint] {
    try ScoreRanking(scores: scores, outcomes: outcomes).cumulativeGains(points: points)
}
