import Testing
import SegsimBehaviour
import SegsimPipeline

/// The rule-based strategies (RFM, LACE), the tier mapping, the oracle and the common shape, on
/// hand-worked examples.
@Suite struct StrategyRuleTests {
    // Ten customers. Cut points sit at sorted indices ⌈q·10/5⌉ − 1 = 1, 3, 5, 7:
    //  −recency sorted: −200 −150 −90 −60 −40 −25 −12 −8 −5 −3 → cuts −150, −60, −25, −8
    //  frequency sorted: 1 1 2 4 4 5 8 8 12 20                 → cuts 1, 4, 5, 8
    //  monetary sorted: 20 30 60 120 200 300 450 500 800 1500  → cuts 30, 120, 300, 500
    // The two customers with frequency 4 straddle the 2nd/3rd fifth and share the lower score, 2.
    static let recency: [Double] = [5, 40, 12, 90, 3, 200, 25, 60, 8, 150]
    static let frequency: [Double] = [12, 4, 8, 1, 20, 1, 5, 2, 8, 4]
    static let monetary: [Double] = [800, 120, 450, 30, 1500, 20, 300, 60, 500, 200]

    @Test func rfmQuintilesAndSegmentsMatchTheHandExample() throws {
        let rfm = try RFMSegmentation(recency: Self.recency, frequency: Self.frequency, monetary: Self.monetary)
        #expect(rfm.negatedRecencyCuts == [-150, -60, -25, -8])
        #expect(rfm.frequencyCuts == [1, 4, 5, 8])
        #expect(rfm.monetaryCuts == [30, 120, 300, 500])
        let results = try Self.recency.indices.map { try rfm.assign(recency: Self.recency[$0], frequency: Self.frequency[$0], monetary: Self.monetary[$0]) }
        #expect(results.map(\.recency) == [5, 3, 4, 2, 5, 1, 3, 2, 4, 1])
        #expect(results.map(\.frequency) == [5, 2, 4, 1, 5, 1, 3, 2, 4, 2])
        #expect(results.map(\.monetary) == [5, 2, 4, 1, 5, 1, 3, 2, 4, 3])
        #expect(results.map(\.frequencyMonetary) == [5, 2, 4, 1, 5, 1, 3, 2, 4, 2])
        #expect(results.map(\.segment) == [
            .champions, .aboutToSleep, .loyalCustomers, .hibernating, .champions,
            .lost, .needAttention, .hibernating, .loyalCustomers, .hibernating,
        ])
        #expect(results[1].segmentName == "About to Sleep" && results[1].segmentIndex == RFMSegment.aboutToSleep.rawValue)

        // New customers against the fitted cuts reach the remaining segments.
        func segment(_ r: Double, _ f: Double, _ m: Double) throws -> RFMSegment { try rfm.assign(recency: r, frequency: f, monetary: m).segment }
        #expect(try segment(1, 1, 10) == .newCustomers)          // R5 F1 M1
        #expect(try segment(12, 1, 10) == .promising)            // R4 F1 M1
        #expect(try segment(3, 5, 300) == .potentialLoyalists)   // R5 F3 M3
        #expect(try segment(150, 8, 450) == .atRisk)             // R1 (tie with the cut) F4 M4
        #expect(try segment(100, 30, 2_000) == .cantLoseThem)    // R2 F5 M5
    }

    @Test func rfmGridCoversEveryCellWithTheElevenSegments() {
        var cells = [RFMSegment: Int]()
        for r in 1...5 { for fm in 1...5 { cells[RFMSegment(r: r, fm: fm), default: 0] += 1 } }
        #expect(cells == [
            .champions: 2, .loyalCustomers: 4, .potentialLoyalists: 4, .newCustomers: 1, .promising: 1,
            .needAttention: 1, .aboutToSleep: 2, .atRisk: 4, .cantLoseThem: 2, .hibernating: 3, .lost: 1,
        ])
        #expect(RFMSegmentation.segmentNames.count == 11)
    }

    @Test func rfmBadInputsThrowTypedErrors() throws {
        #expect(throws: SegmentationError.empty(field: "recency")) { try RFMSegmentation(recency: [], frequency: [], monetary: []) }
        #expect(throws: SegmentationError.mismatchedLengths(field: "monetary", expected: 2, actual: 1)) {
            try RFMSegmentation(recency: [1, 2], frequency: [1, 2], monetary: [1])
        }
        #expect(throws: SegmentationError.notFinite(field: "frequency", index: 1, value: .infinity)) {
            try RFMSegmentation(recency: [1, 2], frequency: [1, .infinity], monetary: [1, 2])
        }
        #expect(throws: SegmentationError.notFinite(field: "recency", index: 0, value: -.infinity)) {
            try RFMSegmentation(recency: [1, 2], frequency: [1, 2], monetary: [1, 2]).assign(recency: -.infinity, frequency: 1, monetary: 1)
        }
    }

    @Test func laceRuleBands() throws {
        for total in 0...19 {
            let expected: SegmentTier = total >= 10 ? .high : total >= 5 ? .medium : .low
            #expect(try LACERule.tier(total: total) == expected)
        }
        // L 4 (5 days) + A 3 + C 2 + E 1 = 10: high, the published cut-off.
        #expect(LACERule.tier(for: LACEScore(lengthOfStayDays: 5, emergent: true, charlsonIndex: 2, emergencyVisits: 1)) == .high)
        #expect(throws: SegmentationError.self) { try LACERule.tier(total: -1) }
        #expect(throws: SegmentationError.self) { try LACERule.tier(total: 20) }
    }

    @Test func tierMappingQuantiles() throws {
        // 100 distinct scores, shuffled: the top 10 are high (≥ 91), the next 30 medium (≥ 61).
        let scores = (1...100).map { Double(($0 * 37) % 100 + 1) }
        let mapping = try TierMapping(fittingScores: scores)
        #expect(mapping.highThreshold == 91 && mapping.mediumThreshold == 61)
        let tiers = scores.map(mapping.tier(for:))
        #expect(tiers.filter { $0 == .high }.count == 10)
        #expect(tiers.filter { $0 == .medium }.count == 30)
        #expect(tiers.filter { $0 == .low }.count == 60)

        // Ties at a threshold go to the higher tier: all four 3s are high, none medium.
        let tied = try TierMapping(fittingScores: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3])
        #expect([1.0, 2, 3].map(tied.tier(for:)) == [.low, .low, .high])
        // A zero fraction empties its tier.
        #expect(try TierMapping(fittingScores: scores, highFraction: 0, mediumFraction: 0.5).highThreshold == .infinity)

        let fixed = try TierMapping(highAtLeast: 0.5, mediumAtLeast: 0.2)
        #expect([0.7, 0.5, 0.3, 0.2, 0.1].map(fixed.tier(for:)) == [.high, .high, .medium, .medium, .low])
        #expect(throws: SegmentationError.self) { try TierMapping(highAtLeast: 0.2, mediumAtLeast: 0.5) }
        #expect(throws: SegmentationError.empty(field: "scores")) { try TierMapping(fittingScores: []) }
        #expect(throws: SegmentationError.self) { try TierMapping(fittingScores: [1], highFraction: 0.8, mediumFraction: 0.3) }
        #expect(throws: SegmentationError.notFinite(field: "scores", index: 0, value: -.infinity)) { try TierMapping(fittingScores: [-.infinity]) }
    }

    @Test func oracleRanksTheTrueScores() throws {
        let truth = (0..<1_000).map { Double($0) / 1_000 }
        let oracle = try OracleSegmentation(trueScores: truth)
        let tiers = truth.map(oracle.assign(trueScore:))
        #expect(tiers.filter { $0 == .high }.count == 100 && tiers.filter { $0 == .medium }.count == 300)
        #expect(oracle.assign(trueScore: 0.95) == .high && oracle.assign(trueScore: 0.1) == .low)
    }

    @Test func commonShapeReportsNamesAndScores() throws {
        let rfm = try RFMSegmentation(recency: Self.recency, frequency: Self.frequency, monetary: Self.monetary)
        let oracle = try OracleSegmentation(trueScores: [0, 1])
        #expect(!SegmentationStrategy.rfm(rfm).hasScore)
        #expect(SegmentationStrategy.rfm(rfm).segmentNames.first == "Champions")
        #expect(SegmentationStrategy.laceRule.hasScore)
        #expect(SegmentationStrategy.laceRule.segmentNames == ["high", "medium", "low"])
        #expect(SegmentationStrategy.oracle(oracle).readsGroundTruth && !SegmentationStrategy.laceRule.readsGroundTruth)
    }
}
