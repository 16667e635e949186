import SegsimRandom
import Testing
import SegsimMetrics

@Suite struct StabilityTests {
    // MARK: Flip rate

    @Test func flipRateCountsChangedCustomers() throws {
        // Customers 1 and 3 move: 2 of 5.
        let rate = try flipRate(previous: [0, 1, 2, 0, 1], current: [0, 2, 2, 1, 1])
        #expect(rate == .value(0.4))
    }

    @Test func flipRateNotApplicableOrThrowing() throws {
        #expect(isNotApplicable(try flipRate(previous: [], current: [])))
        #expect(throws: MetricError.mismatchedLengths(field: "current", expected: 2, actual: 1)) {
            try flipRate(previous: [0, 1], current: [0])
        }
    }

    // MARK: Adjusted Rand index

    @Test func adjustedRandIndexClassicSixCustomerExample() throws {
        // first = [0,0,0,1,1,1], second = [0,0,1,1,2,2] (the scikit-learn documentation example).
        // Contingency table rows (first) × columns (second): [[2,1,0],[0,1,2]].
        // Σ C(nᵢⱼ,2) = 1 + 0 + 0 + 0 + 0 + 1 = 2; rows 3,3 → Σ C(aᵢ,2) = 6; columns 2,2,2 → Σ C(bⱼ,2) = 3;
        // C(6,2) = 15; E = 6·3/15 = 1.2; max = (6+3)/2 = 4.5; ARI = (2 − 1.2)/(4.5 − 1.2) = 0.8/3.3 = 8/33
        // = 0.242424…. Tolerance: a handful of double roundings, 1e-12.
        let ari = try adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], segmentCount: 3)
        #expect(isClose(ari, 8.0 / 33.0, tolerance: 1e-12))
        // Symmetric in its arguments.
        let swapped = try adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1], segmentCount: 3)
        #expect(isClose(swapped, 8.0 / 33.0, tolerance: 1e-12))
    }

    @Test func adjustedRandIndexIsOneForRelabelledPartitions() throws {
        let first: [UInt8] = [0, 0, 1, 1, 2, 2, 2, 3]
        let relabel: [UInt8] = [2, 0, 3, 1]          // a permutation of the labels
        let second = first.map { relabel[Int($0)] }
        #expect(try adjustedRandIndex(first, second, segmentCount: 4) == .value(1))
    }

    @Test func adjustedRandIndexDegenerateCases() throws {
        // Everyone in one cluster in both: identical partitions, defined as 1.
        #expect(try adjustedRandIndex([1, 1, 1, 1], [0, 0, 0, 0], segmentCount: 2) == .value(1))
        // Everyone alone in both: identical partitions, defined as 1.
        #expect(try adjustedRandIndex([0, 1, 2], [2, 0, 1], segmentCount: 3) == .value(1))
        // One cluster against all singletons: the agreement is exactly chance.
        // Σ C(nᵢⱼ,2) = 0, rows: C(3,2) = 3, columns 0, E = 0, max = 1.5 → ARI = 0.
        #expect(try adjustedRandIndex([0, 0, 0], [0, 1, 2], segmentCount: 3) == .value(0))
        // Fewer than two customers: no pairs.
        #expect(isNotApplicable(try adjustedRandIndex([0], [0], segmentCount: 1)))
        #expect(isNotApplicable(try adjustedRandIndex([], [], segmentCount: 1)))
    }

    @Test func adjustedRandIndexNearZeroForIndependentLabels() throws {
        // n = 100,000 customers, k = 5 independent uniform labels in each partition. For large n,
        // ARI ≈ (χ² − (k−1)²) / (n(k−1)) with χ² the independence statistic on (k−1)² = 16 degrees
        // of freedom, so its standard deviation is √(2·16) / (4n) = √2/n ≈ 1.4e-5. The tolerance
        // 2e-4 is about 14 standard deviations: it fails only if the index is biased.
        var generator = SplitMix64(state: 42)
        let n = 100_000
        let first = (0..<n).map { _ in UInt8(generator.below(5)) }
        let second = (0..<n).map { _ in UInt8(generator.below(5)) }
        let ari = try adjustedRandIndex(first, second, segmentCount: 5)
        #expect(isClose(ari, 0, tolerance: 2e-4))
    }

    @Test func adjustedRandIndexRejectsBadInput() {
        #expect(throws: MetricError.segmentOutOfRange(field: "second", index: 2, segment: 3, segmentCount: 3)) {
            try adjustedRandIndex([0, 1, 2], [0, 1, 3], segmentCount: 3)
        }
        #expect(throws: MetricError.invalidSegmentCount(0)) {
            try adjustedRandIndex([], [], segmentCount: 0)
        }
        #expect(throws: MetricError.invalidSegmentCount(257)) {
            try adjustedRandIndex([], [], segmentCount: 257)
        }
        #expect(throws: MetricError.mismatchedLengths(field: "second", expected: 2, actual: 3)) {
            try adjustedRandIndex([0, 1], [0, 1, 1], segmentCount: 2)
        }
    }

    @Test func adjustedRandIndexAcceptsAllTwoHundredFiftySixSegments() throws {
        let labels = (0..<512).map { UInt8(truncatingIfNeeded: $0) }
        #expect(try adjustedRandIndex(labels, labels, segmentCount: 256) == .value(1))
    }

    // MARK: Segment sizes and PSI

    @Test func segmentSizesCountsAndValidates() throws {
        #expect(try segmentSizes([0, 2, 2, 1, 2], segmentCount: 4) == [1, 1, 3, 0])
        #expect(throws: MetricError.segmentOutOfRange(field: "segments", index: 1, segment: 5, segmentCount: 3)) {
            try segmentSizes([0, 5, 1], segmentCount: 3)
        }
    }

    @Test func populationStabilityIndexWithEmptyBin() throws {
        // expected shares [0.5, 0.5, 0] (the 0 floored to 1e-4), actual [0.4, 0.5, 0.1]:
        // (0.4 − 0.5)·ln(0.4/0.5) = 0.0223144 ; 0 ; (0.1 − 0.0001)·ln(0.1/0.0001) = 0.0999·ln 1000 = 0.6900848
        // PSI = 0.7123991075. Tolerance 1e-9: the hand value is quoted to 10 digits.
        let psi = try populationStabilityIndex(expected: [50, 50, 0], actual: [40, 50, 10])
        #expect(isClose(psi, 0.7123991075, tolerance: 1e-9))
        #expect(PopulationShift(psi) == .significant)
    }

    @Test func populationStabilityIndexOfIdenticalMixIsZero() throws {
        // Same shares at different population sizes.
        #expect(try populationStabilityIndex(expected: [10, 30, 60], actual: [100, 300, 600]) == .value(0))
    }

    @Test func populationShiftThresholds() {
        #expect(PopulationShift(populationStabilityIndex: 0.05) == .stable)
        #expect(PopulationShift(populationStabilityIndex: 0.1) == .moderate)
        #expect(PopulationShift(populationStabilityIndex: 0.25) == .moderate)
        #expect(PopulationShift(populationStabilityIndex: 0.26) == .significant)
        #expect(PopulationShift(.notApplicable(reason: "empty")) == nil)
    }

    @Test func populationStabilityIndexNotApplicableOrThrowing() throws {
        #expect(isNotApplicable(try populationStabilityIndex(expected: [0, 0], actual: [1, 2])))
        #expect(isNotApplicable(try populationStabilityIndex(expected: [1, 2], actual: [0, 0])))
        #expect(throws: MetricError.mismatchedLengths(field: "actual", expected: 2, actual: 3)) {
            try populationStabilityIndex(expected: [1, 2], actual: [1, 2, 3])
        }
        #expect(throws: MetricError.self) { try populationStabilityIndex(expected: [1, -2], actual: [1, 2]) }
        #expect(throws: MetricError.self) { try populationStabilityIndex(expected: [1], actual: [1], epsilon: 0) }
    }
}
