import SegsimBehaviour
import SegsimKernel
import SegsimQueueing
import SegsimRandom

/// The pipeline in virtual time — producers, log partitions, consumer workers, profile store —
/// computed stage by stage with Lindley/Kiefer–Wolfowitz recursions, with no calendar event per
/// stage.
///
/// **Stages.** An event reaches its producer at its event time (later for a late client); the
/// producer batches it per partition (a batch closes at ``ProducerSettings/batchSize`` events or
/// ``ProducerSettings/linger`` after its first); the batch takes one network delay to the log,
/// where a FCFS partition appends its events one by one (per-event append times), and becomes
/// readable after the replication delay, in offset order. Each worker polls its partitions'
/// records (``ConsumerSettings``), processes them one by one and hands them to the profile store,
/// a FCFS station with `storeConcurrency` writers that may batch writes.
///
/// **Ordering.** A station must see its arrivals in time order, but late clients, network delays,
/// appends of different lengths, several partitions per worker and several writers all reorder
/// deliveries. Every stage therefore has a hand-over heap keyed by arrival time (ties by hand-over
/// order), released up to a watermark: the time t of the event just offered. Every stage takes a
/// non-negative time and every later event is at or after t, so nothing can still arrive at any
/// stage before t. Producer batches whose deadline passed are closed first: a batch open now
/// closes at or after t. Releasing the producer heap, then the log heap, the worker heap and the
/// store heap up to t, each in turn, serves each station in exact arrival order, for any
/// distributions. ``finish()`` releases the rest. Memory is O(events in flight), never O(events).
///
/// **Straight through.** A topology that can neither delay nor copy an event before its worker
/// (batches of one, no network delay, late clients, resends, retries, append or replication time,
/// poll overhead or worker down windows; the scenario default) has every stage's arrivals in offer
/// order already, so each offer passes log and worker at once and only the store keeps a hand-over
/// heap (``usesStraightThrough``). Its results are the general path's, bit for bit (tested).
///
/// **Faults** (``PipelineFault``) need no split of the release loop: a worker knows its down
/// windows in advance, so the record whose processing would cross a crash triggers it (its
/// uncommitted records are redelivered first after the restart, then the record is restarted), and
/// a fault no record crossed is applied once the watermark passes it (the worker was idle then).
///
/// **Random numbers.** An event's append, processing, scoring and store times are drawn when it
/// is offered, from one stream per stage, so each event has the same service demands whatever the
/// topology (common random numbers across capacity sweeps), and its copies have the same. Late
/// delays are drawn at offer too (`pipeline.late`), and so are a network delay
/// (`pipeline.network`) and a resend draw (`pipeline.resend`) per event, used by the batch the
/// event opens; replication per append in log order (`pipeline.replication`); poll overheads per
/// poll from one stream per worker (`pipeline.poll.<w>`). So no draw depends on how often the
/// watermark advances. The customers' events never depend on the topology.
///
/// **Real per-event code.** Records that left the store during a call are in ``completed`` until
/// the next call, in order of processing end, so each customer's records come in the order its
/// worker processed them; the caller runs features and segmentation on them with static dispatch
/// (no closure or existential), then reports each application with
/// ``recordApplication(of:applied:)``.
public struct PipelineSimulation {
    /// The topology being simulated.
    public let topology: PipelineTopology
    /// Its validation warnings.
    public let warnings: [PipelineTopologyWarning]
    /// Records that left the profile store during the last ``offer(_:)`` or ``finish()``.
    public private(set) var completed = CompletedRecords()
    /// Every delivery so far, and the applications recorded so far.
    public private(set) var delivery = DeliveryAccounting()

    // Settings hoisted out of the topology for the hot path.
    private let batchSize: Int
    private let linger: Double
    private let lateShare: Double
    private let resendProbability: Double
    private let maxPollRecords: Int
    private let commitEvery: Int
    private let commitInterval: Double
    private let storeBatchSize: Int
    private let storeLinger: Double
    private let hasNetworkDelay: Bool
    private let hasReplication: Bool
    private let hasPollOverhead: Bool
    /// Batches of one without network delay reach the log in producer order: no log heap needed
    /// while it is empty.
    private let directLog: Bool
    /// True while an offered event runs ahead of the release (nothing else in flight before it).
    private var offering = false
    /// Whether every event goes straight from its offer to the store's hand-over queue
    /// (``passStraightThrough(_:partition:processing:scoring:store:mix:)``): batches of one with no
    /// network delay, late clients, resends, producer retries, append time, replication delay, poll
    /// overhead or worker down windows. Then each stage sees its arrivals in offer order, the
    /// worker starts at max(free, readable), and commits change nothing observable, so the
    /// general path's queues, windows and commit bookkeeping would only cost time. Turned off for
    /// good by a first event before time 0, which would wait for its partition's server, free
    /// from time 0 on (the straight path takes every partition to be free on arrival).
    private var straightThrough: Bool
    /// Whether events take the straight-through path (the topology allows it, the initialiser's
    /// `allowsStraightThrough` did, and no event came before time 0): results are the same either
    /// way.
    public var usesStraightThrough: Bool { straightThrough }
    private let slowdowns: [(from: Double, to: Double, factor: Double)]

