import Testing
import SegsimKernel
import SegsimQueueing
import SegsimRandom

/// The calendar-driven network against theory, and against the event-free chain: fed the same
/// derived streams, both must produce the same customers' times.
@Suite struct CalendarDrivenStationTests {
    @Test(arguments: CalendarKind.allCases)
    func mm1OnTheCalendar(calendar: CalendarKind) {
        let result = TandemNetwork.run(arrivalRate: 0.9, stations: [.init(service: .exponential(mean: 1))],
                                       customers: 10_000_000, runSeed: 11, batchSize: 500_000, calendar: calendar)
        // 10⁷ customers in 20 batches: the 99% interval must hold 10.0 and be within 3% (half the
        // customers of the event-free check, so √2 × its 2% bound, rounded up).
        let interval = result.endToEndBatches.confidenceInterval(level: 0.99)
        #expect(interval?.contains(10.0) == true)
        #expect((interval?.relativeHalfWidth ?? 1) <= 0.03)
        // Exact time averages: Lq = λWq (Little) to 1e-6, busy servers ρ within 1%.
        let wait = result.stations[0].wait
        let lq = result.timeAverageQueueLength?[0] ?? .nan
        #expect(abs(lq - wait.mean * Double(wait.count) / result.endTime) < 1e-6 * lq)
        #expect(abs((result.timeAverageBusyServers?[0] ?? .nan) - 0.9) < 0.009)
        #expect(result.events == 20_000_000)
    }

    @Test func calendarAndChainAgreeCustomerByCustomer() {
        // 1 server, 3 servers, a 2-customer drop limit, then 1 server: overtaking and losses.
        let stations = [StationSpecification(servers: 1, service: .exponential(mean: 0.8)),
                        StationSpecification(servers: 3, service: .lognormal(mean: 2.4, standardDeviation: 1.5)),
                        StationSpecification(servers: 1, capacity: 2, service: .gamma(shape: 2, scale: 0.4))]
        let onCalendar = TandemNetwork.run(arrivalRate: 1, stations: stations, customers: 200_000, runSeed: 12, batchSize: 1_000)
        let eventFree = StationChain.poissonRun(arrivalRate: 1, stations: stations, customers: 200_000, runSeed: 12, batchSize: 1_000)
        #expect(onCalendar.stations == eventFree.stations)
        #expect(onCalendar.endToEnd == eventFree.endToEnd)
        #expect(onCalendar.endTime == eventFree.endTime)
        #expect(onCalendar.stations[2].dropped > 0)
        // The calendar changes nothing but speed.
        let onHeap = TandemNetwork.run(arrivalRate: 1, stations: stations, customers: 200_000, runSeed: 12, batchSize: 1_000,
                                       calendar: .heap)
        #expect(onHeap.stations == onCalendar.stations && onHeap.endToEnd == onCalendar.endToEnd)
    }

    @Test func sameSeedSameRunOtherReplicationOtherRun() {
        let spec = [StationSpecification(servers: 2, service: .exponential(mean: 1.5))]
        let a = StationChain.poissonRun(arrivalRate: 1, stations: spec, customers: 50_000, runSeed: 13)
        let b = StationChain.poissonRun(arrivalRate: 1, stations: spec, customers: 50_000, runSeed: 13)
        let c = StationChain.poissonRun(arrivalRate: 1, stations: spec, customers: 50_000, runSeed: 13, replication: 1)
        #expect(a.stations == b.stations && a.endTime == b.endTime)
        #expect(a.endToEnd != c.endToEnd)
    }
}
