import SegsimKernel
import Testing

/// Four tallies in vector lanes against four tallies, bit for bit.
@Suite struct TallyBundleTests {
    @Test func eachLaneIsTheTallyOfItsObservations() {
        var bundle = TallyBundle()
        var tallies = [Tally](repeating: Tally(), count: 4)
        #expect((0..<4).allSatisfy { bundle.tally(lane: $0) == tallies[$0] })
        var state: UInt64 = 3
        for index in 0..<5_000 {
            var x = SIMD4<Double>()
            for lane in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Lane 0 spans decades, lane 1 repeats values, lane 2 has signed zeros, lane 3 drifts.
                let u = Double(state >> 11) * 0x1p-53
                switch lane {
                case 0: x[lane] = u * 1e6 * u * u
                case 1: x[lane] = Double(state % 5)
                case 2: x[lane] = index % 2 == 0 ? 0.0 : -0.0
                default: x[lane] = Double(index) * 1e-3 + u
                }
                tallies[lane].add(x[lane])
            }
            bundle.add(x)
        }
        #expect(bundle.count == 5_000)
        for lane in 0..<4 {
            let mine = bundle.tally(lane: lane), expected = tallies[lane]
            #expect(mine == expected)
            #expect(mine.mean.bitPattern == expected.mean.bitPattern)
            #expect(mine.minimum.bitPattern == expected.minimum.bitPattern)
            #expect(mine.maximum.bitPattern == expected.maximum.bitPattern)
            #expect(mine.variance.bitPattern == expected.variance.bitPattern)
        }
    }
}
