import SegsimKernel
import SegsimQueueing
import SegsimRandom
import SegsimBehaviour

/// How a record came to be delivered to the profile store.
public enum PipelineDelivery: UInt8, Sendable, Equatable, CaseIterable, BitwiseCopyable {
    /// The event's original send, processed for the first time: exactly one per event offered.
    case first
    /// A copy sent again by its producer (a resend or a producer retry): same event id.
    case resent
    /// Processed again after its worker crashed before committing it: same event id.
    case redelivered
}

/// One delivery's passage through the pipeline, in virtual seconds.
///
/// Times are nondecreasing in the order listed: event time ≤ ``producerTime`` ≤ ``sentTime`` ≤
/// ``logArrival`` ≤ ``ingestTime`` ≤ ``readableTime`` ≤ ``processingStart`` ≤ ``featurisedTime``
/// ≤ ``processingEnd`` ≤ ``storeEnd``. A redelivered record keeps its log times and gets new
/// processing and store times.
public struct PipelineRecord: Sendable, Equatable, BitwiseCopyable {
    /// The event as offered, unchanged (copies carry the same id).
    public var event: CustomerEvent
    /// Which delivery of the event this is; the caller's feature store deduplicates copies.
    public var delivery: PipelineDelivery
    // Partition and worker as 32-bit numbers (the topology allows at most
    // `PipelineTopology.maximumCount` of each) keep the record at 128 bytes with the scoring time.
    private var partitionIndex: Int32
    private var workerIndex: Int32
    /// Its offset in the partition (copies sent again get their own offset).
    public var offset: Int
    /// When it reached its producer: the event time, later for a late (offline) client.
    public var producerTime: Double
    /// When its producer batch was sent.
    public var sentTime: Double
    /// When its batch reached the log.
    public var logArrival: Double
    /// When the partition appended it (*ingest time*).
    public var ingestTime: Double
    /// When consumers could read it (after replication, in offset order).
    public var readableTime: Double
    /// When its worker started processing it (*consumed*; after its poll's overhead).
    public var processingStart: Double
    /// The drawn scoring time (``PipelineTopology/scoring``; 0 when free): its worker's last
    /// seconds on it, after the features. Drawn at offer, so copies keep it.
    public var scoringTime: Double
    /// When its worker finished processing it (*scored*: features and segment computed).
    public var processingEnd: Double
    /// When the profile store finished writing it (*segment time*, *written*).
    public var storeEnd: Double

    /// Creates a record; `partition` and `worker` must be below ``PipelineTopology/maximumCount``.
    init(event: CustomerEvent, delivery: PipelineDelivery, partition: Int, offset: Int, worker: Int,
         producerTime: Double, sentTime: Double, logArrival: Double, ingestTime: Double, readableTime: Double,
         processingStart: Double, scoringTime: Double, processingEnd: Double, storeEnd: Double) {
        self.event = event
        self.delivery = delivery
        partitionIndex = Int32(truncatingIfNeeded: partition)
        self.offset = offset
        workerIndex = Int32(truncatingIfNeeded: worker)
        self.producerTime = producerTime
        self.sentTime = sentTime
        self.logArrival = logArrival
        self.ingestTime = ingestTime
        self.readableTime = readableTime
        self.processingStart = processingStart
        self.scoringTime = scoringTime
        self.processingEnd = processingEnd
        self.storeEnd = storeEnd
    }

    /// The log partition that holds it.
    public var partition: Int { Int(partitionIndex) }
    /// The worker that processed it.
    public var worker: Int { Int(workerIndex) }
    /// When its worker finished its features (*featurised*): ``processingEnd`` less the scoring
    /// time, so equal to it when scoring is free.
    public var featurisedTime: Double { Swift.max(processingEnd - scoringTime, processingStart) }
    /// Segment time − event time.
    public var endToEnd: Double { storeEnd - event.time }

    /// A placeholder for a slot that holds no record.
    static let unused = PipelineRecord(
        event: CustomerEvent(id: 0, time: .nan, customer: 0, kind: .pageView), delivery: .first, partition: 0,
        offset: -1, worker: 0, producerTime: .nan, sentTime: .nan, logArrival: .nan, ingestTime: .nan,
        readableTime: .nan, processingStart: .nan, scoringTime: 0, processingEnd: .nan, storeEnd: .nan)
}

