import Foundation
import Histogram
import SegsimKernel
import Testing

/// ``LatencyHistogram`` counts values itself in HdrHistogram's layout; every query must be the
/// library's answer for the same values recorded one by one.
@Suite struct LatencyHistogramTests {
    /// Latencies in seconds over many magnitudes, with zeros, negatives, ties and extremes.
    static func latencies(count: Int, seed: UInt64) -> [Double] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
        var values: [Double] = [0, -1, 1e-9, 4.9999e-7, 5e-7, 0.002_047, 0.002_048, 1e7, .infinity, .nan]
        for _ in 0..<count {
            let magnitude = pow(10, -7 + 9 * uniform())
            values.append(uniform() < 0.05 ? 0.003 : magnitude * uniform())
        }
        return values
    }

    /// The library's histogram of `values`, recorded as `LatencyHistogram` always has.
    static func reference(_ values: [Double], resolution: Double) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for seconds in values {
            let units = (seconds / resolution).rounded()
            _ = histogram.record(units > 0 ? UInt64(Swift.min(units, 9.0e18)) : 0)
        }
        return histogram
    }

    @Test(arguments: [1e-6, 1e-5])
    func queriesMatchRecordingIntoTheLibrary(resolution: Double) {
        let values = Self.latencies(count: 20_000, seed: 7)
        var histogram = LatencyHistogram(resolution: resolution)
        values.forEach { histogram.record($0) }
        let reference = Self.reference(values, resolution: resolution)
        #expect(histogram.count == reference.totalCount)
        #expect(histogram.mean == reference.mean * resolution)
        #expect(histogram.maximum == Double(reference.max) * resolution)
        let ranks = [0.0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]
        for p in ranks {
            #expect(histogram.percentile(p) == Double(reference.valueAtPercentile(p)) * resolution)
        }
        let summary = histogram.summary(percentiles: ranks)
        #expect(summary.percentiles == ranks.map { histogram.percentile($0) } && summary.maximum == histogram.maximum)
        for seconds in [-1.0, 0, 1e-6, 0.001, 0.003, 0.5, 100, 1e9] {
            let units = (seconds / resolution).rounded(.down)
            let expected = units < 0 ? 0 : Double(reference.count(within: 0...UInt64(Swift.min(units, 9.0e18))))
                / Double(reference.totalCount)
            #expect(histogram.fraction(atOrBelow: seconds) == expected)
        }
        let rebuilt = histogram.histogram
        #expect(rebuilt.totalCount == reference.totalCount && rebuilt.maxRecorded == reference.maxRecorded)
        #expect(rebuilt.min == reference.min && rebuilt.minNonZero == reference.minNonZero)
    }

    @Test func extremesInOneBucketAreKept() {
        // Both extremes fall in the same bucket (values 4096 … 4097 share a bucket 2 wide).
        var histogram = LatencyHistogram(resolution: 1)
        [4_097.0, 4_096, 4_097].forEach { histogram.record($0) }
        let reference = Self.reference([4_097, 4_096, 4_097], resolution: 1)
        #expect(histogram.histogram.maxRecorded == 4_097 && histogram.histogram.min == 4_096)
        #expect(histogram.percentile(50) == Double(reference.valueAtPercentile(50)))
        #expect(histogram.percentile(100) == 4_097 && histogram.percentile(0) == 4_096)
    }

    @Test func mergeEqualsRecordingEverything() {
        let left = Self.latencies(count: 3_000, seed: 1), right = Self.latencies(count: 5_000, seed: 2)
        var merged = LatencyHistogram(resolution: 1e-5), other = LatencyHistogram(resolution: 1e-5)
        left.forEach { merged.record($0) }
        right.forEach { other.record($0) }
        merged.merge(other)
        let reference = Self.reference(left + right, resolution: 1e-5)
        #expect(merged.count == reference.totalCount && merged.mean == reference.mean * 1e-5)
        for p in [1.0, 50, 99, 99.9, 100] { #expect(merged.percentile(p) == Double(reference.valueAtPercentile(p)) * 1e-5) }
        var empty = LatencyHistogram(resolution: 1e-5)
        empty.merge(LatencyHistogram(resolution: 1e-5))
        #expect(empty.count == 0 && empty.mean == 0 && empty.fraction(atOrBelow: 1) == 1)
    }

    @Test func codingKeepsEveryQuery() throws {
        var histogram = LatencyHistogram(resolution: 1e-6)
        Self.latencies(count: 2_000, seed: 9).forEach { histogram.record($0) }
        let decoded = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(histogram))
        #expect(decoded.count == histogram.count && decoded.mean == histogram.mean && decoded.maximum == histogram.maximum)
        for p in [0.0, 50, 90, 99, 100] { #expect(decoded.percentile(p) == histogram.percentile(p)) }
    }

    @Test func layoutIsTheLibrarys() {
        let histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        var values: [UInt64] = Array(0...5_000) + [1 << 20, (1 << 20) + 777, 9_000_000_000_000_000, 1 << 62]
        var state: UInt64 = 5
        for _ in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            values.append(state >> (state % 60))
        }
        for value in values {
            let index = HistogramLayout.index(of: value)
            #expect(HistogramLayout.lowestValue(ofIndex: index) == histogram.lowestEquivalentForValue(value))
            #expect(HistogramLayout.index(of: histogram.highestEquivalentForValue(value)) == index)
        }
    }

    @Test func tallyEncodesItsFieldsByTheirNames() throws {
        var tally = Tally()
        [1.0, 2, 4].forEach { tally.add($0) }
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(tally)) as? [String: Double]
        #expect(Set(json?.keys ?? [:].keys) == ["count", "minimum", "maximum", "shift", "sumOfDeviations",
                                                 "sumOfSquaredDeviations"])
        #expect(try JSONDecoder().decode(Tally.self, from: JSONEncoder().encode(tally)) == tally)
    }
}
