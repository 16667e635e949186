import SegsimBehaviour
import SegsimRandom

// The scenario's `pipeline:` section, snake_case, every key optional (defaults as in
// `PipelineTopology.init`), unknown keys rejected with the nearest known key, durations as numbers
// of seconds or text with a unit (`250ms`, `2s`, `5m`, `36h`, `2d`), distributions in
// `ServiceTimeDistribution`'s form (`{ exponential: { mean: 0.002 } }`; omit a key for "free"):
//
//   pipeline:
//     partitions: 12
//     workers: 6
//     assignment: range                 # or round_robin
//     producer: { batch_size: 100, linger: 5ms, network_delay: { exponential: { mean: 0.002 } },
//                 resend_probability: 0, late: { share: 0.01, delay: { exponential: { mean: 60 } } } }
//     log: { append: { exponential: { mean: 0.0002 } }, replication_delay: { constant: 0.001 } }
//     consumer: { max_poll_records: 500, poll_overhead: { constant: 0.001 },
//                 processing: { exponential: { mean: 0.0005 } }, scoring: { constant: 0.0002 },
//                 commit_every: 1000, commit_interval: 5s }
//     store: { write: { lognormal: { mean: 0.003, sd: 0.002 } }, concurrency: 8, batch_size: 1, linger: 0 }
//     idempotent: true
//     timeline_window: 1h               # omit for no timeline
//     faults:                           # each entry is a mapping with exactly one fault
//       - worker_crash: { worker: 2, at: 1d, restart_after: 30s }
//       - rebalance: { at: 2d, pause: 10s }
//       - store_slowdown: { from: 3d, to: 74h, factor: 5 }
//       - producer_retry: { at: 4d }    # optional `partition: 3`; every partition when absent
//
// Decoding throws `DistributionError` at the field's path (`pipeline.consumer.commit_every: must be
// ≥ 1, got 0`), including the checks of `PipelineTopology.validate()`.

extension PipelineTopology: Codable {
    enum Keys: String, CodingKey, CaseIterable {
        case partitions, workers, assignment, producer, log, consumer, store, idempotent, faults
        case timelineWindow = "timeline_window"
    }

    enum ProducerKeys: String, CodingKey, CaseIterable {
        case batchSize = "batch_size", linger, networkDelay = "network_delay"
        case resendProbability = "resend_probability", late
    }

    enum LateKeys: String, CodingKey, CaseIterable { case share, delay }
    enum LogKeys: String, CodingKey, CaseIterable { case append, replicationDelay = "replication_delay" }

    enum ConsumerKeys: String, CodingKey, CaseIterable {
        case maxPollRecords = "max_poll_records", pollOverhead = "poll_overhead", processing, scoring
        case commitEvery = "commit_every", commitInterval = "commit_interval"
    }

    enum StoreKeys: String, CodingKey, CaseIterable { case write, concurrency, batchSize = "batch_size", linger }

