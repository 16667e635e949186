import SegsimRandom
import Testing
import SegsimMetrics

@Suite struct RankingTests {
    @Test func aucWithTiesMatchesPairCount() throws {
        // Positives score 0.4, 0.8, 0.9; negatives 0.1, 0.4, 0.4. Of the 3 × 3 = 9 pairs:
        //   positive 0.4: beats 0.1, ties both 0.4s → 1 + ½ + ½ = 2
        //   positive 0.8: beats all three → 3;  positive 0.9: beats all three → 3
        // AUC = 8/9. Tolerance 1e-12 (the count is exact; one division).
        let scores: [Float] = [0.1, 0.4, 0.4, 0.8, 0.4, 0.9]
        let outcomes = [false, false, true, true, false, true]
        #expect(isClose(try rocAUC(scores: scores, outcomes: outcomes), 8.0 / 9.0, tolerance: 1e-12))
    }

    @Test func aucOfPerfectReversedAndConstantScores() throws {
        let outcomes = (0..<100).map { $0 % 3 == 0 }
        let perfect = outcomes.map { $0 ? Float(1) : 0 }
        #expect(try rocAUC(scores: perfect, outcomes: outcomes) == .value(1))
        #expect(try rocAUC(scores: perfect.map { -$0 }, outcomes: outcomes) == .value(0))
        #expect(try rocAUC(scores: [Float](repeating: 0.5, count: 100), outcomes: outcomes) == .value(0.5))
        // −0 and +0 tie; ±∞ rank last and first.
        #expect(try rocAUC(scores: [-0.0, 0.0], outcomes: [true, false]) == .value(0.5))
        #expect(try rocAUC(scores: [-.infinity, .infinity, 1], outcomes: [false, true, false]) == .value(1))
    }

    @Test func aucOfRandomScoreIsOneHalf() throws {
        // 100,000 customers, outcome ~ Bernoulli(0.3) independent of a uniform score. Under the null
        // the AUC has standard deviation √((n₁ + n₀ + 1) / (12 n₁ n₀)) ≈ √(100001 / (12·3e4·7e4))
        // ≈ 0.002, so ±0.01 is five standard deviations (and the seed is fixed).
        var generator = SplitMix64(state: 7)
        let n = 100_000
        let scores = (0..<n).map { _ in Float(generator.uniform()) }
        let outcomes = (0..<n).map { _ in generator.uniform() < 0.3 }
        #expect(isClose(try rocAUC(scores: scores, outcomes: outcomes), 0.5, tolerance: 0.01))
    }

    @Test func aucNotApplicableWhenOutcomesAreAllEqual() throws {
        #expect(isNotApplicable(try rocAUC(scores: [0.1, 0.9], outcomes: [true, true])))
        #expect(isNotApplicable(try rocAUC(scores: [0.1, 0.9], outcomes: [false, false])))
        #expect(isNotApplicable(try rocAUC(scores: [], outcomes: [])))
    }

