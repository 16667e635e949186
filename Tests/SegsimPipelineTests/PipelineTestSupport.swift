import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// A Poisson test source: exponential gaps at `rate`, customers uniform over `customers` ids, so
/// splitting by `customer mod P` gives P independent Poisson streams at rate/P.
struct PoissonEventSource {
    private let gaps: RandomStream
    private let customerPick: RandomStream
    private let customers: Int
    private let meanGap: Double
    private var time = 0.0
    private var nextID: UInt64 = 0

    init(rate: Double, customers: Int = 1_000_000, seed: UInt64) {
        gaps = RandomStream(runSeed: seed, purpose: "test.arrivals")
        customerPick = RandomStream(runSeed: seed, purpose: "test.customers")
        self.customers = customers
        meanGap = 1 / rate
    }

    mutating func next() -> CustomerEvent {
        time += gaps.exponential(mean: meanGap)
        defer { nextID += 1 }
        return CustomerEvent(id: nextID, time: time, customer: UInt32(customerPick.uniformInteger(below: customers)),
                             kind: .pageView)
    }
}

/// Runs `events` Poisson events through `topology` and returns the result.
func runPoisson(_ topology: PipelineTopology, rate: Double, events: Int, seed: UInt64,
                batchSize: Int) throws -> PipelineResult {
    var source = PoissonEventSource(rate: rate, seed: seed)
    var simulation = try PipelineSimulation(topology: topology, runSeed: seed, batchSize: batchSize)
    for _ in 0..<events { simulation.offer(source.next()) }
    return simulation.finish()
}
