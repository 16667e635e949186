import SegsimBehaviour
import SegsimPipeline
import SegsimRandom
import SegsimKernel

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

/// A small synthetic retail stream (3,000 shoppers, 3 days from the epoch; the acquisition
/// history before 0 is left out) for the delivery and fault tests.
enum RetailPipelineFixture {
    static let customers = 3_000
    static let horizon = 3 * 86_400.0

    static let events: [CustomerEvent] = {
        var parameters = RetailParameters()
        parameters.customers = customers
        // swiftlint:disable:next force_try
        return FeatureStreams.collect(try! RetailBehaviour(parameters: parameters, runSeed: 77), until: horizon)
            .filter { $0.time >= 0 }
    }()

    struct Run {
        var result: PipelineResult
        var delivery: DeliveryAccounting
        var store: RetailFeatureStore
        var records: [PipelineRecord]
    }

    /// Runs the stream through `topology`, applying every completed record to a feature store the
    /// way the runner does, and keeps the records when `keepRecords`; `measurement` as the simulation
    /// takes it; `allowsStraightThrough: false` forces the general path.
    static func run(_ topology: PipelineTopology, events: [CustomerEvent] = events, seed: UInt64 = 5,
                    keepRecords: Bool = true, measurement: PipelineMeasurement = .full,
                    allowsStraightThrough: Bool = true) throws -> Run {
        var simulation = try PipelineSimulation(
            topology: topology, runSeed: seed, batchSize: 1_000, measurement: measurement,
            allowsStraightThrough: allowsStraightThrough)
        var store = RetailFeatureStore(customers: customers, idempotent: topology.idempotent)
        var records: [PipelineRecord] = []
        func apply(_ completed: CompletedRecords, _ simulation: inout PipelineSimulation) {
            for record in completed {
                let applied = store.apply(record.event)
                simulation.recordApplication(of: record, applied: applied)
            }
            if keepRecords { records.append(contentsOf: completed) }
        }
        for event in events {
            simulation.offer(event)
            apply(simulation.completed, &simulation)
        }
        let result = simulation.finish()
        apply(simulation.completed, &simulation)
        return Run(result: result, delivery: simulation.delivery, store: store, records: records)
    }

    /// Every customer's features at the horizon.
    static func features(_ store: RetailFeatureStore) -> [RetailFeatures] {
        (0..<customers).map { store.features(of: $0, at: horizon) }
    }
}

/// Every record `events` produce through `topology`, in the order they left the store.
func pipelineRecords(_ topology: PipelineTopology, _ events: [CustomerEvent], runSeed: UInt64 = 3) throws -> [PipelineRecord] {
    var simulation = try PipelineSimulation(topology: topology, runSeed: runSeed, batchSize: 100)
    return offerAndFinish(&simulation, events)
}

/// Offers `events` to `simulation`, finishes it, and returns every record that left the store.
func offerAndFinish(_ simulation: inout PipelineSimulation, _ events: some Sequence<CustomerEvent>) -> [PipelineRecord] {
    var records: [PipelineRecord] = []
    for event in events {
        simulation.offer(event)
        records += simulation.completed
    }
    _ = simulation.finish()
    return records + simulation.completed
}

/// The validation error of `topology` as text, or nil when it is valid.
func validationError(_ topology: PipelineTopology) -> String? {
    do {
        try topology.validate()
        return nil
    } catch {
        return error.description
    }
}