    @Test func rankingRejectsBadInput() {
        #expect(throws: MetricError.notFinite(field: "scores", index: 1)) {
            try rocAUC(scores: [0.1, .nan], outcomes: [true, false])
        }
        #expect(throws: MetricError.mismatchedLengths(field: "outcomes", expected: 2, actual: 1)) {
            try ScoreRanking(scores: [0.1, 0.2], outcomes: [true])
        }
        #expect(throws: MetricError.self) {
            try ScoreRanking(scores: [], outcomes: []).cumulativeGains(points: [-0.1])
        }
        #expect(throws: MetricError.self) { try ScoreRanking(scores: [], outcomes: []).liftByQuantile(groupCount: 0) }
    }

    /// Ten customers; by descending score the ranking is customers 0, 2, 4, 6, 7, 8, 3, 5, 1, 9 with
    /// outcomes T T F T F F T F F F: 4 positives, overall rate 0.4.
    static let scores: [Float] = [0.9, 0.1, 0.8, 0.3, 0.7, 0.2, 0.6, 0.5, 0.4, 0.05]
    static let outcomes = [true, false, true, true, false, false, true, false, false, false]

    @Test func rankingOrdersOutcomesByDescendingScore() throws {
        let ranking = try ScoreRanking(scores: Self.scores, outcomes: Self.outcomes)
        #expect(ranking.rankedOutcomes == [true, true, false, true, false, false, true, false, false, false])
        // Negatives below each positive (ranks 1, 2, 4, 7): 6 + 6 + 5 + 3 = 20 of 4 × 6 = 24 pairs.
        #expect(isClose(ranking.rocAUC, 20.0 / 24.0, tolerance: 1e-12))
    }

    @Test func liftByDecileOnHandExample() throws {
        // One customer per decile: rate 1 or 0, lift 1/0.4 = 2.5 or 0.
        let deciles = try liftByDecile(scores: Self.scores, outcomes: Self.outcomes)
        #expect(deciles.map(\.customers) == Array(repeating: 1, count: 10))
        let expected: [Double] = [2.5, 2.5, 0, 2.5, 0, 0, 2.5, 0, 0, 0]
        for (decile, lift) in zip(deciles, expected) {
            #expect(isClose(decile.lift, lift, tolerance: 1e-12))
        }
        // 25 customers in 10 groups: sizes ⌊(g+1)·25/10⌋ − ⌊g·25/10⌋ = 2,3,2,3,…
        let ranking = try ScoreRanking(scores: [Float](repeating: 1, count: 25), outcomes: [Bool](repeating: true, count: 25))
        #expect(ranking.liftByDecile().map(\.customers) == [2, 3, 2, 3, 2, 3, 2, 3, 2, 3])
        // Fewer customers than deciles: the empty ones are not applicable.
        let small = try liftByDecile(scores: [1, 2], outcomes: [true, false])
        #expect(small.filter { isNotApplicable($0.rate) }.count == 8)
    }

    @Test func tiesAreRankedByCustomerIndex() throws {
        // All scores equal: the ranking keeps index order, so the first decile is customer 0.
        let outcomes = (0..<10).map { $0 >= 5 }
        let ranking = try ScoreRanking(scores: [Float](repeating: 3, count: 10), outcomes: outcomes)
        #expect(ranking.rankedOutcomes == outcomes)
        #expect(ranking.rocAUC == .value(0.5))
    }

    @Test func cumulativeGainsOnHandExample() throws {
        //   x = 0.2  → top 2 (T T): 2/4 = 0.5
        //   x = 0.25 → top 2.5: 2 + ½·(3rd = F) = 2 → 0.5
        //   x = 0.35 → top 3.5: 2 + ½·(4th = T) = 2.5 → 0.625
        //   x = 0.5  → top 5: 3 → 0.75;  x = 0.7 → 4 → 1;  x = 1 → 1;  x = 0 → 0
        // Points are given out of order to check the output keeps the caller's order.
        // Tolerance 1e-12: x·n is inexact for 0.35 (3.4999…), which moves the value by < 1e-15.
        let points = [0.5, 0, 0.2, 0.25, 0.35, 0.7, 1]
        let expected = [0.75, 0, 0.5, 0.5, 0.625, 1, 1]
        let gains = try cumulativeGains(scores: Self.scores, outcomes: Self.outcomes, points: points)
        #expect(gains.map(\.customerShare) == points)
        for (point, value) in zip(gains, expected) {
            #expect(isClose(point.positiveShare, value, tolerance: 1e-12))
        }
        let standard = try cumulativeGains(scores: Self.scores, outcomes: Self.outcomes)
        #expect(standard.count == 21 && standard.last?.positiveShare == .value(1))
    }

    @Test func gainsNotApplicableWithoutPositives() throws {
        let gains = try cumulativeGains(scores: [1, 2], outcomes: [false, false], points: [0.5])
        #expect(isNotApplicable(gains[0].positiveShare))
    }
}

/// The ranking sorts with a linear-time radix sort; through the public API it must agree with a
/// stable comparison sort by descending score, ties by customer index, for negative, zero and
/// tied scores alike.
@Suite struct RankingOrderTests {
    @Test func matchesAStableComparisonSort() throws {
        var generator = SplitMix64(state: 99)
        let n = 20_000
        let scores: [Float] = (0..<n).map { _ in Float(Int.random(in: -50...50, using: &generator)) / 7 }
        let outcomes: [Bool] = (0..<n).map { _ in Bool.random(using: &generator) }
        let ranking = try ScoreRanking(scores: scores, outcomes: outcomes)
        let expected = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.map { outcomes[$0] }
        #expect(ranking.rankedOutcomes == expected)
    }
}
