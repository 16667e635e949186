import SegsimBehaviour
import SegsimKernel
import SegsimQueueing
import SegsimRandom

/// The pipeline's queueing core in virtual time: partition appends, then workers, then the
/// profile store, each a FCFS ``FIFOStation`` computed by Lindley/Kiefer–Wolfowitz recursion,
/// with no calendar event per stage.
///
/// **Ordering.** A station must see its arrivals in time order. Events are offered in time order,
/// so each partition's appends are; but a worker reads several partitions whose appends take
/// different times, and the store merges several workers, so arrivals at those stages can come
/// out of order. Each of the two later stages therefore has a hand-over heap keyed by arrival
/// time (ties by offer order), released up to a watermark: the time t of the event just offered.
/// Every stage takes a non-negative time and every later event is at or after t, so nothing can
/// still arrive at a worker or at the store before t: releasing the worker heap up to t, then
/// the store heap up to t, serves each station in exact arrival order, for any distributions.
/// ``finish()`` releases the rest. Memory is O(events in flight), never O(events).
///
/// **Random numbers.** An event's append, processing and store times are drawn when it is
/// offered, from one stream per stage, so each event has the same service demands whatever the
/// topology (common random numbers across capacity sweeps); they are independent of arrivals
/// and of each other, so queueing theory applies unchanged.
///
/// **Real per-event code.** Events that left the store during a call are in ``completed`` until
/// the next call, in order of processing end, so each customer's events come in log order; the
/// caller runs features and segmentation on them with static dispatch, no closure or existential.
public struct PipelineSimulation {
    /// The topology being simulated.
    public let topology: PipelineTopology
    /// Its validation warnings.
    public let warnings: [PipelineTopologyWarning]
    /// Events that left the profile store during the last ``offer(_:)`` or ``finish()``.
    public private(set) var completed: [PipelineRecord] = []

    private let workerOfPartition: [Int]
    private var partitionStations: [FIFOStation]
    private var workerStations: [FIFOStation]
    private var storeStation: FIFOStation
    private let appendStream: RandomStream
    private let processingStream: RandomStream
    private let storeStream: RandomStream
    private var toWorkers = MinHeap<InFlight>()
    private var toStore = MinHeap<InFlight>()
    private var sequence: UInt64 = 0
    private var lastEventTime = -Double.infinity
    private var horizon = 0.0
    private var lagArea: [Double]
    private var accounting = PipelineAccounting()
    private var endToEnd: StageLatency
    private var appendLatency: StageLatency
    private var processingLatency: StageLatency
    private var storeLatency: StageLatency

    /// Creates an idle pipeline.
    /// - Parameters:
    ///   - topology: validated here.
    ///   - runSeed, replication: derive the three service-time streams (`pipeline.append`,
    ///     `pipeline.processing`, `pipeline.store`).
    ///   - batchSize: events per batch of every batch-means interval.
    ///   - resolution: the latency histograms' resolution, in seconds.
    /// - Throws: ``PipelineTopologyError`` naming the bad field.
    public init(topology: PipelineTopology, runSeed: UInt64, replication: Int = 0, batchSize: Int = 10_000,
                resolution: Double = 1e-6) throws(PipelineTopologyError) {
        warnings = try topology.validate()
        self.topology = topology
        workerOfPartition = topology.workerOfPartition()
        partitionStations = Array(repeating: FIFOStation(batchSize: batchSize), count: topology.partitions)
        workerStations = Array(repeating: FIFOStation(batchSize: batchSize), count: topology.workers)
        storeStation = FIFOStation(servers: topology.storeConcurrency, batchSize: batchSize)
        appendStream = RandomStream(runSeed: runSeed, replication: replication, purpose: "pipeline.append")
        processingStream = RandomStream(runSeed: runSeed, replication: replication, purpose: "pipeline.processing")
        storeStream = RandomStream(runSeed: runSeed, replication: replication, purpose: "pipeline.store")
        lagArea = Array(repeating: 0, count: topology.partitions)
        let stage = StageLatency(batchSize: batchSize, resolution: resolution)
        (endToEnd, appendLatency, processingLatency, storeLatency) = (stage, stage, stage, stage)
    }

    /// Offers the next event; events must come in nondecreasing time.
    /// - Returns: how many events left the store during this call (they are in ``completed``).
    /// - Complexity: amortised O(log n) for n events in flight, plus O(log storeConcurrency).
    @discardableResult
    public mutating func offer(_ event: CustomerEvent) -> Int {
        precondition(event.time >= lastEventTime, "events must be offered in time order")
        lastEventTime = event.time
        completed.removeAll(keepingCapacity: true)
        let partition = topology.partition(ofCustomer: event.customer)
        let append = topology.append.sample(appendStream)
        let processing = topology.processing.sample(processingStream)
        let store = topology.store.sample(storeStream)
        // Unlimited capacity: every event is served.
        if case let .served(_, _, ingest) = partitionStations[partition].serve(arrival: event.time, service: append) {
            toWorkers.insert(InFlight(
                key: ingest, sequence: sequence, event: event, partition: partition,
                worker: workerOfPartition[partition], ingest: ingest, processingStart: 0, processingEnd: 0,
                processing: processing, store: store))
            sequence += 1
        }
        release(upTo: event.time)
        return completed.count
    }

    /// Releases every event still in flight (its completions are in ``completed``) and returns
    /// what the run measured. Call once, after the last ``offer(_:)``.
    public mutating func finish() -> PipelineResult {
        completed.removeAll(keepingCapacity: true)
        release(upTo: .infinity)
        let horizon = horizon
        return PipelineResult(
            topology: topology, warnings: warnings, accounting: accounting, endToEnd: endToEnd,
            append: appendLatency, processing: processingLatency, store: storeLatency,
            partitions: partitionStations.map(\.statistics), workers: workerStations.map(\.statistics),
            profileStore: storeStation.statistics,
            meanConsumerLag: lagArea.map { horizon > 0 ? $0 / horizon : 0 }, horizon: horizon)
    }

    /// Serves, in arrival order, every worker arrival and then every store arrival at or before
    /// `watermark` (see the type's ordering note for why this order is exact).
    private mutating func release(upTo watermark: Double) {
        while let next = toWorkers.minimum, next.key <= watermark, var item = toWorkers.removeMinimum() {
            guard case let .served(_, start, end) = workerStations[item.worker].serve(arrival: item.key, service: item.processing)
            else { continue }
            item.processingStart = start
            item.processingEnd = end
            item.key = end
            toStore.insert(item)
        }
        while let next = toStore.minimum, next.key <= watermark, let item = toStore.removeMinimum() {
            guard case let .served(_, _, end) = storeStation.serve(arrival: item.key, service: item.store) else { continue }
            complete(item, storeEnd: end)
        }
    }

    private mutating func complete(_ item: InFlight, storeEnd: Double) {
        let time = item.event.time
        endToEnd.record(storeEnd - time)
        appendLatency.record(item.ingest - time)
        processingLatency.record(item.processingEnd - item.ingest)
        storeLatency.record(storeEnd - item.processingEnd)
        // Lag of a partition at s counts its events with ingest ≤ s < processing end, so its
        // integral over time is the sum of those intervals (exact, no event per change).
        lagArea[item.partition] += item.processingEnd - item.ingest
        accounting.add(item.event)
        horizon = Swift.max(horizon, storeEnd)
        completed.append(PipelineRecord(
            event: item.event, partition: item.partition, worker: item.worker, ingestTime: item.ingest,
            processingStart: item.processingStart, processingEnd: item.processingEnd, storeEnd: storeEnd))
    }
}
