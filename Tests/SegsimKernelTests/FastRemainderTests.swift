import SegsimKernel
import Testing

/// Remainders by multiplication against the division, on edges and random values.
@Suite struct FastRemainderTests {
    @Test func fastRemainderEqualsTheRemainder() {
        var state: UInt64 = 5
        let edges: [UInt32] = [0, 1, 2, 11, 12, 13, 65_535, 65_536, .max - 1, .max]
        for divisor in [1, 2, 3, 7, 12, 100, 1_000, 65_537, 100_000, Int(UInt32.max) - 1, Int(UInt32.max)] {
            let fast = FastRemainder(divisor: divisor)
            var values = edges
            for _ in 0..<2_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                values.append(UInt32(truncatingIfNeeded: state >> 32))
            }
            for x in values where fast.remainder(x) != Int(x) % divisor {
                Issue.record("\(x) mod \(divisor): \(fast.remainder(x)), expected \(Int(x) % divisor)")
            }
        }
    }
}
