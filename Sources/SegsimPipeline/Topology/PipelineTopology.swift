import SegsimRandom

/// How a consumer group shares the log's partitions among its workers.
public enum PartitionAssignment: String, Sendable, Equatable, Codable, CaseIterable {
    /// Contiguous ranges, as Kafka's range assignor: with P partitions and W workers, worker w
    /// takes ⌊P/W⌋ partitions, the first P mod W workers one more, in partition order.
    case range
    /// Partition p goes to worker p mod W.
    case roundRobin
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

    /// A one-line message with the path to the field.
    public var description: String {
        switch self {
        case let .idleWorkers(idle, workers, partitions):
            "pipeline.workers: \(workers) workers for \(partitions) partitions leave \(idle.count) idle: "
                + idle.map(String.init).joined(separator: ", ")
        }
    }
}

/// The shape of the simulated pipeline: a log of `partitions` keyed by customer, a consumer group
/// of `workers`, and a profile store with `storeConcurrency` parallel writers.
///
/// An event of customer c goes to partition `c mod partitions` (see ``partition(ofCustomer:)``),
/// so all of a customer's events share one partition, hence one worker, and keep their order.
/// Durations are virtual seconds; a `.constant(seconds: 0)` stage costs nothing and is allowed
/// even though ``ServiceTimeDistribution/validate()`` asks for a positive constant.
public struct PipelineTopology: Sendable, Equatable {
    /// Partitions of the log (≥ 1).
    public var partitions: Int
    /// Workers of the consumer group (≥ 1; more than `partitions` leaves some idle).
    public var workers: Int
    /// How partitions are shared among workers.
    public var assignment: PartitionAssignment
    /// Time for a partition to append one event; appends of one partition are sequential.
    public var append: ServiceTimeDistribution
    /// A worker's time to process one event (deserialise, features, scoring).
    public var processing: ServiceTimeDistribution
    /// Time of one profile-store write.
    public var store: ServiceTimeDistribution
    /// Writes the profile store serves at once (≥ 1).
    public var storeConcurrency: Int

    /// Creates a topology; appends and store writes are free unless given.
    public init(partitions: Int = 1, workers: Int = 1, assignment: PartitionAssignment = .range,
                append: ServiceTimeDistribution = .constant(seconds: 0), processing: ServiceTimeDistribution,
                store: ServiceTimeDistribution = .constant(seconds: 0), storeConcurrency: Int = 1) {
        self.partitions = partitions
        self.workers = workers
        self.assignment = assignment
        self.append = append
        self.processing = processing
        self.store = store
        self.storeConcurrency = storeConcurrency
    }

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
    /// - Throws: ``PipelineTopologyError`` for the first bad field, e.g.
    ///   `pipeline.partitions: must be ≥ 1, got 0`.
    @discardableResult
    public func validate() throws(PipelineTopologyError) -> [PipelineTopologyWarning] {
        try Self.requireAtLeastOne(partitions, "pipeline.partitions")
        try Self.requireAtLeastOne(workers, "pipeline.workers")
        try Self.requireAtLeastOne(storeConcurrency, "pipeline.store_concurrency")
        try Self.validate(append, "pipeline.append")
        try Self.validate(processing, "pipeline.processing")
        try Self.validate(store, "pipeline.store")
        guard workers > partitions else { return [] }
        let busy = Set(workerOfPartition())
        return [.idleWorkers((0..<workers).filter { !busy.contains($0) }, workers: workers, partitions: partitions)]
    }

    private static func requireAtLeastOne(_ value: Int, _ path: String) throws(PipelineTopologyError) {
        guard value >= 1 else { throw PipelineTopologyError(path: path, message: "must be ≥ 1, got \(value)") }
    }

    private static func validate(_ distribution: ServiceTimeDistribution, _ path: String) throws(PipelineTopologyError) {
        if distribution == .constant(seconds: 0) { return }
        do {
            try distribution.validate()
        } catch {
            throw PipelineTopologyError(path: path, message: error.message)
        }
    }
}
