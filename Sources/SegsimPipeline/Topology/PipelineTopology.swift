import SegsimRandom

/// How a consumer group shares the log's partitions among its workers.
public enum PartitionAssignment: String, Sendable, Equatable, Codable, CaseIterable {
    /// Contiguous ranges, as Kafka's range assignor: with P partitions and W workers, worker w
    /// takes ⌊P/W⌋ partitions, the first P mod W workers one more, in partition order.
    case range
    /// Partition p goes to worker p mod W.
    case roundRobin

    /// The name in scenario files: `range` or `round_robin`.
    public var configurationName: String { self == .range ? "range" : "round_robin" }
}

/// A topology problem that makes a pipeline impossible to run, with the path to the field.
public struct PipelineTopologyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration path of the offending field, e.g. `pipeline.partitions`.
    public var path: String
    /// What is wrong, e.g. `must be ≥ 1, got 0`.
    public var message: String

    /// Creates an error for the field at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, e.g. `pipeline.partitions: must be ≥ 1, got 0`.
    public var description: String { "\(path): \(message)" }
}

/// A topology that runs but wastes something worth knowing about.
public enum PipelineTopologyWarning: Sendable, Equatable, CustomStringConvertible {
    /// More workers than partitions: the listed workers (0-based) are assigned no partition.
    case idleWorkers([Int], workers: Int, partitions: Int)

    /// A one-line message with the path to the field and the fix, the idle workers as ranges
    /// (`12–99`), so that it stays one line however many workers there are.
    public var description: String {
        switch self {
        case let .idleWorkers(idle, workers, partitions):
            "pipeline.workers: \(workers) workers for \(partitions) partitions leave \(idle.count) idle "
                + "(\(Self.ranges(idle))); a partition is read by one worker, so add partitions or use at most "
                + "\(partitions) workers"
        }
    }

    /// Ascending numbers as comma-separated runs: `[1, 2, 3, 7]` → `1–3, 7`.
    private static func ranges(_ numbers: [Int]) -> String {
        var runs: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            runs.append(end == index ? "\(numbers[index])" : "\(numbers[index])–\(numbers[end])")
            index = end + 1
        }
        return runs.joined(separator: ", ")
    }
}

/// The producers in front of the log: per-partition batching, network delay, at-least-once
/// resends, and late (offline) clients.
///
/// A partition's batch closes when it holds ``batchSize`` events or ``linger`` seconds after its
/// first event, whichever comes first; it then takes one ``networkDelay`` draw to reach the log.
/// Batches of one partition reach the log in the order they were sent (as Kafka's idempotent
/// producer guarantees), so a customer's events can only be reordered by ``lateShare``.
public struct ProducerSettings: Sendable, Equatable {
    /// Events per batch (≥ 1); 1 sends every event alone.
    public var batchSize: Int
    /// Longest wait of a batch's first event before the batch is sent, in seconds (≥ 0).
    public var linger: Double
    /// Time for a batch to reach the log, drawn once per batch.
    public var networkDelay: ServiceTimeDistribution
    /// Probability that a batch is sent twice (its ack was lost): duplicates with the same ids.
    public var resendProbability: Double
    /// Share of events whose client was offline: they reach the producer after ``lateDelay``.
    public var lateShare: Double
    /// The extra delay of a late event before it reaches the producer.
    public var lateDelay: ServiceTimeDistribution

    /// Creates producer settings; the defaults send each event at once, with no delay.
    public init(batchSize: Int = 1, linger: Double = 0, networkDelay: ServiceTimeDistribution = .constant(seconds: 0),
                resendProbability: Double = 0, lateShare: Double = 0,
                lateDelay: ServiceTimeDistribution = .constant(seconds: 0)) {
        self.batchSize = batchSize
        self.linger = linger
        self.networkDelay = networkDelay
        self.resendProbability = resendProbability
        self.lateShare = lateShare
        self.lateDelay = lateDelay
    }
}

