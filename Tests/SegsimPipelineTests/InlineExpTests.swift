import CGSL
import Foundation
import Testing

/// `segsim_exp`, the inlined exp of the feature decay and the logistic score, against the C
/// library's exp it replaces.
@Suite struct InlineExpTests {
    /// The special cases go to libm, and a few exact values come out exactly.
    @Test func specialValuesMatchTheLibrary() {
        let values: [Double] = [0, -0.0, 1, -1, 0x1p-54, -0x1p-54, 0x1p-55, 1e-300, 511.9, 512, -512, 709.78, 709.79,
                                -745.1, -745.2, -1_000, .infinity, -.infinity, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]
        for x in values { #expect(segsim_exp(x).bitPattern == exp(x).bitPattern, "exp(\(x))") }
        #expect(segsim_exp(.nan).isNaN)
        #expect(segsim_exp(0) == 1 && segsim_exp(-.infinity) == 0 && segsim_exp(1) == 2.718281828459045)
    }

    /// Two million arguments: a quarter spread over the whole fast range, the rest in [−30, 0]
    /// where the decays and the sigmoid live. glibc's FMA variant, which x86-64 hosts with FMA
    /// run, gives the same bits; its non-FMA variant may differ in the last bit of rare results,
    /// hence ≤ 1 ulp everywhere and at most 1 in 10,000 not identical.
    @Test func agreesWithTheLibraryBitForBit() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
        }
        let count = 2_000_000
        var differing = 0, largest: UInt64 = 0
        for index in 0..<count {
            let x = index % 4 == 0 ? (uniform() * 2 - 1) * 700 : -30 * uniform()
            let (mine, library) = (segsim_exp(x).bitPattern, exp(x).bitPattern)
            if mine != library {
                differing += 1
                largest = max(largest, mine > library ? mine - library : library - mine)
            }
        }
        #expect(largest <= 1, "largest difference \(largest) ulp")
        #expect(differing * 10_000 <= count, "\(differing) of \(count) differ")
    }
}
