import Testing
import SegsimKernel

/// Recording one value many times at once (a pass-through stage's zeros) must give exactly what
/// recording it one by one gives, whatever was recorded before.
@Suite struct RepeatedObservationTests {
    /// What came before the copies: nothing, zeros, or values of both signs.
    static let histories: [[Double]] = [[], [0, 0, 0], [0.25, -3, 0, 7.5, 1e-7], [-0.0, 2]]
    /// Copies of a zero, of a value equal to a history's first (its tally's shift), of another.
    static let values: [Double] = [0, -0.0, 0.25, 0.003, 9]

    @Test(arguments: histories, values)
    func tallyOfCopiesEqualsAddingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 2, 17] {
            var bulk = Tally(), each = Tally()
            history.forEach { bulk.add($0); each.add($0) }
            bulk.add(x, count: count)
            for _ in 0..<count { each.add(x) }
            #expect(bulk == each, "count \(count)")
            // Field by field, signs of zero included (== takes −0 for 0).
            #expect(String(reflecting: bulk) == String(reflecting: each), "count \(count)")
        }
    }

    @Test(arguments: histories, values)
    func batchMeansOfCopiesEqualAddingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 3, 4, 11, 40] {
            var bulk = BatchMeans(batchSize: 4), each = BatchMeans(batchSize: 4)
            history.forEach { bulk.add($0); each.add($0) }
            bulk.add(x, count: count)
            for _ in 0..<count { each.add(x) }
            #expect(bulk == each, "count \(count)")
            #expect(bulk.batchMeans.map(\.bitPattern) == each.batchMeans.map(\.bitPattern), "count \(count)")
        }
    }

    @Test(arguments: histories, values)
    func histogramOfCopiesEqualsRecordingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 5, 1_000] {
            var bulk = LatencyHistogram(), each = LatencyHistogram()
            history.forEach { bulk.record($0); each.record($0) }
            bulk.record(x, count: count)
            for _ in 0..<count { each.record(x) }
            #expect(bulk.histogram == each.histogram, "count \(count)")
            #expect(bulk.count == each.count)
        }
    }
}
