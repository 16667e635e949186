import CGSL
import Foundation
import SegsimRandom
import Testing

/// The ziggurat exponential must have exactly the unit exponential law: its fast path, its wedges
/// (one per layer) and its tail are checked separately by binning at the layers' own edges.
@Suite("Ziggurat exponential")
struct ExponentialZigguratTests {
    /// The layers' right edges x₁ < … < x₂₅₅ = r, from the paper's recurrence (computed here
    /// independently of the library): each layer, and the base with the tail, has area v.
    static func layerEdges() -> [Double] {
        let area = 3.949659822581572e-3
        var edges = [ExponentialZiggurat.tailStart]
        var edge = ExponentialZiggurat.tailStart
        for _ in 1...254 {
            edge = -log(area / edge + exp(-edge))
            edges.append(edge)
        }
        return edges.reversed()
    }

    /// The bin of x ≥ 0: k with edges[k] ≤ x < edges[k + 1], the last bin open-ended.
    static func bin(of x: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// Expected counts of n unit exponentials in the bins of `edges`.
    static func expectedCounts(n: Int, edges: [Double]) -> [Double] {
        edges.indices.map { k in Double(n) * (exp(-edges[k]) - (k + 1 < edges.count ? exp(-edges[k + 1]) : 0)) }
    }

    @Test("the layers have equal areas: the last recurrence step lands at the top (x₀ ≈ 0)")
    func recurrenceCloses() {
        // One more step of the recurrence from x₁ gives x₀, which must be 0 for the layers to
        // tile the density exactly; the published constants make it so to about 1e-9.
        let edges = Self.layerEdges()
        let x0 = -log(3.949659822581572e-3 / edges[0] + exp(-edges[0]))
        #expect(abs(x0) < 1e-6, "x₀ = \(x0)")
    }

    @Test("counts between consecutive layer edges and in the tail pass a chi-square test")
    func chiSquareAtLayerEdges() {
        let stream = RandomStream(runSeed: 41, purpose: "ziggurat.chisq")
        let edges = [0] + Self.layerEdges()
        let n = 4_000_000
        var counts = [Int](repeating: 0, count: edges.count)  // the last bin is the tail [r, ∞)
        for _ in 0..<n { counts[Self.bin(of: stream.standardExponential(), edges: edges)] += 1 }
        let expected = Self.expectedCounts(n: n, edges: edges)
        #expect(expected.min()! > 5)
        let statistic = chiSquare(observed: counts, expected: expected)
        let critical = Quantiles.chiSquare(1 - significance, degreesOfFreedom: Double(edges.count - 1))
        // Chi-square at significance 0.001: 255 layer bands plus the tail.
        #expect(statistic < critical, "χ² = \(statistic), critical \(critical)")
        // The tail alone (expected n e^(−r) ≈ 1,816): within 5 Poisson standard errors.
        let tail = expected[expected.count - 1]
        #expect(abs(Double(counts[counts.count - 1]) - tail) < standardErrors * tail.squareRoot())
    }

    @Test("a million draws pass Kolmogorov–Smirnov and have the unit exponential's moments")
    func kolmogorovSmirnovAndMoments() {
        let stream = RandomStream(runSeed: 42, purpose: "ziggurat.ks")
        let xs = (0..<1_000_000).map { _ in stream.standardExponential() }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
        let d = kolmogorovSmirnov(xs) { gsl_cdf_exponential_P($0, 1) }
        // KS critical value at significance 0.001 for n = 10⁶ (D ≈ 0.00195).
        #expect(d < kolmogorovSmirnovCritical(n: xs.count), "D = \(d)")
        // Unit exponential: mean 1, variance 1, fourth central moment 9.
        expectMoments(xs, mean: 1, variance: 1, fourthCentral: 9, "ziggurat exponential")
    }

    @Test("the chi-square check has power: it rejects inversion of a 1%-stretched exponential")
    func chiSquareHasPower() {
        let stream = RandomStream(runSeed: 43, purpose: "ziggurat.power")
        let edges = [0] + Self.layerEdges()
        let n = 4_000_000
        var counts = [Int](repeating: 0, count: edges.count)
        for _ in 0..<n { counts[Self.bin(of: 1.01 * stream.exponential(mean: 1), edges: edges)] += 1 }
        let expected = Self.expectedCounts(n: n, edges: edges)
        let critical = Quantiles.chiSquare(1 - significance, degreesOfFreedom: Double(edges.count - 1))
        #expect(chiSquare(observed: counts, expected: expected) > critical)
    }

    @Test("a Mersenne Twister stream falls back to inversion, draw for draw")
    func otherGenerators() {
        let seed = StreamSeed(runSeed: 5, replication: 0, purpose: "ziggurat.mt")
        let a = RandomStream(seed: seed, kind: .mt19937), b = RandomStream(seed: seed, kind: .mt19937)
        for _ in 0..<1_000 { #expect(a.standardExponential() == b.exponential(mean: 1)) }
    }
}
