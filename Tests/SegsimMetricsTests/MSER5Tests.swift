import SegsimRandom
import Testing
import SegsimMetrics

@Suite struct MSER5Tests {
    @Test func removesAnObviousInitialTransient() throws {
        // 100 observations at 10, then 1,900 standard normal values around 0. The first 20 batch
        // means are 10, ten standard deviations of a batch mean (1/√5) away from the rest, so
        // every batch of them kept inflates MSER and deleting one more changes it by ~1/b: the
        // truncation must be exactly the 100 transient observations.
        var generator = SplitMix64(state: 11)
        let series = [Double](repeating: 10, count: 100) + (0..<1_900).map { _ in generator.standardNormal() }
        #expect(try MSER5.truncation(series) == 100)
    }

    @Test func keepsAStationarySeries() throws {
        // 2,000 standard normal values: no transient, so the truncation should be small. For an
        // i.i.d. series MSER(d) ≈ σ²/(b − d) grows with d and only noise can pull the minimum
        // inwards; 5% of the series (20 of 400 batches) is a generous bound for a fixed seed.
        var generator = SplitMix64(state: 12)
        let series = (0..<2_000).map { _ in generator.standardNormal() }
        #expect(try MSER5.truncation(series) <= 100)
    }

    @Test func shortAndInvalidSeries() throws {
        #expect(try MSER5.truncation([]) == 0)
        #expect(try MSER5.truncation([1, 2, 3, 4, 5, 6, 7, 8, 9]) == 0)   // one batch
        #expect(try MSER5.truncation([Double](repeating: 3, count: 50)) == 0)   // constant: ties → smallest d
        #expect(throws: MetricError.notFinite(field: "series", index: 2)) { try MSER5.truncation([1, 2, .infinity]) }
    }

    @Test func truncationIsAMultipleOfTheBatchSizeInTheFirstHalf() throws {
        // A linear decline never settles: MSER keeps cutting but only within the first half.
        let series = (0..<103).map { Double(103 - $0) }
        let d = try MSER5.truncation(series)
        #expect(d % 5 == 0)
        #expect(d <= 50)   // 20 whole batches, searched up to d = 10 batches
    }
}
