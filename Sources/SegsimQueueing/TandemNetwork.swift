import SegsimKernel
import SegsimRandom

/// One station of a queueing network: servers, an optional limit on customers inside, and
/// the service-time distribution.
public struct StationSpecification: Sendable, Equatable {
    /// Parallel identical servers (≥ 1).
    public var servers: Int
    /// The most customers inside (waiting plus in service); arrivals beyond it are dropped.
    public var capacity: Int?
    /// Service time of one customer.
    public var service: ServiceTimeDistribution

    /// Creates a station specification.
    public init(servers: Int = 1, capacity: Int? = nil, service: ServiceTimeDistribution) {
        self.servers = servers
        self.capacity = capacity
        self.service = service
    }
}

/// FCFS stations in series fed by a Poisson source, simulated event by event on the kernel's
/// calendar: the general-purpose (and reference) path, next to the event-free `StationChain`.
///
/// Besides the per-customer statistics it tracks queue length and busy servers as exact
/// time-weighted averages, an independent check of the Little's-law areas. A customer's service
/// time at a station is drawn when it arrives there, whether or not it is admitted, so that
/// customer i always gets the i-th draw (common random numbers across capacities).
public struct TandemNetwork: SimulationModel {
    /// The network's events.
    public enum Event {
        /// The next external arrival.
        case arrival
        /// A customer finishes service at `station`.
        case departure(station: Int, entry: Double)
    }

    private struct Waiting {
        var entry: Double
        var admission: Double
        var service: Double
    }

    private struct StationState {
        let specification: StationSpecification
        let stream: RandomStream
        var busy = 0
        var queue = RingBuffer<Waiting>()
        var statistics: StationStatistics
        var queueLength = TimeWeightedAverage()
        var busyServers = TimeWeightedAverage()
    }

    private let arrivalMean: Double
    private let arrivalStream: RandomStream
    private var arrivalsLeft: Int
    private var stations: [StationState]
    private var endToEnd = Tally()
    private var endToEndBatches: BatchMeans

    /// Prepares a run of `customers` external arrivals at rate `arrivalRate`.
    ///
    /// Streams are derived from `runSeed` and `replication` for the purposes `arrivals` and
    /// `service.station-<i>`, the same as `StationChain.poissonRun` uses, and created afresh by
    /// each `run`, so running the same network twice gives the same result.
    private init(arrivalRate: Double, stations specifications: [StationSpecification], customers: Int,
                runSeed: UInt64, replication: Int = 0, batchSize: Int = 10_000) {
        let streams = QueueingStreams(runSeed: runSeed, replication: replication, stations: specifications.count)
        arrivalMean = 1 / arrivalRate
        arrivalStream = streams.arrivals
        arrivalsLeft = customers
        stations = zip(specifications, streams.services).map { specification, stream in
            StationState(specification: specification, stream: stream, statistics: StationStatistics(batchSize: batchSize))
        }
        endToEndBatches = BatchMeans(batchSize: batchSize)
    }

    /// Runs `customers` Poisson arrivals through `stations` on the chosen calendar and returns
    /// what it measured.
    public static func run(arrivalRate: Double, stations: [StationSpecification], customers: Int,
                           runSeed: UInt64, replication: Int = 0, batchSize: Int = 10_000,
                           calendar: CalendarKind = .ladder) -> QueueingRunResult {
        let network = TandemNetwork(arrivalRate: arrivalRate, stations: stations, customers: customers,
                                    runSeed: runSeed, replication: replication, batchSize: batchSize)
        switch calendar {
        case .ladder: return network.run(on: LadderCalendar.self)
        case .heap: return network.run(on: BinaryHeapCalendar.self)
        }
    }

    /// Specialised per calendar inside this module (see `CalendarKind`).
    private consuming func run<Calendar: EventCalendar>(on calendar: Calendar.Type) -> QueueingRunResult {
        var model = self
        var simulation = Simulation<Event, Calendar>()
        if model.arrivalsLeft > 0 {
            simulation.schedule(.arrival, after: model.arrivalMean * model.arrivalStream.standardExponential())
        }
        simulation.run(&model, until: .infinity)
        let end = simulation.now
        return QueueingRunResult(
            stations: model.stations.map(\.statistics),
            timeAverageQueueLength: model.stations.map { $0.queueLength.average(until: end) },
            timeAverageBusyServers: model.stations.map { $0.busyServers.average(until: end) },
            endToEnd: model.endToEnd,
            endToEndBatches: model.endToEndBatches,
            endTime: end,
            events: simulation.handledEvents
        )
    }

    /// Handles one arrival or departure.
    public mutating func handle<Calendar: EventCalendar>(_ event: Event, in simulation: inout Simulation<Event, Calendar>) {
        let now = simulation.now
        switch event {
        case .arrival:
            arrivalsLeft -= 1
            if arrivalsLeft > 0 {
                simulation.schedule(.arrival, after: arrivalMean * arrivalStream.standardExponential())
            }
            arrive(at: 0, entry: now, simulation: &simulation)
        case let .departure(index, entry):
            stations[index].busy -= 1
            if let next = stations[index].queue.removeFirst() {
                start(next, at: index, simulation: &simulation)
                stations[index].queueLength.update(to: Double(stations[index].queue.count), at: now)
            }
            stations[index].busyServers.update(to: Double(stations[index].busy), at: now)
            if index + 1 < stations.count {
                arrive(at: index + 1, entry: entry, simulation: &simulation)
            } else {
                endToEnd.add(now - entry)
                endToEndBatches.add(now - entry)
            }
        }
    }

    private mutating func arrive<Calendar: EventCalendar>(at index: Int, entry: Double, simulation: inout Simulation<Event, Calendar>) {
        let now = simulation.now
        let service = stations[index].specification.service.sample(stations[index].stream)
        stations[index].statistics.storedArrivals += 1
        let inside = stations[index].busy + stations[index].queue.count
        if let capacity = stations[index].specification.capacity, inside >= capacity {
            stations[index].statistics.storedDropped += 1
            return
        }
        let customer = Waiting(entry: entry, admission: now, service: service)
        if stations[index].busy < stations[index].specification.servers {
            start(customer, at: index, simulation: &simulation)
            stations[index].busyServers.update(to: Double(stations[index].busy), at: now)
        } else {
            stations[index].queue.append(customer)
            stations[index].queueLength.update(to: Double(stations[index].queue.count), at: now)
        }
    }

    private mutating func start<Calendar: EventCalendar>(_ customer: Waiting, at index: Int, simulation: inout Simulation<Event, Calendar>) {
        let now = simulation.now
        stations[index].busy += 1
        stations[index].statistics.recordServed(arrival: customer.admission, admission: customer.admission,
                                                start: now, service: customer.service)
        simulation.schedule(.departure(station: index, entry: customer.entry), at: now + customer.service)
    }
}

/// The random streams of a queueing experiment, derived by purpose so that the calendar-driven
/// and the event-free implementations draw identical arrivals and services.
struct QueueingStreams {
    let arrivals: RandomStream
    let services: [RandomStream]

    init(runSeed: UInt64, replication: Int, stations: Int) {
        arrivals = RandomStream(runSeed: runSeed, replication: replication, purpose: "arrivals")
        services = (0..<stations).map {
            RandomStream(runSeed: runSeed, replication: replication, purpose: "service.station-\($0)")
        }
    }
}
