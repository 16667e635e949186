import CGSL
import Foundation
import SegsimRandom
import Testing

/// The inline taus2 draws (uniform, exponential, Bernoulli, alias-table lookup) must return exactly
/// what the same calls into GSL return on an identically seeded GSL generator, also when GSL's own
/// samplers consume numbers from the same state in between.
@Suite("Inline taus2 draws equal GSL's")
struct InlineGeneratorTests {
    /// A plain GSL taus2 generator seeded as `stream` was.
    final class Reference {
        let rng: UnsafeMutablePointer<gsl_rng>
        init(_ stream: RandomStream) {
            rng = gsl_rng_alloc(segsim_rng_taus2())!
            gsl_rng_set(rng, UInt(stream.seed.gslSeed))
        }
        deinit { gsl_rng_free(rng) }
    }

    @Test("uniform, positive uniform, exponential and Bernoulli, interleaved with GSL's gamma", arguments: [1, 7, 123_456] as [UInt64])
    func scalarDraws(seed: UInt64) {
        let stream = RandomStream(runSeed: seed, purpose: "inline.scalar")
        let reference = Reference(stream)
        for i in 0..<20_000 {
            switch i % 5 {
            case 0: #expect(stream.uniform() == gsl_rng_uniform(reference.rng))
            case 1: #expect(stream.uniformPositive() == gsl_rng_uniform_pos(reference.rng))
            case 2: #expect(stream.exponential(mean: 35) == segsim_ran_exponential(reference.rng, 35))
            case 3: #expect(stream.bernoulli(0.3) == (gsl_ran_bernoulli(reference.rng, 0.3) == 1))
            default: #expect(stream.gamma(shape: 6.25, scale: 0.2) == gsl_ran_gamma(reference.rng, 6.25, 0.2))
            }
        }
    }

    @Test("alias-table lookups equal gsl_ran_discrete", arguments: [
        [5, 1, 0, 3, 0.5, 10, 2.5],
        (1...40).map { 1 / Double($0) },
        [1],
        [0, 0, 2],
    ])
    func discrete(weights: [Double]) throws {
        let distribution = try DiscreteDistribution(weights: weights)
        let stream = RandomStream(runSeed: 99, purpose: "inline.discrete")
        let reference = Reference(stream)
        let table = weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc($0.count, $0.baseAddress) }!
        defer { gsl_ran_discrete_free(table) }
        var mismatches = 0
        for _ in 0..<50_000 where distribution.sample(stream) != gsl_ran_discrete(reference.rng, table) {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }

    @Test("other generators still go through GSL")
    func mersenneTwister() {
        let stream = RandomStream(seed: StreamSeed(runSeed: 3, replication: 0, purpose: "inline.mt"), kind: .mt19937)
        let rng = gsl_rng_alloc(segsim_rng_mt19937())!
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, UInt(stream.seed.gslSeed))
        for _ in 0..<1_000 {
            #expect(stream.uniform() == gsl_rng_uniform(rng))
            #expect(stream.exponential(mean: 2) == segsim_ran_exponential(rng, 2))
        }
    }
}