    private let workerOfPartition: [Int]
    /// `customer mod partitions` (``PipelineTopology/partition(ofCustomer:)``) without a division.
    private let partitionOfCustomer: FastRemainder
    private var partitionStations: [FIFOStation]
    private var workerStations: [FIFOStation]
    private var storeStation: FIFOStation
    private let appendTime: ServiceTimeSampler
    private let processingTime: ServiceTimeSampler
    private let scoringTime: ServiceTimeSampler
    private let storeTime: ServiceTimeSampler
    private let appendStream: RandomStream
    private let processingStream: RandomStream
    private let scoringStream: RandomStream
    private let storeStream: RandomStream
    private let networkStream: RandomStream
    private let lateStream: RandomStream
    private let resendStream: RandomStream
    private let replicationStream: RandomStream
    private let pollStreams: [RandomStream]

    // Producer.
    private var toProducer = InFlightQueue()
    private var batches: [[InFlight]]
    private var batchFirst: [Double]
    private var batchGeneration: [UInt64]
    private var deadlines = MinHeap<BatchDeadline>()
    private var retries: [[Double]]
    private var nextRetry: [Int]
    // Log.
    private var toLog = InFlightQueue()
    /// Each partition's log end: one element per partition, so an append touches one array.
    private var logs: [PartitionLog]
    // Workers.
    private var toWorkers = InFlightQueue()
    private var workerStates: [WorkerState]
    private var faultStarts: [(time: Double, worker: Int, window: Int)]
    private var nextFault = 0
    // Store.
    private var toStore = InFlightQueue()
    private var storeBatch: [InFlight] = []
    private var storeBatchFirst = 0.0
    /// The record leaving the store's hand-over queue: kept here so that releasing, once per
    /// offer, does not first fill a 176-byte local with placeholder values.
    private var leaving = InFlight.unused

    private var lastEventTime = -Double.infinity
    private var horizon = 0.0
    private var accounting = PipelineAccounting()
    private var endToEnd: StageLatency
    private var appendLatency: StageLatency
    private var processingLatency: StageLatency
    private var scoringLatency: StageLatency
    /// Whether the topology has a scoring time: free scoring records no scoring latency.
    private let hasScoring: Bool
    private var storeLatency: StageLatency
    /// Without distributions (``PipelineMeasurement/means``), the end-to-end, processing, store
    /// and scoring tallies of first deliveries, lanes 0 to 3, in one vector update per record;
    /// ``finish()`` hands them to the stages.
    private var stageTallies = TallyBundle()
    private let measuresDistributions: Bool
    /// The timeline when the topology keeps one (`keepsTimeline`), else an unused one: an optional
    /// was copied out and back around each of its three mutations per event.
    private var timeline: PipelineTimeline
    private let keepsTimeline: Bool
    /// Whether an applied record may repeat an application of its event: only when the topology
    /// can deliver an event twice (resends, producer retries, crash redeliveries) or out of its
    /// customer's order (late clients). Otherwise event ids are unique, each completed record is
    /// reported once, and a customer's records come in order, so every application is its
    /// event's first and no ledger is kept (no memory, no cache miss per event).
    private let mayRepeat: Bool
    private var ledger = EventDeduplicator(customers: 0)

