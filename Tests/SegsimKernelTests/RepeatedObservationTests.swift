import Testing
import SegsimKernel

/// Recording one value many times at once (a pass-through stage's zeros) must give exactly what
/// recording it one by one gives, whatever was recorded before.
@Suite struct RepeatedObservationTests {
    /// What came before the copies: nothing, zeros, or values of both signs.
    static let histories: [[Double]] = [[], [0, 0, 0], [0.25, -3, 0, 7.5, 1e-7], [-0.0, 2]]
    /// Copies of a zero, of a value equal to a history's first (its tally's shift), of another.
    static let values: [Double] = [0, -0.0, 0.25, 0.003, 9]

    /// `empty` fed `history` and then `count` copies of `x`: in bulk (`copies`), and one by one.
    static func fed<Collector>(_ empty: Collector, _ history: [Double], _ x: Double, _ count: Int,
                               one: (inout Collector, Double) -> Void,
                               copies: (inout Collector, Double, Int) -> Void) -> (bulk: Collector, each: Collector) {
        var bulk = empty, each = empty
        for value in history {
            one(&bulk, value)
            one(&each, value)
        }
        copies(&bulk, x, count)
        for _ in 0..<count { one(&each, x) }
        return (bulk, each)
    }

    @Test(arguments: histories, values)
    func tallyOfCopiesEqualsAddingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 2, 17] {
            let (bulk, each) = Self.fed(Tally(), history, x, count, one: { $0.add($1) }, copies: { $0.add($1, count: $2) })
            #expect(bulk == each, "count \(count)")
            // Field by field, signs of zero included (== takes −0 for 0).
            #expect(String(reflecting: bulk) == String(reflecting: each), "count \(count)")
        }
    }

    @Test(arguments: histories, values)
    func batchMeansOfCopiesEqualAddingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 3, 4, 11, 40] {
            let (bulk, each) = Self.fed(
                BatchMeans(batchSize: 4), history, x, count, one: { $0.add($1) }, copies: { $0.add($1, count: $2) })
            #expect(bulk == each, "count \(count)")
            #expect(bulk.batchMeans.map(\.bitPattern) == each.batchMeans.map(\.bitPattern), "count \(count)")
        }
    }

    @Test(arguments: histories, values)
    func histogramOfCopiesEqualsRecordingEach(_ history: [Double], _ x: Double) {
        for count in [0, 1, 5, 1_000] {
            let (bulk, each) = Self.fed(
                LatencyHistogram(), history, x, count, one: { $0.record($1) }, copies: { $0.record($1, count: $2) })
            #expect(bulk.histogram == each.histogram, "count \(count)")
            #expect(bulk.count == each.count)
        }
    }
}
