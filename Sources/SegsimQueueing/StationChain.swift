import SegsimKernel
import SegsimRandom

/// FCFS stations in series (a tandem), simulated without calendar events.
///
/// A customer leaving station i arrives at station i+1. After a one-server station departures
/// are already in arrival order; after a multi-server station customers can overtake, so they
/// wait in a hand-over heap until no later customer can leave that station earlier (its earliest
/// server free time is a watermark: every future departure is at or after it). Service times
/// are drawn when a customer is offered to a station, i.e. in arrival order at that station —
/// the same order as the calendar-driven `TandemNetwork`, which therefore yields identical times.
public struct StationChain {
    /// The stations, in the order customers visit them.
    public private(set) var stations: [FIFOStation]
    /// Entry-to-exit time of customers that left the last station.
    public private(set) var endToEnd = Tally()
    /// End-to-end times batched in exit order for a steady-state confidence interval.
    public private(set) var endToEndBatches: BatchMeans
    /// The latest departure from the last station so far.
    public private(set) var lastExit = 0.0
    /// Customers that entered the first station.
    public private(set) var entered = 0

    private let services: [ServiceTimeDistribution]
    private let serviceStreams: [RandomStream]
    private var handovers: [MinHeap<Handover>]

    /// Creates a chain of stations with their service-time distributions and one random stream
    /// per station (pass streams derived per purpose so that stations do not share draws).
    /// - Precondition: the three arrays have the same non-zero length.
    public init(stations: [FIFOStation], services: [ServiceTimeDistribution], serviceStreams: [RandomStream],
                batchSize: Int = 10_000) {
        precondition(!stations.isEmpty && stations.count == services.count && services.count == serviceStreams.count,
                     "a chain needs one service distribution and one stream per station")
        self.stations = stations
        self.services = services
        self.serviceStreams = serviceStreams
        self.handovers = Array(repeating: MinHeap<Handover>(), count: stations.count)
        self.endToEndBatches = BatchMeans(batchSize: batchSize)
    }

    /// Runs `customers` Poisson arrivals at `arrivalRate` through stations built from
    /// `specifications` (capacity overflow drops) and returns what it measured.
    ///
    /// Uses the same derived streams as `TandemNetwork`, so both give the same customers.
    public static func poissonRun(arrivalRate: Double, stations specifications: [StationSpecification], customers: Int,
                                  runSeed: UInt64, replication: Int = 0, batchSize: Int = 10_000) -> QueueingRunResult {
        let streams = QueueingStreams(runSeed: runSeed, replication: replication, stations: specifications.count)
        var chain = StationChain(
            stations: specifications.map { FIFOStation(servers: $0.servers, capacity: $0.capacity, batchSize: batchSize) },
            services: specifications.map(\.service),
            serviceStreams: streams.services,
            batchSize: batchSize
        )
        let arrivalMean = 1 / arrivalRate
        var time = 0.0
        for _ in 0..<customers {
            time += arrivalMean * streams.arrivals.standardExponential()
            chain.offer(arrival: time)
        }
        chain.finish()
        return QueueingRunResult(
            stations: chain.stations.map(\.statistics), timeAverageQueueLength: nil, timeAverageBusyServers: nil,
            endToEnd: chain.endToEnd, endToEndBatches: chain.endToEndBatches, endTime: chain.lastExit, events: 0
        )
    }

    /// Offers a customer to the first station at `arrival` (in nondecreasing order).
    public mutating func offer(arrival: Double) {
        entered += 1
        visit(station: 0, arrival: arrival, entry: arrival)
    }

    /// Moves every customer still held in a hand-over heap downstream; call once after the last
    /// arrival so that all statistics are complete.
    public mutating func finish() {
        for station in stations.indices { release(after: station, upTo: .infinity) }
    }

    private mutating func visit(station index: Int, arrival: Double, entry: Double) {
        let service = services[index].sample(serviceStreams[index])
        guard case .served(_, _, let departure) = stations[index].serve(arrival: arrival, service: service) else { return }
        if index == stations.count - 1 {
            endToEnd.add(departure - entry)
            endToEndBatches.add(departure - entry)
            lastExit = Swift.max(lastExit, departure)
        } else if stations[index].servers == 1 {
            visit(station: index + 1, arrival: departure, entry: entry)
        } else {
            handovers[index].insert(Handover(time: departure, entry: entry))
            release(after: index, upTo: stations[index].earliestServerFreeTime)
        }
    }

    private mutating func release(after index: Int, upTo watermark: Double) {
        while let next = handovers[index].minimum, next.time <= watermark {
            _ = handovers[index].removeMinimum()
            visit(station: index + 1, arrival: next.time, entry: next.entry)
        }
    }
}

/// A customer between two stations: when it reaches the next one and when it entered the chain.
struct Handover: Comparable, Sendable {
    var time: Double
    var entry: Double

    /// By time; equal times (possible only with atomic service times) by entry, deterministically.
    static func < (a: Handover, b: Handover) -> Bool { (a.time, a.entry) < (b.time, b.entry) }
}