    /// Creates an idle pipeline.
    /// - Parameters:
    ///   - topology: validated here.
    ///   - runSeed, replication: derive the random streams (`pipeline.append`,
    ///     `pipeline.processing`, `pipeline.scoring`, `pipeline.store`, `pipeline.network`,
    ///     `pipeline.late`, `pipeline.resend`, `pipeline.replication`, `pipeline.poll.<worker>`).
    ///   - batchSize: events per batch of every batch-means interval.
    ///   - resolution: the latency histograms' resolution, in seconds.
    ///   - measurement: ``PipelineMeasurement/full`` also keeps latency distributions and station
    ///     waits; a scenario run, which reports means and counts, passes ``PipelineMeasurement/means``.
    ///   - allowsStraightThrough: let simple topologies skip the general path's queues (same
    ///     results, faster); `false` forces the general path, to check that both agree.
    /// - Throws: ``PipelineTopologyError`` naming the bad field.
    public init(topology: PipelineTopology, runSeed: UInt64, replication: Int = 0, batchSize: Int = 10_000,
                resolution: Double = 1e-6, measurement: PipelineMeasurement = .full,
                allowsStraightThrough: Bool = true) throws(PipelineTopologyError) {
        warnings = try topology.validate()
        self.topology = topology
        let partitions = topology.partitions, workers = topology.workers
        self.batchSize = topology.producer.batchSize
        linger = topology.producer.linger
        lateShare = topology.producer.lateShare
        resendProbability = topology.producer.resendProbability
        maxPollRecords = topology.consumer.maxPollRecords
        commitEvery = topology.consumer.commitEvery
        commitInterval = topology.consumer.commitInterval
        storeBatchSize = topology.storeBatchSize
        storeLinger = topology.storeLinger
        let zero = ServiceTimeDistribution.constant(seconds: 0)
        hasNetworkDelay = topology.producer.networkDelay != zero
        hasReplication = topology.replicationDelay != zero
        hasPollOverhead = topology.consumer.pollOverhead != zero
        hasScoring = topology.scoring != zero
        directLog = topology.producer.batchSize == 1 && !hasNetworkDelay

        workerOfPartition = topology.workerOfPartition()
        partitionOfCustomer = FastRemainder(divisor: partitions)
        let full = measurement == .full
        let station = FIFOStation(batchSize: batchSize, measuresTimes: full)
        partitionStations = Array(repeating: station, count: partitions)
        workerStations = Array(repeating: station, count: workers)
        storeStation = FIFOStation(servers: topology.storeConcurrency, batchSize: batchSize, measuresTimes: full)
        func stream(_ purpose: String) -> RandomStream {
            RandomStream(runSeed: runSeed, replication: replication, purpose: purpose)
        }
        appendTime = ServiceTimeSampler(topology.append)
        processingTime = ServiceTimeSampler(topology.processing)
        scoringTime = ServiceTimeSampler(topology.scoring)
        storeTime = ServiceTimeSampler(topology.store)
        appendStream = stream("pipeline.append")
        processingStream = stream("pipeline.processing")
        scoringStream = stream("pipeline.scoring")
        storeStream = stream("pipeline.store")
        networkStream = stream("pipeline.network")
        lateStream = stream("pipeline.late")
        resendStream = stream("pipeline.resend")
        replicationStream = stream("pipeline.replication")
        pollStreams = hasPollOverhead ? (0..<workers).map { stream("pipeline.poll.\($0)") } : []

        batches = Array(repeating: [], count: partitions)
        batchFirst = Array(repeating: 0, count: partitions)
        batchGeneration = Array(repeating: 0, count: partitions)
        logs = Array(repeating: PartitionLog(), count: partitions)

        // Faults: per-worker down windows, per-partition retries, store slowdowns.
        var windows = Array(repeating: [WorkerWindow](), count: workers)
        var retries = Array(repeating: [Double](), count: partitions)
        var slowdowns: [(from: Double, to: Double, factor: Double)] = []
        for fault in topology.faults {
            switch fault {
            case let .workerCrash(worker, at, restartAfter):
                windows[worker].append(WorkerWindow(start: at, end: at + restartAfter, crash: true))
            case let .rebalance(at, pause):
                for worker in 0..<workers { windows[worker].append(WorkerWindow(start: at, end: at + pause, crash: false)) }
            case let .storeSlowdown(from, to, factor):
                slowdowns.append((from, to, factor))
            case let .producerRetry(at, partition):
                for p in partition.map({ [$0] }) ?? Array(0..<partitions) { retries[p].append(at) }
            }
        }
        var faultStarts: [(time: Double, worker: Int, window: Int)] = []
        for worker in 0..<workers {
            windows[worker].sort { ($0.start, $0.end) < ($1.start, $1.end) }
            for (index, window) in windows[worker].enumerated() { faultStarts.append((window.start, worker, index)) }
        }
        self.faultStarts = faultStarts.sorted { ($0.time, $0.worker, $0.window) < ($1.time, $1.worker, $1.window) }
        self.retries = retries.map { $0.sorted() }
        nextRetry = Array(repeating: 0, count: partitions)
        self.slowdowns = slowdowns
        mayRepeat = lateShare > 0 || resendProbability > 0 || topology.faults.contains {
            switch $0 {
            case .workerCrash, .producerRetry: true
            case .rebalance, .storeSlowdown: false
            }
        }
        straightThrough = allowsStraightThrough && directLog && lateShare == 0 && resendProbability == 0
            && topology.append == zero && !hasReplication && !hasPollOverhead && faultStarts.isEmpty
            && retries.allSatisfy(\.isEmpty)
        let firstTick = commitInterval.isFinite ? commitInterval : .infinity
        workerStates = windows.map { WorkerState(nextTick: firstTick, windows: $0) }

        measuresDistributions = full
        let stage = StageLatency(batchSize: batchSize, resolution: resolution, distribution: full)
        (endToEnd, appendLatency, processingLatency, scoringLatency, storeLatency) = (stage, stage, stage, stage, stage)
        keepsTimeline = topology.timelineWindow != nil
        timeline = PipelineTimeline(
            width: topology.timelineWindow ?? 1, partitions: partitions, workers: workers, measuresLatency: full)
    }

