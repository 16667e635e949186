import SegsimKernel

/// What a station measured: counts, waiting and sojourn times, busy time.
///
/// Time-integrals come from the customers themselves: the area under the queue-length path
/// equals the sum of waits and the area under the number in system equals the sum of sojourns
/// (exact once every admitted customer has departed), so no calendar event is needed per change.
///
/// Waits and sojourns are optional (``measuresTimes``): a caller that reads only counts and busy
/// time, such as a scenario run's pipeline, leaves them out and saves two tallies and two batch
/// means per customer.
public struct StationStatistics: Sendable, Equatable {
    /// Customers that arrived (admitted, blocked or dropped).
    public var arrivals: Int { storedArrivals }
    /// Customers turned away because the station was full (overflow `.drop`).
    public var dropped: Int { storedDropped }
    /// Customers that had to wait outside a full station before admission (overflow `.block`).
    public var blocked: Int { storedBlocked }
    /// Time spent waiting outside a full station, per blocked customer.
    public var blocking: Tally { storedBlocking }
    /// Time from admission to start of service (empty unless ``measuresTimes``).
    public var wait: Tally { storedWait }
    /// Time from admission to departure (empty unless ``measuresTimes``).
    public var sojourn: Tally { storedSojourn }
    /// Waits in admission order, batched for a steady-state confidence interval (empty unless
    /// ``measuresTimes``).
    public var waitBatches: BatchMeans { storedWaitBatches }
    /// Sojourns in admission order, batched for a steady-state confidence interval (empty unless
    /// ``measuresTimes``).
    public var sojournBatches: BatchMeans { storedSojournBatches }
    /// Sum of service times of admitted customers.
    public var busyTime: Double { storedBusyTime }
    /// Admitted customers that waited a positive time.
    public var delayed: Int { storedDelayed }
    /// Customers served (admitted).
    public var served: Int { storedServed }
    /// Whether waits and sojourns are recorded (``wait``, ``sojourn`` and their batch means);
    /// counts, delays and busy time always are.
    public let measuresTimes: Bool

    // Storage behind the read-only accessors, so that `recordServed` inlines into a pipeline's
    // per-event path in another module (three stations per event).
    @usableFromInline var storedArrivals = 0
    @usableFromInline var storedDropped = 0
    @usableFromInline var storedBlocked = 0
    @usableFromInline var storedBlocking = Tally()
    @usableFromInline var storedWait = Tally()
    @usableFromInline var storedSojourn = Tally()
    @usableFromInline var storedWaitBatches: BatchMeans
    @usableFromInline var storedSojournBatches: BatchMeans
    @usableFromInline var storedBusyTime = 0.0
    @usableFromInline var storedDelayed = 0
    @usableFromInline var storedServed = 0

    /// Creates empty statistics whose batch means use batches of `batchSize` customers; with
    /// `measuresTimes` false, waits and sojourns are not recorded.
    public init(batchSize: Int, measuresTimes: Bool = true) {
        storedWaitBatches = BatchMeans(batchSize: batchSize)
        storedSojournBatches = BatchMeans(batchSize: batchSize)
        self.measuresTimes = measuresTimes
    }

    /// Records one admitted customer.
    @inlinable @inline(__always)
    mutating func recordServed(arrival: Double, admission: Double, start: Double, service: Double) {
        if admission > arrival { storedBlocking.add(admission - arrival) }
        storedServed &+= 1
        if measuresTimes {
            let departure = start + service
            storedWait.add(start - admission)
            storedSojourn.add(departure - admission)
            storedWaitBatches.add(start - admission)
            storedSojournBatches.add(departure - admission)
        }
        storedBusyTime += service
        if start > admission { storedDelayed &+= 1 }
    }

    /// Records `count` admitted customers that neither waited nor took any time: what
    /// ``recordServed(arrival:admission:start:service:)`` records for each of them.
    mutating func recordServedInstantly(count: Int) {
        storedArrivals += count
        storedServed += count
        if measuresTimes {
            storedWait.add(0, count: count)
            storedSojourn.add(0, count: count)
            storedWaitBatches.add(0, count: count)
            storedSojournBatches.add(0, count: count)
        }
        storedBusyTime += 0  // as `serve` adds each zero service (a no-op but for a sum of −0)
    }

    /// The share of arrivals that were dropped.
    public var dropProbability: Double { arrivals > 0 ? Double(dropped) / Double(arrivals) : 0 }

    /// The share of admitted customers that had to wait: P(wait > 0).
    public var delayProbability: Double { served > 0 ? Double(delayed) / Double(served) : 0 }

    /// Mean number waiting over a horizon of length `duration` (Little: Σ waits / duration); NaN
    /// unless ``measuresTimes``.
    public func meanQueueLength(over duration: Double) -> Double {
        measuresTimes ? wait.mean * Double(wait.count) / duration : .nan
    }

    /// Mean number in the station over `duration` (Σ sojourns / duration); NaN unless ``measuresTimes``.
    public func meanNumberInSystem(over duration: Double) -> Double {
        measuresTimes ? sojourn.mean * Double(sojourn.count) / duration : .nan
    }

    /// Share of server capacity in use over `duration`: busy time / (servers × duration).
    public func utilisation(servers: Int, over duration: Double) -> Double { busyTime / (Double(servers) * duration) }

    /// Customers completed per unit time over `duration`.
    public func throughput(over duration: Double) -> Double { Double(served) / duration }
}
