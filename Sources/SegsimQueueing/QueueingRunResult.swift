import SegsimKernel

/// What one run of a queueing network measured, by either implementation.
public struct QueueingRunResult: Sendable {
    /// Per-station statistics, in visiting order.
    public var stations: [StationStatistics]
    /// Exact time-weighted mean number waiting per station (calendar-driven runs only; `nil`
    /// for event-free runs, where `StationStatistics.meanQueueLength(over:)` gives it by Little).
    public var timeAverageQueueLength: [Double]?
    /// Exact time-weighted mean number of busy servers per station (calendar-driven runs only).
    public var timeAverageBusyServers: [Double]?
    /// Entry-to-exit time of customers that left the last station.
    public var endToEnd: Tally
    /// End-to-end times batched for a steady-state confidence interval.
    public var endToEndBatches: BatchMeans
    /// Virtual time when the last customer left.
    public var endTime: Double
    /// Calendar events handled (0 for event-free runs).
    public var events: UInt64
}
