import SegsimKernel
import Testing
import SegsimMetrics

@Suite struct ReplicationTests {
    @Test func studentTIntervalOnHandValues() throws {
        // [1, 2, 3, 4, 5]: mean 3, sample variance 2.5, t(0.975; 4) = 2.7764451,
        // half-width 2.7764451 · √(2.5/5) = 1.9632432. Tolerance 1e-6: t is quoted to 8 digits.
        let summary = try ReplicationInterval([1, 2, 3, 4, 5])
        #expect(summary.replications == 5 && summary.level == 0.95)
        #expect(summary.mean == .value(3))
        #expect(isClose(summary.halfWidth, 2.7764451 * (2.5 / 5.0).squareRoot(), tolerance: 1e-6))
        #expect(isClose(summary.lower, 3 - 1.9632432, tolerance: 1e-6))
        #expect(isClose(summary.upper, 3 + 1.9632432, tolerance: 1e-6))
        #expect(summary.confidenceInterval?.sampleCount == 5)
    }

    @Test func oneReplicationHasNoInterval() throws {
        let summary = try ReplicationInterval([4.2])
        #expect(summary.mean == .value(4.2))
        #expect(summary.halfWidth.notApplicableReason?.contains("one replication") == true)
        #expect(isNotApplicable(summary.lower) && isNotApplicable(summary.upper))
        #expect(summary.confidenceInterval == nil)
        let none = try ReplicationInterval([])
        #expect(isNotApplicable(none.mean) && isNotApplicable(none.halfWidth))
    }

    @Test func replicationIntervalRejectsBadInput() {
        #expect(throws: MetricError.notFinite(field: "values", index: 1)) { try ReplicationInterval([1, .nan]) }
        #expect(throws: MetricError.self) { try ReplicationInterval([1, 2], level: 1) }
    }

    @Test func pairedComparisonOfCommonRandomNumbers() throws {
        // Differences candidate − baseline: [1, 2, 3, 4, 5] on top of large shared noise. The paired
        // interval is the one above, 3 ± 1.963, and excludes 0.
        let baseline: [Double] = [100, -50, 7, 1_000, 20]
        let candidate = zip(baseline, [1.0, 2, 3, 4, 5]).map { $0 + $1 }
        let comparison = try PairedComparison(baseline: baseline, candidate: candidate)
        #expect(isClose(comparison.meanDifference, 3, tolerance: 1e-12))
        #expect(isClose(comparison.difference.halfWidth, 1.9632432, tolerance: 1e-6))
        #expect(comparison.isSignificant)
        // Differences [−1, 1, −1, 1]: mean 0, interval contains 0.
        let even = try PairedComparison(baseline: [0, 0, 0, 0], candidate: [-1, 1, -1, 1])
        #expect(!even.isSignificant)
        // One replication: no interval, so never significant.
        #expect(!(try PairedComparison(baseline: [0], candidate: [5])).isSignificant)
        #expect(throws: MetricError.mismatchedLengths(field: "candidate", expected: 2, actual: 1)) {
            try PairedComparison(baseline: [0, 1], candidate: [1])
        }
    }
}
