import SegsimRandom
import Testing

/// The prepared sampler draws exactly what the distribution draws, from the same stream state.
@Suite struct ServiceTimeSamplerTests {
    @Test(arguments: [
        ServiceTimeDistribution.constant(seconds: 0), .constant(seconds: 0.25), .exponential(mean: 0.002),
        .lognormal(mean: 0.003, standardDeviation: 0.001), .gamma(shape: 2, scale: 0.001),
        .empirical([0.001, 0.002, 0.004]),
    ])
    func drawsWhatTheDistributionDraws(distribution: ServiceTimeDistribution) {
        let sampler = ServiceTimeSampler(distribution)
        #expect(sampler.distribution == distribution)
        let direct = RandomStream(runSeed: 9, purpose: "sampler.test")
        let prepared = RandomStream(runSeed: 9, purpose: "sampler.test")
        for _ in 0..<5_000 { #expect(sampler.sample(prepared) == distribution.sample(direct)) }
        // Both streams advanced alike: their next uniforms agree.
        #expect(prepared.uniform() == direct.uniform())
    }
}
