import SegsimRandom
import Testing
import SegsimMetrics

@Suite struct LiftTests {
    /// Ten customers in three segments; 3 positives (overall rate 0.3):
    ///   segment 0: customers 0–2, outcomes T T F  → rate 2/3, lift (2/3)/0.3 = 2.2222…
    ///   segment 1: customers 3–6, outcomes T F F F → rate 1/4, lift 0.25/0.3 = 0.8333…
    ///   segment 2: customers 7–9, outcomes F F F  → rate 0,   lift 0
    static let segments: [UInt8] = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    static let outcomes = [true, true, false, true, false, false, false, false, false, false]

    @Test func perSegmentRatesAndLift() throws {
        // Tolerance 1e-12: one or two roundings of values of order 1.
        let lift = try SegmentLift(segments: Self.segments, outcomes: Self.outcomes, segmentCount: 3)
        #expect(lift.customers == 10 && lift.positives == 3)
        #expect(isClose(lift.overallRate, 0.3, tolerance: 1e-12))
        #expect(lift.segments.map(\.customers) == [3, 4, 3])
        #expect(lift.segments.map(\.positives) == [2, 1, 0])
        #expect(isClose(lift.segments[0].lift, 20.0 / 9.0, tolerance: 1e-12))
        #expect(isClose(lift.segments[1].lift, 5.0 / 6.0, tolerance: 1e-12))
        #expect(lift.segments[2].lift == .value(0))
    }

    @Test func topSegmentByOrderAndBestByRate() throws {
        let lift = try SegmentLift(segments: Self.segments, outcomes: Self.outcomes, segmentCount: 4)
        // The strategy says segment 1 is its best: that is what it acts on, even though segment 0 is
        // better by rate. An empty segment (3) first in the order is skipped.
        #expect(lift.topSegment(order: [3, 1, 0, 2]) == 1)
        #expect(isClose(lift.topLift(order: [1, 0, 2]), 5.0 / 6.0, tolerance: 1e-12))
        #expect(lift.bestSegmentByRate == 0)
        #expect(lift.topSegment(order: [3]) == nil)
        #expect(isNotApplicable(lift.topLift(order: [3, 9])))
        #expect(isNotApplicable(lift.segments[3].rate))
        #expect(isNotApplicable(lift.segments[3].lift))
    }

    @Test func perfectSegmentationReachesMaximalLift() throws {
        // 1,000 customers, every 10th positive (overall rate 0.1); segment 0 holds exactly the
        // positives. Its rate is 1, and its lift 1/0.1 = 10 is the largest any segment can have.
        let outcomes = (0..<1_000).map { $0 % 10 == 0 }
        let segments = outcomes.map { $0 ? UInt8(0) : 1 }
        let lift = try SegmentLift(segments: segments, outcomes: outcomes, segmentCount: 2)
        #expect(lift.segments[0].rate == .value(1))
        #expect(isClose(lift.segments[0].lift, 10, tolerance: 1e-12))
        #expect(lift.segments[1].rate == .value(0))
        let detection = try PrecisionRecall(segments: segments, truth: outcomes, segment: 0)
        #expect(detection.precision == .value(1) && detection.recall == .value(1))
        // Gains: the top 10% captures every positive.
        let gains = try lift.cumulativeGains(order: [0, 1], points: [0.1, 0.05])
        #expect(gains.map(\.positiveShare) == [.value(1), .value(0.5)])
    }

