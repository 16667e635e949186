import SegsimKernel
import SegsimQueueing
import SegsimRandom
import SegsimBehaviour

/// One event's passage through the pipeline, in virtual seconds.
public struct PipelineRecord: Sendable, Equatable {
    /// The event as offered, unchanged.
    public var event: CustomerEvent
    /// The log partition that holds it.
    public var partition: Int
    /// The worker that processed it.
    public var worker: Int
    /// When the partition appended it (*ingest time*).
    public var ingestTime: Double
    /// When its worker started processing it.
    public var processingStart: Double
    /// When its worker finished processing it (features and segment computed).
    public var processingEnd: Double
    /// When the profile store finished writing it (*segment time*).
    public var storeEnd: Double

    /// Segment time − event time.
    public var endToEnd: Double { storeEnd - event.time }
}

/// A latency observed once per event: summary, percentiles, and batch means for a steady-state
/// confidence interval (batched in the order events leave the pipeline).
public struct StageLatency: Sendable {
    /// Count, mean, variance, extremes.
    public private(set) var tally = Tally()
    /// Batch means for ``BatchMeans/confidenceInterval(level:)``.
    public private(set) var batches: BatchMeans
    /// The distribution, for percentiles and SLO shares.
    public private(set) var histogram: LatencyHistogram

    /// Creates an empty collector with batches of `batchSize` events and histogram `resolution`.
    public init(batchSize: Int, resolution: Double) {
        batches = BatchMeans(batchSize: batchSize)
        histogram = LatencyHistogram(resolution: resolution)
    }

    /// Records one latency in seconds.
    /// - Complexity: O(1).
    public mutating func record(_ seconds: Double) {
        tally.add(seconds)
        batches.add(seconds)
        histogram.record(seconds)
    }
}

/// Order-independent evidence of which events went through: equal for two runs that carried the
/// same events, whatever the topology and the order in which events left.
public struct PipelineAccounting: Sendable, Equatable {
    /// Events that left the profile store.
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
    public mutating func add(_ event: CustomerEvent) {
        events += 1
        let customerAndKind = UInt64(event.customer) << 8 | UInt64(event.kind.rawValue)
        checksum &+= SplitMix64.mix(SplitMix64.mix(event.id ^ event.time.bitPattern) ^ customerAndKind)
        earliestEventTime = Swift.min(earliestEventTime, event.time)
        latestEventTime = Swift.max(latestEventTime, event.time)
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
    /// The events that went through.
    public var accounting: PipelineAccounting
    /// Store end − event time.
    public var endToEnd: StageLatency
    /// Ingest − event time (waiting for and doing the append).
    public var append: StageLatency
    /// Processing end − ingest (waiting for the worker and processing).
    public var processing: StageLatency
    /// Store end − processing end (waiting for a writer and writing).
    public var store: StageLatency
    /// Each partition's append station, by partition.
    public var partitions: [StationStatistics]
    /// Each worker's station, by worker (idle workers served nobody).
    public var workers: [StationStatistics]
    /// The profile store's station.
    public var profileStore: StationStatistics
    /// Each partition's time-average consumer lag: events appended whose processing has not
    /// finished (the committed offset trails the log end by that many).
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