/// The consumer group's polling and checkpointing.
///
/// A worker fetches up to ``maxPollRecords`` records per poll: a record that had arrived by the
/// poll's instant joins it; otherwise a new poll starts when the worker has finished its current
/// records (or when the record arrives, if later) and costs ``pollOverhead``. Offsets are committed
/// after every ``commitEvery`` processed records, and on a timer every ``commitInterval`` seconds
/// (at the first record end, or idle moment, at or after each tick — Kafka's auto-commit in poll).
/// With zero overhead, polling changes no start time, so the queueing checks hold for any
/// ``maxPollRecords``.
public struct ConsumerSettings: Sendable, Equatable {
    /// Records per poll (≥ 1), Kafka's `max.poll.records`.
    public var maxPollRecords: Int
    /// Time of one poll (fetch and deserialise), paid before its first record.
    public var pollOverhead: ServiceTimeDistribution
    /// Processed records between two commits (≥ 1).
    public var commitEvery: Int
    /// Seconds between commit timer ticks (> 0; `.infinity` for no timer).
    public var commitInterval: Double

    /// Creates consumer settings (defaults: 500 records per poll, free polls, commits every 1,000
    /// records or 5 s).
    public init(maxPollRecords: Int = 500, pollOverhead: ServiceTimeDistribution = .constant(seconds: 0),
                commitEvery: Int = 1_000, commitInterval: Double = 5) {
        self.maxPollRecords = maxPollRecords
        self.pollOverhead = pollOverhead
        self.commitEvery = commitEvery
        self.commitInterval = commitInterval
    }
}

/// A fault on the scenario's schedule; times are virtual seconds from the epoch.
public enum PipelineFault: Sendable, Equatable {
    /// `worker` is down during [at, at + restartAfter]: the record in progress at `at` is
    /// restarted, and the records it processed since its last commit are redelivered (processed
    /// again, first thing after the restart, as ``PipelineDelivery/redelivered``).
    case workerCrash(worker: Int, at: Double, restartAfter: Double)
    /// A consumer-group rebalance: every worker finishes the record in progress, commits, and
    /// starts nothing during [at, at + pause]. Members and assignment are unchanged, so nothing is
    /// redelivered (the eager protocol commits in `onPartitionsRevoked`).
    case rebalance(at: Double, pause: Double)
    /// Profile-store writes starting in [from, to) take `factor` times their drawn time.
    case storeSlowdown(from: Double, to: Double, factor: Double)
    /// The batch of `partition` (every partition when nil) in flight at `at` — or the first one
    /// sent after it — is sent twice: duplicates with the same event ids.
    case producerRetry(at: Double, partition: Int?)
}

/// The shape of the simulated pipeline: producers that batch per partition, a log of
/// `partitions` keyed by customer, a consumer group of `workers` that polls and commits, and a
/// profile store with `storeConcurrency` parallel writers that may batch writes; plus faults.
///
/// An event of customer c goes to partition `c mod partitions` (see ``partition(ofCustomer:)``),
/// so all of a customer's events share one partition, hence one worker, and keep their order
/// (unless late). Durations are virtual seconds; a `.constant(seconds: 0)` stage costs nothing
/// and is allowed even though ``ServiceTimeDistribution/validate()`` asks for a positive constant.
/// The defaults reproduce the plain queueing core: no batching, no delays, no faults.
public struct PipelineTopology: Sendable, Equatable {
    /// Partitions of the log (≥ 1).
    public var partitions: Int
    /// Workers of the consumer group (≥ 1; more than `partitions` leaves some idle).
    public var workers: Int
    /// How partitions are shared among workers.
    public var assignment: PartitionAssignment
    /// Time for a partition to append one event; appends of one partition are sequential, and a
    /// batch's events are appended one after the other when it arrives.
    public var append: ServiceTimeDistribution
    /// A worker's time to take one event in and update its customer's features (deserialise,
    /// dedup, RFM and engagement); the event is *featurised* at its end.
    public var processing: ServiceTimeDistribution
    /// A worker's time to score one featurised event (the strategy's segment assignment), after
    /// ``processing`` and on the same worker; the event is *scored* at its end. Free by default.
    public var scoring: ServiceTimeDistribution
    /// Time of one profile-store write operation (one per write batch).
    public var store: ServiceTimeDistribution
    /// Write operations the profile store serves at once (≥ 1).
    public var storeConcurrency: Int
    /// Producer batching, network, resends and late events.
    public var producer: ProducerSettings
    /// Pure delay after an append before consumers can read it (acks=all replication); a
    /// partition's records become readable in offset order (the high watermark).
    public var replicationDelay: ServiceTimeDistribution
    /// Polling and commits.
    public var consumer: ConsumerSettings
    /// Records per profile-store write operation (≥ 1); one write's time serves the whole batch.
    public var storeBatchSize: Int
    /// Longest wait of a store batch's first record before the write starts, in seconds (≥ 0).
    public var storeLinger: Double
    /// Whether the feature stores deduplicate by event id (the runner passes it to them).
    public var idempotent: Bool
    /// Faults on a schedule.
    public var faults: [PipelineFault]
    /// Width of the timeline's windows in seconds (> 0), or nil for no timeline.
    public var timelineWindow: Double?

