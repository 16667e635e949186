import SegsimKernel

/// What happens to a customer offered to a full station.
public enum OverflowPolicy: String, Sendable, Codable, CaseIterable {
    /// The customer is lost and counted (M/M/c/K).
    case drop
    /// The customer waits outside, in order, until a place frees (back-pressure on the sender).
    case block
}

/// The fate of one customer at a station.
public enum StationOutcome: Sendable, Equatable {
    /// Admitted at `admission`, in service from `start`, gone at `departure`.
    case served(admission: Double, start: Double, departure: Double)
    /// Turned away at its arrival because the station was full.
    case dropped
}

/// A first-come-first-served station with `servers` identical servers and an optional limit on
/// the number of customers inside, computed without a calendar event per customer.
///
/// With FCFS, a customer's start is max(admission, earliest server free time) — Lindley's
/// recursion for one server, Kiefer–Wolfowitz's for several — so a station costs O(log c) per
/// customer and chains of stations need no events at all (see `StationChain`). Customers must be
/// offered in order of arrival. The calendar-driven twin, `TandemNetwork`, gives identical times.
public struct FIFOStation: Sendable {
    /// The number of parallel servers.
    public let servers: Int
    /// The most customers inside at once (waiting plus in service), or `nil` for no limit.
    public let capacity: Int?
    /// What happens to an arrival that finds the station full.
    public let overflow: OverflowPolicy
    /// Everything measured so far.
    public var statistics: StationStatistics { storedStatistics }

    // Internal storage, so that `serve` inlines into callers in other modules (a pipeline event
    // passes three stations).
    @usableFromInline var storedStatistics: StationStatistics
    /// Free time of the only server (fast path for one server).
    @usableFromInline var serverFreeAt = 0.0
    /// Free times of all servers when there are several.
    @usableFromInline var serverFreeTimes = MinHeap<Double>()
    /// The latest of `serverFreeTimes`: an admission at or after it finds every server idle.
    @usableFromInline var latestServerFreeTime = 0.0
    /// Departure times of the customers inside, kept only when capacity is limited.
    private var departuresInside = MinHeap<Double>()
    @usableFromInline var lastAdmission = -Double.infinity
    @usableFromInline var lastArrival = -Double.infinity

    /// Creates an idle station.
    /// - Precondition: `servers >= 1` and, when given, `capacity >= servers`; validated by callers.
    /// `batchSize` sets the batches of the steady-state confidence intervals in `statistics`;
    /// with `measuresTimes` false, `statistics` keeps counts and busy time but no waits or sojourns.
    public init(servers: Int = 1, capacity: Int? = nil, overflow: OverflowPolicy = .drop, batchSize: Int = 10_000,
                measuresTimes: Bool = true) {
        precondition(servers >= 1, "a station needs at least one server")
        precondition(capacity.map { $0 >= servers } ?? true, "capacity must be at least the number of servers")
        self.servers = servers
        self.capacity = capacity
        self.overflow = overflow
        storedStatistics = StationStatistics(batchSize: batchSize, measuresTimes: measuresTimes)
        if servers > 1 {
            for _ in 0..<servers { serverFreeTimes.insert(0) }
        }
    }

    /// The earliest time at which a server becomes free: no later customer starts before it.
    public var earliestServerFreeTime: Double { servers == 1 ? serverFreeAt : serverFreeTimes.minimum ?? 0 }

    /// Offers a customer arriving at `arrival` (not earlier than the previous arrival) whose service
    /// takes `service`; returns when it starts and leaves, or that it was dropped.
    /// - Complexity: O(log servers + log capacity).
    @inlinable @inline(__always)
    public mutating func serve(arrival: Double, service: Double) -> StationOutcome {
        precondition(arrival >= lastArrival, "customers must be offered in order of arrival")
        lastArrival = arrival
        storedStatistics.storedArrivals &+= 1
        var admission = Swift.max(arrival, lastAdmission)
        if capacity != nil {
            guard let admitted = admitInside(at: admission) else { return .dropped }
            admission = admitted
        }
        lastAdmission = admission
        let start: Double
        if servers == 1 {
            start = Swift.max(admission, serverFreeAt)
            serverFreeAt = start + service
        } else if admission >= latestServerFreeTime {
            // Every server is idle. Idle servers are interchangeable, since every later customer
            // is admitted at or after `admission`: the last leaf is replaced rather than the root,
            // and the heap needs no sift (the new free time is its largest).
            start = admission
            serverFreeTimes.replaceLast(withLargest: start + service)
            latestServerFreeTime = start + service
        } else {
            start = Swift.max(admission, serverFreeTimes.minimum ?? 0)
            _ = serverFreeTimes.replaceMinimum(with: start + service)
            latestServerFreeTime = Swift.max(latestServerFreeTime, start + service)
        }
        let departure = start + service
        if capacity != nil { enterInside(until: departure) }
        storedStatistics.recordServed(arrival: arrival, admission: admission, start: start, service: service)
        return .served(admission: admission, start: start, departure: departure)
    }

    /// Records `count` customers, the last arriving at `time`, that each found a server free on
    /// arrival and took no time: exactly what ``serve(arrival:service:)`` with a zero service
    /// records for each, in one call instead of one per customer. For pass-through stages, such
    /// as a log partition without append time, whose customers the caller need not offer singly.
    /// - Precondition: one server, no capacity limit, and nothing in service at `time` (which is
    ///   not before an earlier arrival).
    /// - Complexity: O(count / batch size), for the batch means.
    public mutating func serveInstantly(count: Int, lastArrival time: Double) {
        guard count > 0 else { return }
        precondition(servers == 1 && capacity == nil, "only a single unlimited server passes customers through")
        precondition(time >= lastArrival && time >= serverFreeAt, "customers must be offered in order of arrival")
        lastArrival = time
        lastAdmission = time
        serverFreeAt = time
        storedStatistics.recordServedInstantly(count: count)
    }

    /// A limited station's admission of a customer ready at `ready`: when it is admitted (later
    /// if it waited outside), or nil when it is dropped. Kept out of line: most stations have no limit.
    @usableFromInline
    mutating func admitInside(at ready: Double) -> Double? {
        guard let capacity else { return ready }
        var admission = ready
        while let first = departuresInside.minimum, first <= admission { _ = departuresInside.removeMinimum() }
        if departuresInside.count >= capacity {
            switch overflow {
            case .drop:
                storedStatistics.storedDropped += 1
                return nil
            case .block:
                storedStatistics.storedBlocked += 1
                while departuresInside.count >= capacity, let first = departuresInside.removeMinimum() {
                    admission = Swift.max(admission, first)
                }
            }
        }
        return admission
    }

    /// Records a limited station's new customer inside until `departure`.
    @usableFromInline
    mutating func enterInside(until departure: Double) { departuresInside.insert(departure) }
}