    /// Offers the next event; events must come in nondecreasing time.
    /// - Returns: how many records left the store during this call (they are in ``completed``).
    /// - Complexity: amortised O(log n) for n deliveries in flight, plus O(log storeConcurrency).
    @discardableResult
    public mutating func offer(_ event: CustomerEvent) -> Int {
        precondition(event.time >= lastEventTime, "events must be offered in time order")
        let t = event.time
        lastEventTime = t
        clearCompleted()
        delivery.produced &+= 1
        let mix = DeliveryAccounting.mix(event)
        delivery.producedChecksum &+= mix
        let partition = partitionOfCustomer.remainder(event.customer)
        let append = appendTime.sample(appendStream)
        let processing = processingTime.sample(processingStream)
        let scoring = scoringTime.sample(scoringStream)
        let store = storeTime.sample(storeStream)
        if straightThrough {
            if t >= 0 {
                // The timeline counts the offer with the rest of the pass.
                passStraightThrough(event, partition: partition, processing: processing, scoring: scoring, store: store,
                                    mix: mix)
                releaseStore(upTo: t)
                return completed.count
            }
            // Events come in time order, so this is the first: nothing has taken the straight path.
            straightThrough = false
        }
        if keepsTimeline { timeline.offer(at: t) }
        var producerTime = t
        if lateShare > 0, lateStream.uniform() < lateShare {
            producerTime += topology.producer.lateDelay.sample(lateStream)
            delivery.late += 1
        }
        var item = InFlight(
            key: producerTime,
            record: PipelineRecord(
                event: event, delivery: .first, partition: partition, offset: -1, worker: workerOfPartition[partition],
                producerTime: producerTime, sentTime: 0, logArrival: 0, ingestTime: 0, readableTime: 0,
                processingStart: 0, scoringTime: scoring, processingEnd: 0, storeEnd: 0),
            append: append, processing: processing, store: store, mix: mix)
        // A batch's network delay and resend are its first event's draws, so they do not depend
        // on the order batches close in (nor on how the watermark advances).
        if hasNetworkDelay { item.record.sentTime = topology.producer.networkDelay.sample(networkStream) }
        if resendProbability > 0 { item.record.logArrival = resendStream.uniform() }
        // Fast path: nothing waits at the producer before it, so it needs no queue.
        if producerTime == t, toProducer.earliestKey.map({ $0 > t }) ?? true {
            offering = true
            produce(&item)
            offering = false
        } else {
            toProducer.insert(item)
        }
        release(upTo: t)
        return completed.count
    }

    /// Moves the watermark to `time` without offering an event (for timers and snapshots between
    /// events): everything that reaches the store by the stage rules up to `time` is released, and
    /// the records that left are in ``completed``. Later offers must not be earlier than `time`.
    /// A time before the last offered event changes nothing but clears ``completed``.
    /// - Returns: how many records left the store during this call.
    @discardableResult
    public mutating func advance(to time: Double) -> Int {
        clearCompleted()
        guard time > lastEventTime else { return 0 }
        lastEventTime = time
        release(upTo: time)
        return completed.count
    }

    /// Releases every delivery still in flight (its completions are in ``completed``) and returns
    /// what the run measured. Call once, after the last ``offer(_:)``; then apply ``completed``
    /// and, if you record applications, read the final ``delivery``.
    public mutating func finish() -> PipelineResult {
        clearCompleted()
        release(upTo: .infinity)
        let horizon = horizon
        // The straight path passes its partitions without a word to their stations (see
        // `passStraightThrough`): every event it appended waited and took 0 there.
        var partitions = partitionStations, append = appendLatency
        if !measuresDistributions {
            (endToEnd, processingLatency, storeLatency) =
                (StageLatency(tally: stageTallies.tally(lane: 0)), StageLatency(tally: stageTallies.tally(lane: 1)),
                 StageLatency(tally: stageTallies.tally(lane: 2)))
            if hasScoring { scoringLatency = StageLatency(tally: stageTallies.tally(lane: 3)) }
        }
        if straightThrough {
            for p in partitions.indices {
                partitions[p].serveInstantly(count: Int(logs[p].nextOffset), lastArrival: lastEventTime)
            }
            append.record(0, count: accounting.events)
        }
        return PipelineResult(
            topology: topology, warnings: warnings, accounting: accounting, delivery: delivery,
            timeline: keepsTimeline ? timeline : nil,
            endToEnd: endToEnd, append: append, processing: processingLatency, scoring: scoringLatency,
            store: storeLatency,
            partitions: partitions.map(\.statistics), workers: workerStations.map(\.statistics),
            profileStore: storeStation.statistics,
            meanConsumerLag: logs.map { horizon > 0 ? $0.lagArea / horizon : 0 }, horizon: horizon)
    }