    /// Decodes and validates a `pipeline:` section; missing keys take the defaults.
    /// - Throws: ``SegsimRandom/DistributionError`` naming the field path.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, Keys.self)
        var t = PipelineTopology(processing: .constant(seconds: 0))
        t.partitions = try c.value(.partitions, t.partitions)
        t.workers = try c.value(.workers, t.workers)
        if c.contains(.assignment) {
            let name = try c.decode(String.self, forKey: .assignment)
            guard let assignment = PartitionAssignment.allCases.first(where: { $0.configurationName == name }) else {
                throw DistributionError(path: Self.join(path, "assignment"),
                                        .notOneOf(found: [name], known: PartitionAssignment.allCases.map(\.configurationName)))
            }
            t.assignment = assignment
        }
        if c.contains(.producer) {
            let (p, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .producer), ProducerKeys.self)
            t.producer.batchSize = try p.value(.batchSize, t.producer.batchSize)
            t.producer.linger = try p.value(.linger, SimulatedDuration(seconds: t.producer.linger)).seconds
            t.producer.networkDelay = try p.value(.networkDelay, t.producer.networkDelay)
            t.producer.resendProbability = try p.value(.resendProbability, t.producer.resendProbability)
            if p.contains(.late) {
                let (l, _) = try ConfigurationCoding.container(try p.superDecoder(forKey: .late), LateKeys.self)
                t.producer.lateShare = try l.value(.share, t.producer.lateShare)
                t.producer.lateDelay = try l.value(.delay, t.producer.lateDelay)
            }
        }
        if c.contains(.log) {
            let (l, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .log), LogKeys.self)
            t.append = try l.value(.append, t.append)
            t.replicationDelay = try l.value(.replicationDelay, t.replicationDelay)
        }
        if c.contains(.consumer) {
            let (k, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .consumer), ConsumerKeys.self)
            t.consumer.maxPollRecords = try k.value(.maxPollRecords, t.consumer.maxPollRecords)
            t.consumer.pollOverhead = try k.value(.pollOverhead, t.consumer.pollOverhead)
            t.processing = try k.value(.processing, t.processing)
            t.scoring = try k.value(.scoring, t.scoring)
            t.consumer.commitEvery = try k.value(.commitEvery, t.consumer.commitEvery)
            t.consumer.commitInterval = try k.value(.commitInterval, SimulatedDuration(seconds: t.consumer.commitInterval)).seconds
        }
        if c.contains(.store) {
            let (s, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .store), StoreKeys.self)
            t.store = try s.value(.write, t.store)
            t.storeConcurrency = try s.value(.concurrency, t.storeConcurrency)
            t.storeBatchSize = try s.value(.batchSize, t.storeBatchSize)
            t.storeLinger = try s.value(.linger, SimulatedDuration(seconds: t.storeLinger)).seconds
        }
        t.idempotent = try c.value(.idempotent, t.idempotent)
        t.timelineWindow = try c.decodeIfPresent(SimulatedDuration.self, forKey: .timelineWindow)?.seconds
        t.faults = try c.decodeIfPresent([FaultEntry].self, forKey: .faults)?.map(\.fault) ?? []
        do {
            try t.validate()
        } catch {
            // Validation names paths from `pipeline`; re-root them where this section really is.
            let field = error.path.hasPrefix("pipeline") ? String(error.path.dropFirst("pipeline".count)) : "." + error.path
            throw DistributionError(path: path.isEmpty ? error.path : path + field, .invalid(reason: error.message))
        }
        self = t
    }

    /// Encodes the same form that decoding reads (durations in seconds; free stages omitted).
    public func encode(to encoder: any Encoder) throws {
        let zero = ServiceTimeDistribution.constant(seconds: 0)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(partitions, forKey: .partitions)
        try c.encode(workers, forKey: .workers)
        try c.encode(assignment.configurationName, forKey: .assignment)
        var p = c.nestedContainer(keyedBy: ProducerKeys.self, forKey: .producer)
        try p.encode(producer.batchSize, forKey: .batchSize)
        try p.encode(producer.linger, forKey: .linger)
        if producer.networkDelay != zero { try p.encode(producer.networkDelay, forKey: .networkDelay) }
        try p.encode(producer.resendProbability, forKey: .resendProbability)
        var l = p.nestedContainer(keyedBy: LateKeys.self, forKey: .late)
        try l.encode(producer.lateShare, forKey: .share)
        if producer.lateDelay != zero { try l.encode(producer.lateDelay, forKey: .delay) }
        var g = c.nestedContainer(keyedBy: LogKeys.self, forKey: .log)
        if append != zero { try g.encode(append, forKey: .append) }
        if replicationDelay != zero { try g.encode(replicationDelay, forKey: .replicationDelay) }
        var k = c.nestedContainer(keyedBy: ConsumerKeys.self, forKey: .consumer)
        try k.encode(consumer.maxPollRecords, forKey: .maxPollRecords)
        if consumer.pollOverhead != zero { try k.encode(consumer.pollOverhead, forKey: .pollOverhead) }
        if processing != zero { try k.encode(processing, forKey: .processing) }
        if scoring != zero { try k.encode(scoring, forKey: .scoring) }
        try k.encode(consumer.commitEvery, forKey: .commitEvery)
        if consumer.commitInterval.isFinite { try k.encode(consumer.commitInterval, forKey: .commitInterval) }
        var s = c.nestedContainer(keyedBy: StoreKeys.self, forKey: .store)
        if store != zero { try s.encode(store, forKey: .write) }
        try s.encode(storeConcurrency, forKey: .concurrency)
        try s.encode(storeBatchSize, forKey: .batchSize)
        try s.encode(storeLinger, forKey: .linger)
        try c.encode(idempotent, forKey: .idempotent)
        try c.encodeIfPresent(timelineWindow, forKey: .timelineWindow)
        if !faults.isEmpty { try c.encode(faults.map(FaultEntry.init), forKey: .faults) }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}