/// A latency observed once per event: summary, percentiles, and batch means for a steady-state
/// confidence interval (batched in the order events leave the pipeline).
///
/// The distribution (histogram and batch means) is optional: a caller that reports only means
/// leaves it out and saves most of the cost of recording (``PipelineMeasurement/means``).
public struct StageLatency: Sendable {
    /// Count, mean, variance, extremes.
    public private(set) var tally = Tally()
    /// Batch means for ``BatchMeans/confidenceInterval(level:)``; nil when distributions were not measured.
    public private(set) var batches: BatchMeans?
    /// The distribution, for percentiles and SLO shares; nil when distributions were not measured.
    public private(set) var histogram: LatencyHistogram?

    /// Creates an empty collector: a tally, and unless `distribution` is false, batch means of
    /// `batchSize` events and a histogram of `resolution` seconds.
    public init(batchSize: Int, resolution: Double, distribution: Bool = true) {
        guard distribution else { return }
        batches = BatchMeans(batchSize: batchSize)
        histogram = LatencyHistogram(resolution: resolution)
    }

    /// A collector of means and counts only, holding `tally` (lanes of a ``TallyBundle``).
    init(tally: Tally) {
        self.tally = tally
    }

    /// Records one latency in seconds.
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func record(_ seconds: Double) {
        tally.add(seconds)
        batches?.add(seconds)
        histogram?.record(seconds)
    }

    /// Records `count` copies of one latency: exactly what recording each in turn gives.
    /// - Complexity: O(count / batch size) for a latency of zero (one step per batch), else O(count).
    public mutating func record(_ seconds: Double, count: Int) {
        tally.add(seconds, count: count)
        batches?.add(seconds, count: count)
        histogram?.record(seconds, count: count)
    }
}

/// Order-independent evidence of which events went through: equal for two runs that carried the
/// same events, whatever the topology and the order in which events left.
public struct PipelineAccounting: Sendable, Equatable {
    /// Events that left the profile store, counted once each (their first delivery).
    public private(set) var events = 0
    /// Wrapping sum of a 64-bit mix of each event's id, time, customer and kind.
    public private(set) var checksum: UInt64 = 0
    /// The earliest event time (+∞ when empty).
    public private(set) var earliestEventTime = Double.infinity
    /// The latest event time (−∞ when empty).
    public private(set) var latestEventTime = -Double.infinity

    /// Creates an empty accounting.
    public init() {}

    /// Counts one event.
    /// - Complexity: O(1).
    public mutating func add(_ event: CustomerEvent) { add(event, mix: DeliveryAccounting.mix(event)) }

    /// Counts one event whose ``DeliveryAccounting/mix(_:)`` is known (the pipeline computes it once,
    /// at offer).
    @inline(__always)
    mutating func add(_ event: CustomerEvent, mix: UInt64) {
        events &+= 1
        checksum &+= mix
        earliestEventTime = Swift.min(earliestEventTime, event.time)
        latestEventTime = Swift.max(latestEventTime, event.time)
    }
}

/// Every event's fate, from production to application, so that at-least-once delivery is
/// accounted for rather than hidden.
///
/// The pipeline counts what it did (``produced`` … ``delivered``); the caller reports, for each
/// completed record, whether its feature store applied it, with
/// ``PipelineSimulation/recordApplication(of:applied:)``. A ledger of the applied ids (the same
/// per-customer window as ``EventDeduplicator``, 32 bytes per customer) classifies each
/// application as the event's first or a repeat, so ``appliedTwice`` and ``lost`` are counted
/// even with idempotence off. Under per-customer order the ledger is exact; an applied id older
/// than its customer's window (only a late event can be) cannot be checked, counts as a repeat
/// and in ``unverifiable``. ``appliedExactlyOnce`` cross-checks with an order-independent checksum.
public struct DeliveryAccounting: Sendable, Equatable {
    /// Events offered to the pipeline (unique ids).
    public internal(set) var produced = 0
    /// Of them, events that reached their producer late.
    public internal(set) var late = 0
    /// Log entries sent: every original plus every copy sent again.
    public internal(set) var sent = 0
    /// Copies sent again by producer resends and retries (duplicates with the same id).
    public internal(set) var resent = 0
    /// Log entries appended.
    public internal(set) var appended = 0
    /// Records processed by workers, redeliveries included.
    public internal(set) var processed = 0
    /// Records processed again after a worker crash.
    public internal(set) var redelivered = 0
    /// Records written by the profile store (every copy): what ``PipelineSimulation/completed``
    /// carried.
    public internal(set) var delivered = 0
    /// Worker crashes and rebalances that happened.
    public internal(set) var crashes = 0, rebalances = 0
    /// Deliveries the caller's feature store applied.
    public internal(set) var applied = 0
    /// Deliveries the caller's feature store dropped as duplicates (or stale).
    public internal(set) var deduplicated = 0
    /// Applied deliveries whose event had been applied before (0 with idempotence on).
    public internal(set) var appliedTwice = 0
    /// Applied ids the ledger could not check (older than their customer's window).
    public internal(set) var unverifiable = 0
    /// Wrapping sum of a mix of every produced event.
    public internal(set) var producedChecksum: UInt64 = 0
    /// The same over events applied for the first time.
    public internal(set) var appliedChecksum: UInt64 = 0