    /// Records whether the caller's feature store applied `record` (what its `apply` returned),
    /// for ``DeliveryAccounting/applied``, ``DeliveryAccounting/appliedTwice`` and
    /// ``DeliveryAccounting/lost``. Report each completed record once.
    /// - Complexity: O(1) amortised; the ledger grows to the largest customer id seen. Topologies
    ///   that can neither copy nor reorder a customer's events keep no ledger.
    public mutating func recordApplication(of record: PipelineRecord, applied: Bool) {
        guard applied else {
            delivery.deduplicated += 1
            return
        }
        delivery.applied &+= 1
        guard mayRepeat else {
            delivery.appliedChecksum &+= DeliveryAccounting.mix(record.event)
            return
        }
        let customer = Int(record.event.customer)
        if customer >= ledger.customers { ledger.reserve(customers: customer + 1) }
        let stale = ledger.stale
        if ledger.admit(record.event.id, customer: customer) {
            delivery.appliedChecksum &+= DeliveryAccounting.mix(record.event)
        } else {
            delivery.appliedTwice += 1
            if ledger.stale > stale { delivery.unverifiable += 1 }
        }
    }

    /// Bytes held by the delivery ledger of ``recordApplication(of:applied:)``: one id window per
    /// customer up to the largest seen, or none when the topology can neither copy nor reorder a
    /// customer's events.
    public var ledgerBytes: Int { ledger.customers * EventDeduplicator.bytesPerCustomer }

    // MARK: - Release

    /// Serves, stage by stage and in arrival order, everything that arrives at or before
    /// `watermark` (see the type's ordering note for why this order is exact).
    private mutating func release(upTo watermark: Double) {
        var item = InFlight.unused
        while toProducer.removeMinimum(arrivingBy: watermark, into: &item) { produce(&item) }
        while let next = deadlines.minimum, next.deadline < watermark, let due = deadlines.removeMinimum() {
            if due.generation == batchGeneration[due.partition], !batches[due.partition].isEmpty {
                closeBatch(due.partition, at: due.deadline)
            }
        }
        while toLog.removeMinimum(arrivingBy: watermark, into: &item) { appendToLog(&item) }
        while toWorkers.removeMinimum(arrivingBy: watermark, into: &item) {
            let arrival = item.key
            process(&item, arrival: arrival)
        }
        // Faults no record crossed: the worker was idle at their start.
        while nextFault < faultStarts.count, faultStarts[nextFault].time <= watermark {
            let fault = faultStarts[nextFault]
            nextFault += 1
            while workerStates[fault.worker].nextWindow <= fault.window { startWindow(of: fault.worker) }
        }
        releaseStore(upTo: watermark)
    }

    /// The store's part of ``release(upTo:)``: all of it on the straight-through path.
    @inline(__always)
    private mutating func releaseStore(upTo watermark: Double) {
        while toStore.removeMinimum(arrivingBy: watermark, into: &leaving) { toProfileStore(leaving) }
        if storeBatchSize > 1, !storeBatch.isEmpty, storeBatchFirst + storeLinger < watermark {
            writeStoreBatch(at: storeBatchFirst + storeLinger)
        }
        if keepsTimeline { timeline.close(before: watermark) }
    }

    /// Empties ``completed`` at the start of every public mutation, before anything is appended
    /// to it (see ``CompletedRecords/append(_:)``).
    @inline(__always)
    private mutating func clearCompleted() {
        completed.removeAll()
    }

    // MARK: - Straight through

    /// Sends, appends, reads and processes the event just offered, as the general path would
    /// (see `straightThrough` for when it applies): a batch of one reaches its partition at once,
    /// is readable on its append, and its worker, whose arrivals come in offer order, processes it
    /// from max(free, readable), which is what the worker's station computes.
    ///
    /// The partition appends in no time and its arrivals come in offer order, so its station
    /// would start each event on arrival: the event is ingested at its own time, and its append
    /// latency, wait and sojourn there are all 0. ``finish()`` records them for every event at
    /// once (``FIFOStation/serveInstantly(count:lastArrival:)``), which gives the same statistics.
    @inline(__always)
    private mutating func passStraightThrough(_ event: CustomerEvent, partition p: Int, processing: Double,
                                              scoring: Double, store: Double, mix: UInt64) {
        let t = event.time
        delivery.sent &+= 1
        let ingest = t
        delivery.appended &+= 1
        let w = workerOfPartition[p]
        guard case let .served(_, start, end) = workerStations[w].serve(arrival: ingest, service: processing + scoring)
        else { return }
        delivery.processed &+= 1
        let offset = logs[p].nextOffset
        logs[p].nextOffset = offset &+ 1
        logs[p].lagArea += end - ingest
        if keepsTimeline { timeline.pass(partition: p, worker: w, ingest: ingest, start: start, end: end) }
        toStore.insert(InFlight(
            key: end,
            record: PipelineRecord(
                event: event, delivery: .first, partition: p, offset: Int(offset), worker: w, producerTime: t,
                sentTime: t, logArrival: t, ingestTime: ingest, readableTime: ingest, processingStart: start,
                scoringTime: scoring, processingEnd: end, storeEnd: 0),
            append: 0, processing: processing, store: store, mix: mix))
    }