    @Test func randomStrategyHasLiftOneAndAUCOneHalfWithinItsInterval() throws {
        // Twenty replications of a strategy that ignores the customers: segments uniform over three
        // tiers, scores uniform, outcomes Bernoulli(0.2) independent of both. The top tier's lift
        // and the score's AUC must be 1 and 0.5 within the replications' 95% t intervals (a fixed
        // seed; the intervals are wide enough to hold the truth about 19 times in 20).
        var generator = SplitMix64(state: 2024)
        var lifts: [Double] = [], aucs: [Double] = []
        for _ in 0..<20 {
            let n = 20_000
            let segments = (0..<n).map { _ in UInt8(generator.uniform() * 3) }
            let scores = (0..<n).map { _ in Float(generator.uniform()) }
            let outcomes = (0..<n).map { _ in generator.uniform() < 0.2 }
            let lift = try SegmentLift(segments: segments, outcomes: outcomes, segmentCount: 3)
            lifts.append(try #require(lift.topLift(order: [0, 1, 2]).number))
            aucs.append(try #require(rocAUC(scores: scores, outcomes: outcomes).number))
        }
        let lift = try #require(try ReplicationInterval(lifts).confidenceInterval)
        let auc = try #require(try ReplicationInterval(aucs).confidenceInterval)
        #expect(lift.lower <= 1 && 1 <= lift.upper, "top lift \(lift)")
        #expect(auc.lower <= 0.5 && 0.5 <= auc.upper, "AUC \(auc)")
        #expect(lift.halfWidth < 0.05 && auc.halfWidth < 0.01)
    }

    @Test func liftNotApplicableWithoutPositivesOrCustomers() throws {
        let none = try SegmentLift(segments: [0, 1], outcomes: [false, false], segmentCount: 2)
        #expect(none.overallRate == .value(0))
        let noLift = none.segments.allSatisfy { isNotApplicable($0.lift) }
        #expect(noLift)
        let empty = try SegmentLift(segments: [], outcomes: [], segmentCount: 2)
        #expect(isNotApplicable(empty.overallRate))
        #expect(empty.bestSegmentByRate == nil)
        let emptyGains = try empty.cumulativeGains(order: [0])
        let gainsNotApplicable = emptyGains.count == 21 && emptyGains.allSatisfy { isNotApplicable($0.positiveShare) }
        #expect(gainsNotApplicable)
    }

    @Test func liftRejectsBadInput() {
        #expect(throws: MetricError.mismatchedLengths(field: "outcomes", expected: 2, actual: 1)) {
            try SegmentLift(segments: [0, 1], outcomes: [true], segmentCount: 2)
        }
        #expect(throws: MetricError.segmentOutOfRange(field: "segments", index: 1, segment: 2, segmentCount: 2)) {
            try SegmentLift(segments: [0, 2], outcomes: [true, false], segmentCount: 2)
        }
    }

    @Test func precisionAndRecallOfTopSegment() throws {
        // Latent truth: customers 0, 1, 2 and 9 have high intent. Segment 0 = customers 0–2:
        // 3 hits of 3 selected (precision 1), 3 of 4 relevant (recall 0.75).
        let truth = [true, true, true, false, false, false, false, false, false, true]
        let result = try PrecisionRecall(segments: Self.segments, truth: truth, segment: 0)
        #expect(result.truePositives == 3 && result.selected == 3 && result.relevant == 4)
        #expect(result.precision == .value(1))
        #expect(result.recall == .value(0.75))
        let empty = try PrecisionRecall(segments: Self.segments, truth: truth, segment: 7)
        #expect(isNotApplicable(empty.precision))
        #expect(empty.recall == .value(0))
        let noTrait = try PrecisionRecall(segments: [0], truth: [false], segment: 0)
        #expect(isNotApplicable(noTrait.recall))
        #expect(throws: MetricError.self) { try PrecisionRecall(segments: [0], truth: [], segment: 0) }
    }

    @Test func segmentGainsArePiecewiseLinear() throws {
        // Order 0, 1, 2: boundaries after 3 customers (2 of 3 positives) and 7 customers (3 of 3).
        //   x = 0.1 → 1 customer into segment 0: (1/3)·2 = 2/3 positive → 2/9
        //   x = 0.3 → boundary: 2/3
        //   x = 0.5 → 3 + 2 of segment 1's 4: 2 + (2/4)·1 = 2.5 → 5/6
        //   x = 0.7, 1 → 1
        let lift = try SegmentLift(segments: Self.segments, outcomes: Self.outcomes, segmentCount: 3)
        let points = [0, 0.1, 0.3, 0.5, 0.7, 1]
        let gains = try lift.cumulativeGains(order: [0, 1, 2], points: points)
        let expected = [0, 2.0 / 9.0, 2.0 / 3.0, 5.0 / 6.0, 1, 1]
        #expect(gains.map(\.customerShare) == points)
        for (point, value) in zip(gains, expected) {
            #expect(isClose(point.positiveShare, value, tolerance: 1e-12))
        }
        // Segments left out of the order come last: order [0] behaves like [0, 1, 2].
        #expect(try lift.cumulativeGains(order: [0], points: points) == gains)
        #expect(throws: MetricError.duplicateSegment(field: "order", index: 1, segment: 0)) {
            try lift.cumulativeGains(order: [0, 0])
        }
        #expect(throws: MetricError.self) { try lift.cumulativeGains(order: [3]) }
        #expect(throws: MetricError.self) { try lift.cumulativeGains(order: [0], points: [1.5]) }
    }

    @Test func oracleShareOfLift() {
        // Strategy lift 2, oracle lift 3: (2 − 1)/(3 − 1) = 0.5.
        #expect(oracleShare(strategyTopLift: 2, oracleTopLift: 3) == .value(0.5))
        #expect(isNotApplicable(oracleShare(strategyTopLift: 2, oracleTopLift: 1)))
        #expect(isNotApplicable(oracleShare(strategyTopLift: .value(2), oracleTopLift: .notApplicable(reason: "no positives"))))
        #expect(oracleShare(strategyTopLift: MetricValue.value(1), oracleTopLift: .value(5)) == .value(0))
    }
}
