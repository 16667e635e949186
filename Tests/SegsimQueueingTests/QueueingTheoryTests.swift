import Testing
import SegsimQueueing

/// The closed forms themselves, against textbook values, before the simulator is judged by them.
@Suite struct QueueingTheoryTests {
    @Test func mm1() {
        #expect(abs(QueueingTheory.mm1MeanWait(arrivalRate: 0.9, serviceRate: 1) - 9.0) < 1e-12)
        #expect(abs(QueueingTheory.mm1MeanSojourn(arrivalRate: 0.9, serviceRate: 1) - 10.0) < 1e-12)
    }

    @Test func erlangCMatchesPublishedValues() {
        // M/M/4 at λ = 3.6, μ = 1 (ρ = 0.9): C = 0.7878, Wq = 1.9694 (four decimals as published).
        let c = QueueingTheory.erlangC(servers: 4, arrivalRate: 3.6, serviceRate: 1)
        #expect(abs(c - 0.7878) < 5e-5)
        #expect(abs(QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 3.6, serviceRate: 1) - 1.9694) < 5e-5)
        // One server reduces to M/M/1: C = ρ.
        #expect(abs(QueueingTheory.erlangC(servers: 1, arrivalRate: 0.7, serviceRate: 1) - 0.7) < 1e-12)
        // Erlang B for 2 servers, a = 1: (1/2) / (1 + 1 + 1/2) = 0.2.
        #expect(abs(QueueingTheory.erlangB(servers: 2, offeredLoad: 1) - 0.2) < 1e-12)
    }

    @Test func pollaczekKhinchine() {
        // M/D/1, λ = 0.9, S = 1: Wq = λ / (2(1 − ρ)) = 4.5; exponential service gives back M/M/1.
        #expect(abs(QueueingTheory.mg1MeanWait(arrivalRate: 0.9, serviceMean: 1, serviceVariance: 0) - 4.5) < 1e-12)
        #expect(abs(QueueingTheory.mg1MeanWait(arrivalRate: 0.9, serviceMean: 1, serviceVariance: 1) - 9.0) < 1e-12)
    }

    @Test func mm1k() {
        // K = 1 is Erlang's loss system with one server: P = ρ / (1 + ρ).
        #expect(abs(QueueingTheory.mm1kBlockingProbability(capacity: 1, arrivalRate: 0.5, serviceRate: 1) - 0.5 / 1.5) < 1e-12)
        #expect(abs(QueueingTheory.mm1kBlockingProbability(capacity: 4, arrivalRate: 1, serviceRate: 1) - 0.2) < 1e-12)
        // Large K approaches M/M/1: L → ρ / (1 − ρ) = 1 at ρ = 0.5.
        #expect(abs(QueueingTheory.mm1kMeanNumberInSystem(capacity: 200, arrivalRate: 0.5, serviceRate: 1) - 1) < 1e-9)
    }

    @Test func jacksonTandem() {
        let stations = Array(repeating: (servers: 1, serviceRate: 1.0), count: 3)
        #expect(abs(QueueingTheory.tandemMeanSojourn(arrivalRate: 0.8, stations: stations) - 15.0) < 1e-12)
    }
}