/// One entry of `pipeline.faults`: a mapping with exactly one fault name.
struct FaultEntry: Codable {
    var fault: PipelineFault

    init(_ fault: PipelineFault) { self.fault = fault }

    static let names = ["worker_crash", "rebalance", "store_slowdown", "producer_retry"]

    init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let c = try decoder.container(keyedBy: ConfigurationKey.self)
        let keys = c.allKeys.map(\.stringValue).sorted()
        guard keys.count == 1, let name = keys.first else {
            throw DistributionError(path: path, .notOneOf(found: keys, known: Self.names))
        }
        guard Self.names.contains(name) else {
            throw DistributionError(path: path, .unknownKey(name: name, known: Self.names))
        }
        let key = ConfigurationKey(name)
        func fields(_ known: [String]) throws -> KeyedDecodingContainer<ConfigurationKey> {
            try ConfigurationCoding.container(try c.superDecoder(forKey: key), known: known).0
        }
        func time(_ f: KeyedDecodingContainer<ConfigurationKey>, _ field: String) throws -> Double {
            try f.decode(SimulatedDuration.self, forKey: ConfigurationKey(field)).seconds
        }
        switch name {
        case "worker_crash":
            let f = try fields(["worker", "at", "restart_after"])
            fault = .workerCrash(worker: try f.decode(Int.self, forKey: ConfigurationKey("worker")),
                                 at: try time(f, "at"), restartAfter: try time(f, "restart_after"))
        case "rebalance":
            let f = try fields(["at", "pause"])
            fault = .rebalance(at: try time(f, "at"), pause: try time(f, "pause"))
        case "store_slowdown":
            let f = try fields(["from", "to", "factor"])
            fault = .storeSlowdown(from: try time(f, "from"), to: try time(f, "to"),
                                   factor: try f.decode(Double.self, forKey: ConfigurationKey("factor")))
        default:
            let f = try fields(["at", "partition"])
            fault = .producerRetry(at: try time(f, "at"),
                                   partition: try f.decodeIfPresent(Int.self, forKey: ConfigurationKey("partition")))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ConfigurationKey.self)
        func fields(_ name: String) -> KeyedEncodingContainer<ConfigurationKey> {
            c.nestedContainer(keyedBy: ConfigurationKey.self, forKey: ConfigurationKey(name))
        }
        switch fault {
        case let .workerCrash(worker, at, restartAfter):
            var f = fields("worker_crash")
            try f.encode(worker, forKey: ConfigurationKey("worker"))
            try f.encode(at, forKey: ConfigurationKey("at"))
            try f.encode(restartAfter, forKey: ConfigurationKey("restart_after"))
        case let .rebalance(at, pause):
            var f = fields("rebalance")
            try f.encode(at, forKey: ConfigurationKey("at"))
            try f.encode(pause, forKey: ConfigurationKey("pause"))
        case let .storeSlowdown(from, to, factor):
            var f = fields("store_slowdown")
            try f.encode(from, forKey: ConfigurationKey("from"))
            try f.encode(to, forKey: ConfigurationKey("to"))
            try f.encode(factor, forKey: ConfigurationKey("factor"))
        case let .producerRetry(at, partition):
            var f = fields("producer_retry")
            try f.encode(at, forKey: ConfigurationKey("at"))
            try f.encodeIfPresent(partition, forKey: ConfigurationKey("partition"))
        }
    }
}