    // MARK: - Producer

    /// The event reaches its producer at `item.key` (in time order): it joins its partition's batch.
    private mutating func produce(_ item: inout InFlight) {
        let p = item.record.partition
        let a = item.key
        if batchSize == 1 {
            send(&item, partition: p, at: a)
            return
        }
        if !batches[p].isEmpty, a > batchFirst[p] + linger { closeBatch(p, at: batchFirst[p] + linger) }
        batches[p].append(item)
        if batches[p].count == 1 {
            batchFirst[p] = a
            if batchSize > 1 {
                deadlines.insert(BatchDeadline(deadline: a + linger, partition: p, generation: batchGeneration[p]))
            }
        }
        if batches[p].count >= batchSize { closeBatch(p, at: a) }
    }

    private mutating func closeBatch(_ p: Int, at sent: Double) {
        batchGeneration[p] &+= 1
        let arrival = logArrival(p, sent: sent, draw: batches[p][0].record.sentTime)
        let resend = decideResend(p, arrival: arrival, draw: batches[p][0].record.logArrival)
        for index in batches[p].indices {
            var item = batches[p][index]
            enqueue(&item, sent: sent, arrival: arrival, copy: false)
        }
        if resend {
            for index in batches[p].indices {
                var item = batches[p][index]
                enqueue(&item, sent: sent, arrival: arrival, copy: true)
            }
        }
        batches[p].removeAll(keepingCapacity: true)
    }

    /// A batch of one.
    @inline(__always)
    private mutating func send(_ item: inout InFlight, partition p: Int, at sent: Double) {
        let arrival = logArrival(p, sent: sent, draw: item.record.sentTime)
        let copy = decideResend(p, arrival: arrival, draw: item.record.logArrival)
        guard copy else { return enqueue(&item, sent: sent, arrival: arrival, copy: false) }
        var duplicate = item
        enqueue(&item, sent: sent, arrival: arrival, copy: false)
        enqueue(&duplicate, sent: sent, arrival: arrival, copy: true)
    }

    /// One network delay per batch; a partition's batches reach the log in the order sent.
    @inline(__always)
    private mutating func logArrival(_ p: Int, sent: Double, draw: Double) -> Double {
        var arrival = sent
        if hasNetworkDelay { arrival += draw }
        arrival = Swift.max(arrival, logs[p].lastArrival)
        logs[p].lastArrival = arrival
        return arrival
    }

    /// Whether the batch reaching the log at `arrival` is sent twice: at random, or because a
    /// scheduled retry fell while it was in flight (or before it was sent).
    @inline(__always)
    private mutating func decideResend(_ p: Int, arrival: Double, draw: Double) -> Bool {
        var resend = false
        if resendProbability > 0, draw < resendProbability { resend = true }
        if !retries[p].isEmpty {
            while nextRetry[p] < retries[p].count, retries[p][nextRetry[p]] < arrival {
                nextRetry[p] += 1
                resend = true
            }
        }
        return resend
    }

    @inline(__always)
    private mutating func enqueue(_ item: inout InFlight, sent: Double, arrival: Double, copy: Bool) {
        item.record.sentTime = sent
        item.record.logArrival = arrival
        item.key = arrival
        if copy {
            item.record.delivery = .resent
            delivery.resent += 1
        }
        delivery.sent += 1
        // Fast path: arrivals come in producer order and nothing earlier waits for the log.
        if directLog, !copy, toLog.isEmpty {
            appendToLog(&item)
        } else {
            toLog.insert(item)
        }
    }

    // MARK: - Log

    private mutating func appendToLog(_ item: inout InFlight) {
        let p = item.record.partition
        guard case let .served(_, _, ingest) = partitionStations[p].serve(arrival: item.key, service: item.append)
        else { return }
        item.record.ingestTime = ingest
        item.record.offset = Int(logs[p].nextOffset)
        logs[p].nextOffset += 1
        var readable = ingest
        if hasReplication { readable += topology.replicationDelay.sample(replicationStream) }
        readable = Swift.max(readable, logs[p].lastReadable)
        logs[p].lastReadable = readable
        item.record.readableTime = readable
        item.key = readable
        delivery.appended += 1
        if keepsTimeline { timeline.append(at: ingest) }
        // Fast path: the event just offered, readable already, with nothing else bound for workers.
        if offering, readable <= lastEventTime, toWorkers.isEmpty, toLog.isEmpty {
            process(&item, arrival: readable)
        } else {
            toWorkers.insert(item)
        }
    }