    /// Creates empty accounting.
    public init() {}

    /// Distinct events applied at least once.
    public var uniqueApplied: Int { applied - appliedTwice }
    /// Produced events never applied (0 with idempotence on and per-customer order).
    public var lost: Int { produced - uniqueApplied }
    /// Every produced event was applied once and once only (counts and checksums agree).
    public var appliedExactlyOnce: Bool { lost == 0 && appliedTwice == 0 && producedChecksum == appliedChecksum }

    /// The mix added to the checksums for one event (and to ``PipelineAccounting/checksum``): one
    /// SplitMix64 round (a bijection) of the id spread by a multiplier, xor the time's bits, the
    /// customer (bits 32–63) and the kind (bits 24–31). Computed twice per event, so one round.
    @inline(__always)
    static func mix(_ event: CustomerEvent) -> UInt64 {
        let customerAndKind = UInt64(event.customer) << 32 | UInt64(event.kind.rawValue) << 24
        return SplitMix64.mix(event.id &* 0x9E37_79B9_7F4A_7C15 ^ event.time.bitPattern ^ customerAndKind)
    }
}

/// What a pipeline run measured.
///
/// Rates and time averages are over the horizon [0, ``horizon``], from virtual time 0 to the last
/// store write.
public struct PipelineResult: Sendable {
    /// The topology that ran.
    public var topology: PipelineTopology
    /// Its validation warnings (e.g. idle workers).
    public var warnings: [PipelineTopologyWarning]
    /// The events that went through (first deliveries: each produced event once).
    public var accounting: PipelineAccounting
    /// Every delivery and application. Applications recorded after ``PipelineSimulation/finish()``
    /// (of its last ``PipelineSimulation/completed`` records) are in
    /// ``PipelineSimulation/delivery``, not here: read that after applying them.
    public var delivery: DeliveryAccounting
    /// Counts, lag, utilisation and latency percentiles per window, when the topology asked for it.
    public var timeline: PipelineTimeline?
    /// Store end − event time, over first deliveries (as are the other stage latencies).
    public var endToEnd: StageLatency
    /// Ingest − event time (late client, producer batching, network, waiting for and doing the
    /// append).
    public var append: StageLatency
    /// Processing end − ingest (replication, waiting for the worker, polls, features and scoring).
    public var processing: StageLatency
    /// Processing end − featurised time: the scoring step alone. Empty when scoring is free (every
    /// value would be 0).
    public var scoring: StageLatency
    /// Store end − processing end (write batching, waiting for a writer and writing).
    public var store: StageLatency
    /// Each partition's append station, by partition.
    public var partitions: [StationStatistics]
    /// Each worker's station, by worker (idle workers served nobody).
    public var workers: [StationStatistics]
    /// The profile store's station (one customer per write operation). Worker stations count
    /// polls' overhead as service; time a record spent waiting out a fault is not counted as waiting.
    public var profileStore: StationStatistics
    /// Each partition's time-average consumer lag: events appended whose processing has not
    /// finished (the committed offset trails the log end by that many); redeliveries not counted.
    public var meanConsumerLag: [Double]
    /// The last store write, the end of the horizon.
    public var horizon: Double

    /// Each worker's busy share of the horizon.
    public var workerUtilisation: [Double] {
        workers.map { horizon > 0 ? $0.busyTime / horizon : 0 }
    }

    /// Each worker's events per second of virtual time over the horizon.
    public var workerThroughput: [Double] {
        workers.map { horizon > 0 ? Double($0.served) / horizon : 0 }
    }
}