    /// Creates a topology; everything but `processing` defaults to free and fault-free.
    public init(partitions: Int = 1, workers: Int = 1, assignment: PartitionAssignment = .range,
                append: ServiceTimeDistribution = .constant(seconds: 0), processing: ServiceTimeDistribution,
                scoring: ServiceTimeDistribution = .constant(seconds: 0),
                store: ServiceTimeDistribution = .constant(seconds: 0), storeConcurrency: Int = 1,
                producer: ProducerSettings = ProducerSettings(),
                replicationDelay: ServiceTimeDistribution = .constant(seconds: 0),
                consumer: ConsumerSettings = ConsumerSettings(), storeBatchSize: Int = 1, storeLinger: Double = 0,
                idempotent: Bool = true, faults: [PipelineFault] = [], timelineWindow: Double? = nil) {
        self.partitions = partitions
        self.workers = workers
        self.assignment = assignment
        self.append = append
        self.processing = processing
        self.scoring = scoring
        self.store = store
        self.storeConcurrency = storeConcurrency
        self.producer = producer
        self.replicationDelay = replicationDelay
        self.consumer = consumer
        self.storeBatchSize = storeBatchSize
        self.storeLinger = storeLinger
        self.idempotent = idempotent
        self.faults = faults
        self.timelineWindow = timelineWindow
    }

    /// The most partitions, workers or store writers a topology may have: more than a real
    /// cluster runs, and few enough that per-partition state and timelines fit in memory.
    public static let maximumCount = 100_000

    /// The partition that holds `customer`'s events: `customer mod partitions`.
    @inlinable
    public func partition(ofCustomer customer: UInt32) -> Int { Int(customer) % partitions }

    /// The worker that consumes each partition, indexed by partition.
    /// - Precondition: the topology is valid.
    /// - Complexity: O(partitions).
    public func workerOfPartition() -> [Int] {
        switch assignment {
        case .roundRobin:
            return (0..<partitions).map { $0 % workers }
        case .range:
            let share = partitions / workers, extra = partitions % workers
            var owners: [Int] = []
            owners.reserveCapacity(partitions)
            for worker in 0..<workers {
                let count = share + (worker < extra ? 1 : 0)
                owners.append(contentsOf: repeatElement(worker, count: count))
            }
            return owners
        }
    }

    /// Checks every field and returns the warnings of a topology that runs.
    /// - Throws: ``PipelineTopologyError`` for the first bad field, with its path in the scenario
    ///   file's `pipeline:` section, e.g. `pipeline.partitions: must be ≥ 1, got 0` or
    ///   `pipeline.faults[1].worker_crash.worker: no worker 9 (workers are 0…7)`.
    @discardableResult
    public func validate() throws(PipelineTopologyError) -> [PipelineTopologyWarning] {
        try Self.count(partitions, "pipeline.partitions")
        try Self.count(workers, "pipeline.workers")
        try Self.atLeastOne(producer.batchSize, "pipeline.producer.batch_size")
        try Self.nonNegative(producer.linger, "pipeline.producer.linger")
        try Self.validate(producer.networkDelay, "pipeline.producer.network_delay")
        try Self.probability(producer.resendProbability, "pipeline.producer.resend_probability")
        try Self.probability(producer.lateShare, "pipeline.producer.late.share")
        try Self.validate(producer.lateDelay, "pipeline.producer.late.delay")
        try Self.validate(append, "pipeline.log.append")
        try Self.validate(replicationDelay, "pipeline.log.replication_delay")
        try Self.atLeastOne(consumer.maxPollRecords, "pipeline.consumer.max_poll_records")
        try Self.validate(consumer.pollOverhead, "pipeline.consumer.poll_overhead")
        try Self.validate(processing, "pipeline.consumer.processing")
        try Self.validate(scoring, "pipeline.consumer.scoring")
        try Self.atLeastOne(consumer.commitEvery, "pipeline.consumer.commit_every")
        try Self.positive(consumer.commitInterval, "pipeline.consumer.commit_interval", allowInfinity: true)
        try Self.validate(store, "pipeline.store.write")
        try Self.count(storeConcurrency, "pipeline.store.concurrency")
        try Self.atLeastOne(storeBatchSize, "pipeline.store.batch_size")
        try Self.nonNegative(storeLinger, "pipeline.store.linger")
        if let timelineWindow { try Self.positive(timelineWindow, "pipeline.timeline_window") }
        for (index, fault) in faults.enumerated() { try validate(fault, "pipeline.faults[\(index)]") }
        guard workers > partitions else { return [] }
        let busy = Set(workerOfPartition())
        return [.idleWorkers((0..<workers).filter { !busy.contains($0) }, workers: workers, partitions: partitions)]
    }

