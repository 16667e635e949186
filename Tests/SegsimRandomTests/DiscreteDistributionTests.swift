import CGSL
import Foundation
import SegsimRandom
import Testing

@Suite("Discrete distribution")
struct DiscreteDistributionTests {
    static let weights = [5, 1, 0, 3, 0.5, 10, 2.5]
    /// 100,000 draws: the smallest category (0.5/22) expects ≈ 2,270 counts.
    static let sampleSize = 100_000

    @Test("probabilities are the normalised weights")
    func probabilities() throws {
        let distribution = try DiscreteDistribution(weights: Self.weights)
        #expect(distribution.count == Self.weights.count)
        let total = Self.weights.reduce(0, +)
        // Normalisation divides once per weight: exact to a few ulps.
        for (p, w) in zip(distribution.probabilities, Self.weights) { #expect(abs(p - w / total) <= 1e-15) }
    }

    @Test("category counts pass a chi-square test; zero-weight categories never occur")
    func chiSquareFit() throws {
        let distribution = try DiscreteDistribution(weights: Self.weights)
        let stream = RandomStream(runSeed: 21, purpose: "discrete.chisq")
        var counts = Array(repeating: 0, count: distribution.count)
        for _ in 0..<Self.sampleSize { counts[distribution.sample(stream)] += 1 }

        #expect(counts[2] == 0)
        let used = distribution.probabilities.indices.filter { distribution.probabilities[$0] > 0 }
        let statistic = chiSquare(observed: used.map { counts[$0] },
                                  expected: used.map { distribution.probabilities[$0] * Double(Self.sampleSize) })
        let critical = Quantiles.chiSquare(1 - significance, degreesOfFreedom: Double(used.count - 1))
        // Chi-square test at significance 0.001, (non-empty categories − 1) degrees of freedom.
        #expect(statistic < critical, "χ² = \(statistic), critical \(critical)")
    }

    @Test("sample mean and variance of the index match the closed forms")
    func moments() throws {
        let distribution = try DiscreteDistribution(weights: Self.weights)
        let stream = RandomStream(runSeed: 22, purpose: "discrete.moments")
        let xs = (0..<200_000).map { _ in Double(distribution.sample(stream)) }
        let p = distribution.probabilities
        let mean = p.indices.reduce(0) { $0 + Double($1) * p[$1] }
        let central = { (power: Double) in p.indices.reduce(0) { $0 + pow(Double($1) - mean, power) * p[$1] } }
        // Tolerance: 5 standard errors of the mean and of the variance (see expectMoments).
        expectMoments(xs, mean: mean, variance: central(2), fourthCentral: central(4), "discrete")
    }

    @Test("a taus2 stream draws what gsl_ran_discrete draws from the same seed", arguments: [
        weights, [1, 1], [0, 0, 1], (0..<1_000).map { Double(($0 * 7_919) % 97) },
    ])
    func sameDrawsAsGSL(_ weights: [Double]) throws {
        let distribution = try DiscreteDistribution(weights: weights)
        let stream = RandomStream(runSeed: 23, purpose: "discrete.gsl")
        let generator = try #require(gsl_rng_alloc(segsim_rng_taus2()))
        defer { gsl_rng_free(generator) }
        gsl_rng_set(generator, UInt(stream.seed.gslSeed))
        let table = try #require(weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc(weights.count, $0.baseAddress) })
        defer { gsl_ran_discrete_free(table) }
        var differing = 0
        for _ in 0..<200_000 where distribution.sample(stream) != Int(gsl_ran_discrete(generator, table)) { differing += 1 }
        #expect(differing == 0)
    }

    @Test("a temporary distribution and stream stay alive for the whole draw")
    func temporaries() throws {
        // The crash the field notes describe came from a wrapper released right after its pointer
        // was read; sampling only through methods must be safe even on temporaries (run in -c release).
        for _ in 0..<1_000 {
            let index = try DiscreteDistribution(weights: [0, 1]).sample(RandomStream(runSeed: 1, purpose: "temp"))
            #expect(index == 1)
        }
    }

    @Test("invalid weights throw a DistributionError naming the problem", arguments: [
        ([], "weights must not be empty"),
        ([1, -2, 3], "weights[1] must be ≥ 0, got -2"),
        ([1, .nan], "weights[1] must be a finite number, got nan"),
        ([.infinity], "weights[0] must be a finite number, got inf"),
        ([0, 0, 0], "weights must not all be zero"),
        ([1e308, 1e308], "sum of weights must be a finite number, got inf"),
    ] as [([Double], String)])
    func invalidWeights(weights: [Double], message: String) {
        #expect {
            _ = try DiscreteDistribution(weights: weights)
        } throws: { error in
            (error as? DistributionError)?.description == message
        }
    }
}