    // MARK: - Workers

    /// The worker of `item` takes it, available since `arrival`, in arrival order (see
    /// ``ConsumerSettings`` for polls and commits, ``PipelineFault`` for crashes and rebalances).
    private mutating func process(_ item: inout InFlight, arrival: Double) {
        let w = item.record.worker
        while true {
            // Scalars only: copying the state would share its `uncommitted` buffer and force a copy.
            let free = workerStates[w].free, stationFree = workerStates[w].stationFree
            let newPoll = !(workerStates[w].pollLeft > 0 && arrival <= workerStates[w].pollTime)
            let begin = newPoll ? Swift.max(free, arrival) : free
            let overhead = newPoll && hasPollOverhead ? topology.consumer.pollOverhead.sample(pollStreams[w]) : 0
            let start = begin + overhead
            let service = item.processing + item.record.scoringTime
            let end = begin + (overhead + service)  // the station's own arithmetic
            var pauseAfter = false
            let nextWindow = workerStates[w].nextWindow
            if nextWindow < workerStates[w].windows.count {
                let window = workerStates[w].windows[nextWindow]
                if window.crash ? window.start < end : window.start <= begin {
                    startWindow(of: w)
                    continue
                }
                pauseAfter = !window.crash && window.start < end
            }
            // Commit timer ticks that fell while the worker was idle.
            if workerStates[w].nextTick <= begin { commit(w, tickAfter: begin) }
            // The station sees the same start: its own free time, or the end of a fault window.
            let stationArrival = free == stationFree ? Swift.max(arrival, workerStates[w].lastStationArrival) : begin
            guard case let .served(_, _, departure) = workerStations[w].serve(
                arrival: stationArrival, service: overhead + service) else { return }
            workerStates[w].lastStationArrival = stationArrival
            workerStates[w].stationFree = departure
            workerStates[w].free = end
            if newPoll {
                workerStates[w].pollTime = begin
                workerStates[w].pollLeft = maxPollRecords - 1
            } else {
                workerStates[w].pollLeft -= 1
            }
            item.record.processingStart = start
            item.record.processingEnd = end
            item.key = end
            delivery.processed += 1
            if item.record.delivery == .redelivered {
                delivery.redelivered += 1
            } else {
                logs[item.record.partition].lagArea += end - item.record.ingestTime
                if keepsTimeline {
                    timeline.lag(partition: item.record.partition, from: item.record.ingestTime, to: end)
                }
            }
            if keepsTimeline {
                timeline.busy(worker: w, from: begin, to: end)
                timeline.process(at: end)
            }
            workerStates[w].uncommittedCount += 1
            // Only a crash replays them: past the worker's last crash window, count them only.
            if workerStates[w].nextWindow <= workerStates[w].lastCrash { workerStates[w].uncommitted.append(item) }
            if workerStates[w].uncommittedCount >= commitEvery || end >= workerStates[w].nextTick {
                commit(w, tickAfter: end)
            }
            toStore.insert(item)
            if pauseAfter { startWindow(of: w) }
            return
        }
    }

    /// Commits everything `w` processed; the next timer tick is the first after `time`.
    @inline(__always)
    private mutating func commit(_ w: Int, tickAfter time: Double) {
        workerStates[w].uncommitted.removeAll(keepingCapacity: true)
        workerStates[w].uncommittedCount = 0
        if commitInterval.isFinite, workerStates[w].nextTick <= time {
            workerStates[w].nextTick = ((time / commitInterval).rounded(.down) + 1) * commitInterval
        }
    }

    /// Applies `w`'s next down window [x, y): the worker has finished everything started before x.
    /// A crash redelivers what it processed since its last commit (first thing at y); a rebalance
    /// commits. Either way the worker starts nothing before y and begins with a new poll.
    private mutating func startWindow(of w: Int) {
        let window = workerStates[w].windows[workerStates[w].nextWindow]
        workerStates[w].nextWindow += 1
        workerStates[w].free = Swift.max(workerStates[w].free, window.end)
        workerStates[w].pollLeft = 0
        guard window.crash else {
            delivery.rebalances += w == 0 ? 1 : 0
            commit(w, tickAfter: window.start)
            return
        }
        delivery.crashes += 1
        // The timer may have committed while the worker was idle before the crash (a tick at the
        // crash instant is too late).
        if workerStates[w].nextTick < window.start { commit(w, tickAfter: window.start) }
        let replay = workerStates[w].uncommitted
        workerStates[w].uncommitted.removeAll(keepingCapacity: true)
        workerStates[w].uncommittedCount = 0
        for var item in replay {
            item.record.delivery = .redelivered
            process(&item, arrival: window.start)
        }
    }