    private func validate(_ fault: PipelineFault, _ path: String) throws(PipelineTopologyError) {
        switch fault {
        case let .workerCrash(worker, at, restartAfter):
            guard (0..<workers).contains(worker) else {
                throw PipelineTopologyError(path: path + ".worker_crash.worker",
                                            message: "no worker \(worker) (workers are 0…\(workers - 1))")
            }
            try Self.nonNegative(at, path + ".worker_crash.at")
            try Self.nonNegative(restartAfter, path + ".worker_crash.restart_after")
        case let .rebalance(at, pause):
            try Self.nonNegative(at, path + ".rebalance.at")
            try Self.nonNegative(pause, path + ".rebalance.pause")
        case let .storeSlowdown(from, to, factor):
            try Self.nonNegative(from, path + ".store_slowdown.from")
            try Self.nonNegative(to, path + ".store_slowdown.to")
            guard from < to else {
                throw PipelineTopologyError(path: path + ".store_slowdown.to",
                                            message: "must be after from (\(Self.render(from))), got \(Self.render(to))")
            }
            try Self.positive(factor, path + ".store_slowdown.factor")
        case let .producerRetry(at, partition):
            try Self.nonNegative(at, path + ".producer_retry.at")
            if let partition, !(0..<partitions).contains(partition) {
                throw PipelineTopologyError(path: path + ".producer_retry.partition",
                                            message: "no partition \(partition) (partitions are 0…\(partitions - 1))")
            }
        }
    }

    private static func count(_ value: Int, _ path: String) throws(PipelineTopologyError) {
        try atLeastOne(value, path)
        guard value <= maximumCount else {
            throw PipelineTopologyError(path: path, message: "must be ≤ \(maximumCount), got \(value)")
        }
    }

    private static func atLeastOne(_ value: Int, _ path: String) throws(PipelineTopologyError) {
        guard value >= 1 else { throw PipelineTopologyError(path: path, message: "must be ≥ 1, got \(value)") }
    }

    private static func nonNegative(_ value: Double, _ path: String) throws(PipelineTopologyError) {
        guard value.isFinite, value >= 0 else {
            throw PipelineTopologyError(path: path, message: "must be a finite number ≥ 0, got \(render(value))")
        }
    }

    private static func positive(_ value: Double, _ path: String, allowInfinity: Bool = false) throws(PipelineTopologyError) {
        guard value > 0, value.isFinite || (allowInfinity && value == .infinity) else {
            throw PipelineTopologyError(path: path, message: "must be > 0, got \(render(value))")
        }
    }

    private static func probability(_ value: Double, _ path: String) throws(PipelineTopologyError) {
        guard (0...1).contains(value) else {
            throw PipelineTopologyError(path: path, message: "must be in [0, 1], got \(render(value))")
        }
    }

    private static func validate(_ distribution: ServiceTimeDistribution, _ path: String) throws(PipelineTopologyError) {
        if distribution == .constant(seconds: 0) { return }
        do {
            try distribution.validate()
        } catch {
            throw PipelineTopologyError(path: path, message: error.message)
        }
    }

    /// A number as a person writes it: `-1` rather than `-1.0`.
    static func render(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
