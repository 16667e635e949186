import Foundation
import Testing
import SegsimKernel

@Suite struct StatisticsTests {
    @Test func tallyMatchesTwoPassFormulas() {
        let values = [2.0, 4, 4, 4, 5, 5, 7, 9]
        var tally = Tally()
        values.forEach { tally.add($0) }
        #expect(tally.count == 8 && tally.mean == 5)
        #expect(abs(tally.variance - 32.0 / 7) < 1e-12)  // Σ(x − 5)² = 32, n − 1 = 7
        #expect(tally.minimum == 2 && tally.maximum == 9)
        // Merging halves gives the same moments as one pass.
        var left = Tally(), right = Tally()
        values[..<3].forEach { left.add($0) }
        values[3...].forEach { right.add($0) }
        left.merge(right)
        #expect(left.count == 8 && abs(left.mean - 5) < 1e-12 && abs(left.variance - 32.0 / 7) < 1e-12)
    }

    @Test func welfordIsStableForLargeOffsets() {
        // A naive Σx² − n·mean² loses every digit here; Welford keeps the variance of 1.
        var tally = Tally()
        for i in 0..<1_000 { tally.add(1e9 + (i.isMultiple(of: 2) ? 1 : -1)) }
        #expect(abs(tally.variance - 1_000.0 / 999) < 1e-6)
    }

    @Test func confidenceIntervalUsesStudentT() throws {
        // n = 4, mean 2.5, s² = 5/3; t(0.975, 3) = 3.182446: half-width = 3.182446·√(5/12).
        var tally = Tally()
        [1.0, 2, 3, 4].forEach { tally.add($0) }
        let interval = try #require(tally.confidenceInterval(level: 0.95))
        #expect(abs(interval.halfWidth - 3.182446 * (5.0 / 12).squareRoot()) < 1e-5)
        #expect(interval.contains(2.5) && !interval.contains(5))
        #expect(Tally().confidenceInterval() == nil)
    }

    @Test func batchMeansGroupsConsecutiveObservations() throws {
        var batches = BatchMeans(batchSize: 3)
        (1...10).forEach { batches.add(Double($0)) }  // batches 1–3, 4–6, 7–9; 10 is partial
        #expect(batches.batchMeans == [2, 5, 8])
        let interval = try #require(batches.confidenceInterval(level: 0.99))
        #expect(interval.mean == 5 && interval.sampleCount == 3)
        // Independent noise has batch-mean lag-1 autocorrelation near 0; a trend has it near 1.
        var trend = BatchMeans(batchSize: 10)
        (0..<1_000).forEach { trend.add(Double($0)) }
        #expect(trend.lag1Autocorrelation > 0.9)
    }

    @Test func timeWeightedAverageIntegratesTheStepPath() {
        // 0 on [0,2), 3 on [2,3), 1 on [3,6): area 0 + 3 + 3 = 6 over 6 → 1.
        var average = TimeWeightedAverage(initialValue: 0, at: 0)
        average.update(to: 3, at: 2)
        average.update(to: 1, at: 3)
        #expect(average.average(until: 6) == 1)
        #expect(average.maximum == 3)
        average.reset(at: 6)
        average.update(to: 5, at: 8)  // 1 on [6,8), 5 on [8,10): (2 + 10) / 4 = 3
        #expect(average.average(until: 10) == 3)
    }

    @Test func latencyHistogramPercentilesWithinThreeSignificantDigits() {
        var histogram = LatencyHistogram(resolution: 1e-6)
        for i in 1...100_000 { histogram.record(Double(i) * 1e-5) }  // uniform 10 µs … 1 s
        #expect(histogram.count == 100_000)
        for (p, exact) in [(50.0, 0.5), (90, 0.9), (99, 0.99), (99.9, 0.999)] {
            #expect(abs(histogram.percentile(p) - exact) <= exact * 1e-3, "p\(p)")
        }
        #expect(abs(histogram.mean - 0.500005) < 1e-3)
        #expect(abs(histogram.maximum - 1) <= 1e-3)
        #expect(abs(histogram.fraction(atOrBelow: 0.25) - 0.25) < 1e-3)
        var other = LatencyHistogram(resolution: 1e-6)
        other.record(2)
        histogram.merge(other)
        #expect(histogram.count == 100_001 && abs(histogram.maximum - 2) <= 2e-3)
    }
}
