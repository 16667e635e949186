import Testing
import SegsimKernel
import SegsimQueueing
import SegsimRandom

/// The stations against queueing theory.
///
/// Near saturation waits are strongly autocorrelated, so each check runs 2×10⁷ customers in
/// 20 batches of 10⁶ (batches ≫ the ~10³-customer relaxation time at ρ = 0.9), and asserts that
/// the analytic value lies inside the 99% batch-means interval and that the interval's
/// half-width is at most 2% of the mean. Seeds are fixed, so each check is deterministic.
@Suite struct StationValidationTests {
    static let customers = 20_000_000
    static let batch = 1_000_000
    static let exponentialService = ServiceTimeDistribution.exponential(mean: 1)

    static func expectInside(_ interval: ConfidenceInterval?, _ analytic: Double,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let interval else {
            Issue.record("no confidence interval", sourceLocation: sourceLocation)
            return
        }
        #expect(interval.contains(analytic), "analytic \(analytic) outside \(interval.lower)...\(interval.upper)",
                sourceLocation: sourceLocation)
        #expect(interval.relativeHalfWidth <= 0.02, "half-width \(interval.relativeHalfWidth) > 2%",
                sourceLocation: sourceLocation)
    }

    @Test func mm1WaitAndSojourn() {
        let result = StationChain.poissonRun(arrivalRate: 0.9, stations: [.init(service: Self.exponentialService)],
                                             customers: Self.customers, runSeed: 1, batchSize: Self.batch)
        Self.expectInside(result.stations[0].waitBatches.confidenceInterval(level: 0.99), 9.0)
        Self.expectInside(result.stations[0].sojournBatches.confidenceInterval(level: 0.99), 10.0)
        // Utilisation ρ = 0.9 and Little's L = λW within 1% (the run's horizon is ~2.2×10⁷).
        let statistics = result.stations[0]
        #expect(abs(statistics.utilisation(servers: 1, over: result.endTime) - 0.9) < 0.009)
        #expect(abs(statistics.meanNumberInSystem(over: result.endTime) - 9.0) < 0.2)
    }

    @Test func mm4ErlangC() {
        // Drive the station directly to batch the wait indicator as well (P(wait) = Erlang C).
        let streams = (RandomStream(runSeed: 2, purpose: "arrivals"), RandomStream(runSeed: 2, purpose: "service"))
        var station = FIFOStation(servers: 4, batchSize: Self.batch)
        var delayed = BatchMeans(batchSize: Self.batch)
        var time = 0.0
        for _ in 0..<Self.customers {
            time += streams.0.exponential(mean: 1 / 3.6)
            if case let .served(admission, start, _) = station.serve(arrival: time, service: streams.1.exponential(mean: 1)) {
                delayed.add(start > admission ? 1 : 0)
            }
        }
        Self.expectInside(station.statistics.waitBatches.confidenceInterval(level: 0.99),
                          QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 3.6, serviceRate: 1))
        Self.expectInside(delayed.confidenceInterval(level: 0.99),
                          QueueingTheory.erlangC(servers: 4, arrivalRate: 3.6, serviceRate: 1))
    }

    @Test func jacksonTandemOfThree() {
        let stations = Array(repeating: StationSpecification(service: Self.exponentialService), count: 3)
        let result = StationChain.poissonRun(arrivalRate: 0.8, stations: stations, customers: Self.customers,
                                             runSeed: 3, batchSize: Self.batch)
        Self.expectInside(result.endToEndBatches.confidenceInterval(level: 0.99), 15.0)
        #expect(result.endToEnd.count == Self.customers)
    }

    @Test func tandemWithMultiServerStagesMatchesJackson() {
        // Stages of 1, 3 and 2 servers: customers overtake after the multi-server stages.
        let stations = [StationSpecification(servers: 1, service: .exponential(mean: 1 / 1.25)),
                        StationSpecification(servers: 3, service: .exponential(mean: 1 / 0.5)),
                        StationSpecification(servers: 2, service: .exponential(mean: 1))]
        let analytic = QueueingTheory.tandemMeanSojourn(
            arrivalRate: 1, stations: [(1, 1.25), (3, 0.5), (2, 1)])
        let result = StationChain.poissonRun(arrivalRate: 1, stations: stations, customers: Self.customers,
                                             runSeed: 4, batchSize: Self.batch)
        Self.expectInside(result.endToEndBatches.confidenceInterval(level: 0.99), analytic)
    }

    @Test func md1PollaczekKhinchine() {
        let result = StationChain.poissonRun(arrivalRate: 0.9, stations: [.init(service: .constant(seconds: 1))],
                                             customers: Self.customers, runSeed: 5, batchSize: Self.batch)
        Self.expectInside(result.stations[0].waitBatches.confidenceInterval(level: 0.99),
                          QueueingTheory.mg1MeanWait(arrivalRate: 0.9, serviceMean: 1, serviceVariance: 0))
    }

    @Test func mg1WithGammaServiceMatchesPollaczekKhinchine() {
        let service = ServiceTimeDistribution.gamma(shape: 0.5, scale: 1.6)  // mean 0.8, variance 1.28
        let result = StationChain.poissonRun(arrivalRate: 1, stations: [.init(service: service)],
                                             customers: Self.customers, runSeed: 6, batchSize: Self.batch)
        Self.expectInside(result.stations[0].waitBatches.confidenceInterval(level: 0.99),
                          QueueingTheory.mg1MeanWait(arrivalRate: 1, serviceMean: service.mean, serviceVariance: service.variance))
    }

    @Test func mm1kBlockingProbability() {
        // Independent replications of 10⁶ customers: the drop share per replication is an
        // (almost) unbiased, independent estimate, so a Student-t interval over them is valid.
        var drops = Tally()
        var inside = Tally()
        for replication in 0..<20 {
            let result = StationChain.poissonRun(arrivalRate: 0.9, stations: [.init(capacity: 5, service: Self.exponentialService)],
                                                 customers: 1_000_000, runSeed: 7, replication: replication)
            drops.add(result.stations[0].dropProbability)
            inside.add(result.stations[0].meanNumberInSystem(over: result.endTime))
        }
        Self.expectInside(drops.confidenceInterval(level: 0.99),
                          QueueingTheory.mm1kBlockingProbability(capacity: 5, arrivalRate: 0.9, serviceRate: 1))
        Self.expectInside(inside.confidenceInterval(level: 0.99),
                          QueueingTheory.mm1kMeanNumberInSystem(capacity: 5, arrivalRate: 0.9, serviceRate: 1))
    }

    @Test func blockingKeepsEveryCustomer() {
        // With back-pressure nobody is lost, but arrivals wait outside while the station is full.
        var station = FIFOStation(servers: 1, capacity: 2, overflow: .block)
        #expect(station.serve(arrival: 0, service: 10) == .served(admission: 0, start: 0, departure: 10))
        #expect(station.serve(arrival: 1, service: 10) == .served(admission: 1, start: 10, departure: 20))
        // Two inside until t = 10: the third is admitted when the first leaves.
        #expect(station.serve(arrival: 2, service: 10) == .served(admission: 10, start: 20, departure: 30))
        #expect(station.statistics.blocked == 1)
        #expect(station.statistics.blocking.mean == 8)
        var dropping = FIFOStation(servers: 1, capacity: 2, overflow: .drop)
        _ = dropping.serve(arrival: 0, service: 10)
        _ = dropping.serve(arrival: 1, service: 10)
        #expect(dropping.serve(arrival: 2, service: 10) == .dropped)
        #expect(dropping.statistics.dropped == 1 && dropping.statistics.arrivals == 3)
    }

    @Test func servingInstantlyEqualsServingEachInNoTime() {
        // A station that served some customers (one of them waiting), then passes 2,500 through:
        // in bulk, and one by one with zero service after the server is free.
        var bulk = FIFOStation(batchSize: 1_000), each = FIFOStation(batchSize: 1_000)
        for (arrival, service) in [(0.0, 2.0), (1.0, 0.5), (4.0, 0.0)] {
            _ = bulk.serve(arrival: arrival, service: service)
            _ = each.serve(arrival: arrival, service: service)
        }
        bulk.serveInstantly(count: 2_500, lastArrival: 9)
        for index in 0..<2_500 { _ = each.serve(arrival: 5 + Double(index) * 0.0016, service: 0) }
        #expect(bulk.statistics == each.statistics)
        #expect(bulk.statistics.arrivals == 2_503 && bulk.statistics.waitBatches.batchMeans.count == 2)
        // Both go on alike.
        #expect(bulk.serve(arrival: 10, service: 1) == each.serve(arrival: 10, service: 1))
        #expect(bulk.statistics == each.statistics)
    }

    @Test(arguments: [2, 3, 8])
    func severalServersStartEachCustomerWhenTheEarliestServerFrees(_ servers: Int) {
        // Against Kiefer–Wolfowitz by brute force (every server's free time, the earliest
        // replaced), through quiet spells (every server idle: the station's O(1) path) and bursts
        // (queues: its heap), with ties.
        var station = FIFOStation(servers: servers, batchSize: 100)
        var free = [Double](repeating: 0, count: servers)
        var state: UInt64 = 99
        var arrival = 0.0
        for index in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let quiet = (index / 500) % 2 == 0
            arrival += quiet ? Double(state >> 59) : (state % 3 == 0 ? 0 : 0.25)
            let service = Double((state >> 20) % 16) / 4
            let earliest = free.indices.min { free[$0] < free[$1] }!
            let start = Swift.max(arrival, free[earliest])
            free[earliest] = start + service
            #expect(Swift.max(arrival, station.earliestServerFreeTime) == start)
            guard case let .served(_, stationStart, departure) = station.serve(arrival: arrival, service: service) else {
                Issue.record("dropped without a capacity")
                return
            }
            #expect(stationStart == start && departure == start + service)
        }
    }
}