    // MARK: - Profile store

    @inline(__always)
    private mutating func toProfileStore(_ item: InFlight) {
        if storeBatchSize == 1 {
            let (start, departure) = write(arrival: item.key, service: item.store)
            _ = start
            complete(item, storeEnd: departure)
            return
        }
        if !storeBatch.isEmpty, item.key > storeBatchFirst + storeLinger {
            writeStoreBatch(at: storeBatchFirst + storeLinger)
        }
        if storeBatch.isEmpty { storeBatchFirst = item.key }
        storeBatch.append(item)
        if storeBatch.count >= storeBatchSize { writeStoreBatch(at: item.key) }
    }

    /// One write operation for the whole batch, sized by its first record's drawn write time.
    private mutating func writeStoreBatch(at time: Double) {
        let (_, departure) = write(arrival: time, service: storeBatch[0].store)
        for index in storeBatch.indices { complete(storeBatch[index], storeEnd: departure) }
        storeBatch.removeAll(keepingCapacity: true)
    }

    /// Serves one write operation; a slowdown multiplies the time of writes starting in its window.
    @inline(__always)
    private mutating func write(arrival: Double, service: Double) -> (start: Double, departure: Double) {
        var service = service
        if !slowdowns.isEmpty {
            let start = Swift.max(arrival, storeStation.earliestServerFreeTime)
            for slowdown in slowdowns where slowdown.from <= start && start < slowdown.to { service *= slowdown.factor }
        }
        guard case let .served(_, start, departure) = storeStation.serve(arrival: arrival, service: service)
        else { return (arrival, arrival) }
        return (start, departure)
    }

    @inline(__always)
    private mutating func complete(_ item: InFlight, storeEnd: Double) {
        let time = item.record.event.time
        let first = item.record.delivery == .first
        if first {
            // Always 0 on the straight path, which records them all at the end.
            if !straightThrough { appendLatency.record(item.record.ingestTime - time) }
            let end = item.record.processingEnd
            if measuresDistributions {
                endToEnd.record(storeEnd - time)
                processingLatency.record(end - item.record.ingestTime)
                if hasScoring { scoringLatency.record(end - item.record.featurisedTime) }
                storeLatency.record(storeEnd - end)
            } else {
                stageTallies.add(SIMD4(storeEnd - time, end - item.record.ingestTime, storeEnd - end,
                                       hasScoring ? end - item.record.featurisedTime : 0))
            }
            accounting.add(item.record.event, mix: item.mix)
        }
        delivery.delivered &+= 1
        if keepsTimeline { timeline.write(at: storeEnd, latency: first ? storeEnd - time : nil) }
        horizon = Swift.max(horizon, storeEnd)
        var record = item.record
        record.storeEnd = storeEnd
        completed.append(record)
    }
}

/// One log partition's end: what its next batch, append and read are ordered after.
struct PartitionLog: Sendable {
    /// When its latest batch reached the log (batches arrive in the order sent).
    var lastArrival = -Double.infinity
    /// The offset of its next append.
    var nextOffset: Int64 = 0
    /// When its latest append became readable (reads follow offset order).
    var lastReadable = -Double.infinity
    /// ∫ consumer lag dt: Σ (processing end − ingest) over first deliveries.
    var lagArea = 0.0
}

/// A worker's down window [start, end): a crash or a rebalance pause.
struct WorkerWindow: Sendable {
    var start: Double
    var end: Double
    var crash: Bool
}

/// A consumer worker's polling, commit and fault state.
struct WorkerState: Sendable {
    /// When the worker is free to take its next record.
    var free = 0.0
    /// The worker station's own free time (differs from `free` only just after a fault window).
    var stationFree = 0.0
    var lastStationArrival = -Double.infinity
    /// The instant of the current poll and the records it may still return.
    var pollTime = -Double.infinity
    var pollLeft = 0
    /// The next commit timer tick.
    var nextTick: Double
    /// Records processed since the last commit (redelivered after a crash), O(commitEvery); kept
    /// only while a crash window lies ahead (`nextWindow <= lastCrash`).
    var uncommitted: [InFlight] = []
    /// How many records were processed since the last commit (kept or not).
    var uncommittedCount = 0
    var windows: [WorkerWindow]
    var nextWindow = 0
    /// The index of the last crash in `windows`, −1 without one.
    let lastCrash: Int

    init(nextTick: Double, windows: [WorkerWindow]) {
        self.nextTick = nextTick
        self.windows = windows
        lastCrash = windows.lastIndex(where: \.crash) ?? -1
    }
}
