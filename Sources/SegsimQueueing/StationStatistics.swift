import SegsimKernel

/// What a station measured: counts, waiting and sojourn times, busy time.
///
/// Time-integrals come from the customers themselves: the area under the queue-length path
/// equals the sum of waits and the area under the number in system equals the sum of sojourns
/// (exact once every admitted customer has departed), so no calendar event is needed per change.
public struct StationStatistics: Sendable, Equatable {
    /// Customers that arrived (admitted, blocked or dropped).
    public internal(set) var arrivals = 0
    /// Customers turned away because the station was full (overflow `.drop`).
    public internal(set) var dropped = 0
    /// Customers that had to wait outside a full station before admission (overflow `.block`).
    public internal(set) var blocked = 0
    /// Time spent waiting outside a full station, per blocked customer.
    public internal(set) var blocking = Tally()
    /// Time from admission to start of service.
    public internal(set) var wait = Tally()
    /// Time from admission to departure.
    public internal(set) var sojourn = Tally()
    /// Waits in admission order, batched for a steady-state confidence interval.
    public internal(set) var waitBatches: BatchMeans
    /// Sojourns in admission order, batched for a steady-state confidence interval.
    public internal(set) var sojournBatches: BatchMeans
    /// Sum of service times of admitted customers.
    public internal(set) var busyTime = 0.0
    /// Admitted customers that waited a positive time.
    public internal(set) var delayed = 0

    /// Creates empty statistics whose batch means use batches of `batchSize` customers.
    public init(batchSize: Int) {
        waitBatches = BatchMeans(batchSize: batchSize)
        sojournBatches = BatchMeans(batchSize: batchSize)
    }

    /// Records one admitted customer.
    mutating func recordServed(arrival: Double, admission: Double, start: Double, service: Double) {
        let departure = start + service
        if admission > arrival { blocking.add(admission - arrival) }
        wait.add(start - admission)
        sojourn.add(departure - admission)
        waitBatches.add(start - admission)
        sojournBatches.add(departure - admission)
        busyTime += service
        if start > admission { delayed += 1 }
    }

    /// Customers served (admitted).
    public var served: Int { wait.count }

    /// The share of arrivals that were dropped.
    public var dropProbability: Double { arrivals > 0 ? Double(dropped) / Double(arrivals) : 0 }

    /// The share of admitted customers that had to wait: P(wait > 0).
    public var delayProbability: Double { served > 0 ? Double(delayed) / Double(served) : 0 }

    /// Mean number waiting over a horizon of length `duration` (Little: Σ waits / duration).
    public func meanQueueLength(over duration: Double) -> Double { wait.mean * Double(served) / duration }

    /// Mean number in the station over `duration` (Σ sojourns / duration).
    public func meanNumberInSystem(over duration: Double) -> Double { sojourn.mean * Double(served) / duration }

    /// Share of server capacity in use over `duration`: busy time / (servers × duration).
    public func utilisation(servers: Int, over duration: Double) -> Double { busyTime / (Double(servers) * duration) }

    /// Customers completed per unit time over `duration`.
    public func throughput(over duration: Double) -> Double { Double(served) / duration }
}
