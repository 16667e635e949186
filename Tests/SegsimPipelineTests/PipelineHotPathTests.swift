import Testing
import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// The per-event fast paths: the straight-through path, exact timeline windows, the timeline's
/// percentiles, scoring features without a row, and prefetch hints that change nothing.
@Suite struct PipelineHotPathTests {
    /// Topologies simple enough for the straight-through path, each with something the default
    /// lacks: several partitions per worker, round-robin, a store batching with linger, a store
    /// slowdown, commit settings, a scoring time, a worker with no partition, no timeline.
    static let straightThroughTopologies: [PipelineTopology] = {
        var base = PipelineTopology(
            partitions: 12, workers: 6, processing: .exponential(mean: 0.02), store: .exponential(mean: 0.01),
            storeConcurrency: 3, timelineWindow: 3_600)
        var roundRobin = base
        roundRobin.assignment = .roundRobin
        roundRobin.partitions = 5
        roundRobin.workers = 2
        roundRobin.processing = .gamma(shape: 2, scale: 0.05)
        roundRobin.scoring = .exponential(mean: 0.02)
        roundRobin.consumer = ConsumerSettings(maxPollRecords: 3, commitEvery: 7, commitInterval: 600)
        var batchingStore = base
        batchingStore.storeBatchSize = 4
        batchingStore.storeLinger = 0.5
        batchingStore.faults = [.storeSlowdown(from: 86_400, to: 90_000, factor: 30)]
        var idleWorker = base
        idleWorker.partitions = 2
        idleWorker.workers = 3
        idleWorker.timelineWindow = nil
        base.processing = .exponential(mean: 0.3)  // busy: long queues at the workers
        return [base, roundRobin, batchingStore, idleWorker]
    }()

    @Test(arguments: straightThroughTopologies)
    func straightThroughGivesTheGeneralPathsResults(_ topology: PipelineTopology) throws {
        #expect(try PipelineSimulation(topology: topology, runSeed: 1).usesStraightThrough)
        #expect(try !PipelineSimulation(topology: topology, runSeed: 1, allowsStraightThrough: false).usesStraightThrough)
        let fast = try RetailPipelineFixture.run(topology)
        let general = try RetailPipelineFixture.run(topology, allowsStraightThrough: false)
        #expect(fast.records.count == RetailPipelineFixture.events.count)
        #expect(fast.records == general.records)
        #expect(fast.delivery == general.delivery)
        let (a, b) = (fast.result, general.result)
        #expect(a.accounting == b.accounting && a.horizon == b.horizon && a.meanConsumerLag == b.meanConsumerLag)
        #expect(a.partitions == b.partitions && a.workers == b.workers && a.profileStore == b.profileStore)
        for (x, y) in [(a.endToEnd, b.endToEnd), (a.append, b.append), (a.processing, b.processing), (a.store, b.store),
                       (a.scoring, b.scoring)] {
            #expect(x.tally == y.tally && x.batches == y.batches && x.histogram?.histogram == y.histogram?.histogram
                    && x.histogram != nil)
        }
        #expect((a.scoring.tally.count > 0) == (topology.scoring != .constant(seconds: 0)))
        #expect(a.timeline?.windows == b.timeline?.windows)
        #expect(RetailPipelineFixture.features(fast.store) == RetailPipelineFixture.features(general.store))
    }

    /// A pipeline that measures means and counts only (as a scenario run measures it) gives the same
    /// records, stage tallies, station counts and busy times, accounting, lag and timeline counts
    /// as one that measures everything, on either path, and keeps no distribution or wait.
    @Test(arguments: [true, false])
    func meansAloneMatchTheFullMeasurement(straightThrough: Bool) throws {
        let topology = Self.straightThroughTopologies[0]
        let events = RetailPipelineFixture.events
        let fullRun = try RetailPipelineFixture.run(topology, allowsStraightThrough: straightThrough)
        let meansRun = try RetailPipelineFixture.run(topology, measurement: .means, allowsStraightThrough: straightThrough)
        let (full, means) = (fullRun.result, meansRun.result)
        #expect(meansRun.records == fullRun.records && meansRun.records.count == events.count)
        for (x, y) in [(means.endToEnd, full.endToEnd), (means.append, full.append), (means.processing, full.processing),
                       (means.store, full.store)] {
            #expect(x.tally == y.tally && x.tally.count == events.count)
            #expect(x.batches == nil && x.histogram == nil && y.batches != nil && y.histogram != nil)
        }
        let stations = zip(means.partitions + means.workers + [means.profileStore],
                           full.partitions + full.workers + [full.profileStore])
        for (x, y) in stations {
            #expect(x.arrivals == y.arrivals && x.served == y.served && x.dropped == y.dropped)
            #expect(x.delayed == y.delayed && x.busyTime == y.busyTime)
            #expect(!x.measuresTimes && x.wait.count == 0 && x.sojourn.count == 0 && x.waitBatches.batchMeans.isEmpty)
            #expect(y.measuresTimes && y.wait.count == y.served && y.sojourn.count == y.served)
            #expect(x.meanQueueLength(over: 1).isNaN && !y.meanQueueLength(over: 1).isNaN)
        }
        #expect(full.profileStore.served == events.count && full.workers.map(\.delayed).reduce(0, +) > 0)
        #expect(means.workerUtilisation == full.workerUtilisation && means.workerThroughput == full.workerThroughput)
        #expect(means.accounting == full.accounting && means.delivery == full.delivery)
        #expect(means.meanConsumerLag == full.meanConsumerLag)
        let (meansWindows, fullWindows) = (means.timeline?.windows ?? [], full.timeline?.windows ?? [])
        #expect(meansWindows.count == fullWindows.count && meansWindows.count > 1)
        for (x, y) in zip(meansWindows, fullWindows) {
            var unmeasured = y
            unmeasured.latency = nil
            #expect(x == unmeasured && x.latency == nil)
        }
        #expect(fullWindows.contains { $0.latency != nil })
    }

    /// An event before time 0 waits for its partition's server, free from time 0: the straight
    /// path, which takes partitions to be free on arrival, gives way to the general path.
    @Test func anEventBeforeTimeZeroTakesTheGeneralPath() throws {
        let topology = Self.straightThroughTopologies[0]
        let events = RetailPipelineFixture.events.prefix(2_000).map { event in
            var early = event
            early.time -= 600
            return early
        }
        #expect(events.first.map { $0.time < 0 } ?? false)
        var simulation = try PipelineSimulation(topology: topology, runSeed: 5, batchSize: 1_000)
        simulation.offer(events[0])
        #expect(!simulation.usesStraightThrough)
        let fast = try RetailPipelineFixture.run(topology, events: events)
        let general = try RetailPipelineFixture.run(topology, events: events, allowsStraightThrough: false)
        #expect(fast.records == general.records)
        #expect(fast.result.partitions == general.result.partitions)
        #expect(fast.result.append.tally == general.result.append.tally && fast.result.append.tally.maximum > 0)
    }

    /// Overloaded topologies, so that thousands of records wait in the hand-over queues: one slow
    /// worker, straight through or behind batches with long network delays.
    static let backloggedTopologies: [PipelineTopology] = {
        let straight = PipelineTopology(partitions: 2, workers: 1, processing: .exponential(mean: 60),
                                        store: .exponential(mean: 0.01), timelineWindow: 3_600)
        var general = straight
        general.producer = ProducerSettings(batchSize: 5, linger: 1, networkDelay: .exponential(mean: 30))
        return [straight, general]
    }()

    /// The simulation's queues are values: a copy taken mid-run shares their storage until either
    /// side writes, and then each goes on as if alone. The copy is drained at once (thousands of
    /// removals) and the original then runs on. (Random streams are shared references; finishing
    /// draws nothing in these topologies, so the original's draws are those of an uninterrupted run.)
    @Test(arguments: backloggedTopologies)
    func aCopyTakenMidRunLeavesTheOriginalAlone(_ topology: PipelineTopology) throws {
        let events = RetailPipelineFixture.events
        let half = events.count / 2
        var original = try PipelineSimulation(topology: topology, runSeed: 5)
        for event in events[..<half] { original.offer(event) }
        var copy = original
        let drained = offerAndFinish(&copy, [])
        let rest = offerAndFinish(&original, events[half...])
        var uninterrupted = try PipelineSimulation(topology: topology, runSeed: 5)
        for event in events[..<half] { uninterrupted.offer(event) }
        var halfway = uninterrupted
        #expect(drained == offerAndFinish(&halfway, []))
        #expect(rest == offerAndFinish(&uninterrupted, events[half...]))
        #expect(drained.count > 1_000 && rest.count > drained.count)
    }

    @Test func anythingThatCanDelayOrCopyAnEventTakesTheGeneralPath() throws {
        let base = Self.straightThroughTopologies[0]
        var changed: [PipelineTopology] = []
        func with(_ change: (inout PipelineTopology) -> Void) {
            var topology = base
            change(&topology)
            changed.append(topology)
        }
        with { $0.producer.batchSize = 2 }
        with { $0.producer.networkDelay = .constant(seconds: 0.001) }
        with { $0.producer.lateShare = 0.01 }
        with { $0.producer.resendProbability = 0.01 }
        with { $0.append = .constant(seconds: 1e-4) }
        with { $0.replicationDelay = .exponential(mean: 0.001) }
        with { $0.consumer.pollOverhead = .constant(seconds: 1e-4) }
        with { $0.faults = [.workerCrash(worker: 0, at: 10, restartAfter: 5)] }
        with { $0.faults = [.rebalance(at: 10, pause: 5)] }
        with { $0.faults = [.producerRetry(at: 10, partition: 1)] }
        for topology in changed { #expect(try !PipelineSimulation(topology: topology, runSeed: 1).usesStraightThrough) }
    }

    @Test func windowRangesAreExactlyTheDivisionsWindows() {
        var stream = SplitMix64(state: 11)
        for width in [3_600.0, 0.1, 1.0 / 3.0, 86_400, 900.5, 1e-3] {
            for index in [0, 1, 2, 3, 7, 10, 999, 123_456, 9_999_999] {
                let range = WindowRange(index: index, width: width)
                #expect(range.index == index)
                if index > 0 {
                    #expect(WindowRange.index(of: range.lower, width: width) == index)
                    #expect(WindowRange.index(of: range.lower.nextDown, width: width) == index - 1)
                } else {
                    #expect(range.lower == -.infinity)
                }
                #expect(WindowRange.index(of: range.upper.nextDown, width: width) == index)
                #expect(WindowRange.index(of: range.upper, width: width) == index + 1)
                // Random times around the window: containment agrees with the division.
                for _ in 0..<200 {
                    let u = Double(stream.next() >> 11) * 0x1p-53
                    let t = (Double(index) - 0.5 + 2 * u) * width
                    #expect(range.contains(t) == (WindowRange.index(of: t, width: width) == index))
                }
            }
        }
        #expect(!WindowRange.empty.contains(0) && !WindowRange.empty.contains(.nan))
        #expect(!WindowRange(index: 0, width: 1).contains(.nan))
        #expect(WindowRange(index: 0, width: 1).contains(-5) && WindowRange(index: 0, width: 1).contains(0))
    }

    /// A topology with faults, and one whose constant service times repeat latencies exactly.
    static let percentileTopologies: [PipelineTopology] = [
        PipelineFaultTests.topology(faults: PipelineFaultTests.crashes),
        PipelineTopology(partitions: 4, workers: 2, processing: .constant(seconds: 0.25), store: .constant(seconds: 0.5),
                         timelineWindow: 3_600),
    ]

    @Test(arguments: percentileTopologies)
    func timelinePercentilesAreTheSortedWindowsNearestRanks(_ topology: PipelineTopology) throws {
        let run = try RetailPipelineFixture.run(topology)
        guard let timeline = run.result.timeline else {
            Issue.record("no timeline")
            return
        }
        // First deliveries by the window of their store write, as the timeline groups them.
        var byWindow: [Int: [Double]] = [:]
        for record in run.records where record.delivery == .first {
            byWindow[WindowRange.index(of: record.storeEnd, width: timeline.width), default: []].append(record.endToEnd)
        }
        let windows = timeline.windows
        #expect(!byWindow.isEmpty)
        for (index, window) in windows.enumerated() {
            guard let latencies = byWindow[index]?.sorted() else {
                #expect(window.latency == nil)
                continue
            }
            let n = latencies.count
            func rank(_ q: Double) -> Double { latencies[max(0, Int((q * Double(n)).rounded(.up)) - 1)] }
            let latency = window.latency
            #expect(latency?.count == n && latency?.p50 == rank(0.5) && latency?.p90 == rank(0.9))
            #expect(latency?.p99 == rank(0.99) && latency?.maximum == latencies[n - 1])
        }
    }

    @Test func scoringFeaturesEqualsScoringTheirRow() throws {
        var stream = SplitMix64(state: 3)
        func uniform() -> Double { Double(stream.next() >> 11) * 0x1p-53 }
        let columns = RetailFeatures.featureNames.count
        var values: [Double] = []
        var labels: [Bool] = []
        for row in 0..<400 {
            for column in 0..<columns { values.append(uniform() * Double(column + 1)) }
            labels.append(row % 3 == 0 || uniform() < 0.2)
        }
        let model = try LogisticRegression(fitting: TrainingMatrix(flat: values, columns: columns), labels: labels, ridge: 1e-3)
        // Features from a store fed every retail event kind, read at several times.
        let customers = 60
        var store = RetailFeatureStore(customers: customers)
        let kinds: [EventKind] = [.sessionStart, .pageView, .productView, .addToCart, .removeFromCart, .checkout,
                                  .purchase, .sessionEnd]
        for id in 0..<3_000 {
            let kind = kinds[Int(uniform() * Double(kinds.count))]
            store.apply(CustomerEvent(id: UInt64(id), time: Double(id) * 97, customer: UInt32(uniform() * Double(customers)),
                                      kind: kind, amount: kind == .purchase ? Float(uniform() * 90) : 0,
                                      attribute: UInt16(uniform() * 200)))
        }
        var scored = 0
        for customer in 0..<customers {
            for time in [300_000.0, 400_000, 1e6, 2e7] {
                let features = store.features(of: customer, at: time)
                #expect(features.row.isFinite)
                #expect(model.score(features) == (try model.score(features.vector)))
                // The store's one-call path gives the same bits.
                #expect(store.score(of: customer, at: time, by: model) == model.score(features))
                scored += features.frequency > 0 ? 1 : 0
            }
        }
        #expect(scored > 0)
        // A feature that is not finite (recency at a NaN or infinite time) scores nil where the row throws.
        guard let buyer = (0..<customers).first(where: { store.features(of: $0, at: 0).frequency > 0 }) else {
            Issue.record("no buyer")
            return
        }
        for time in [Double.nan, .infinity] {
            let features = store.features(of: buyer, at: time)
            #expect(!features.row.isFinite)
            #expect(model.score(features) == nil)
            #expect(store.score(of: buyer, at: time, by: model) == nil)
            #expect((try? model.score(features.vector)) == nil)
        }
    }

    @Test func prefetchChangesNothing() {
        var store = RetailFeatureStore(customers: 4)
        store.apply(CustomerEvent(id: 1, time: 10, customer: 2, kind: .sessionStart))
        store.apply(CustomerEvent(id: 2, time: 20, customer: 2, kind: .productView, attribute: 5))
        let before = (0..<4).map { store.features(of: $0, at: 100) }
        for customer in [-1, 0, 2, 3, 4, 1_000] { store.prefetch(customer: customer) }
        #expect((0..<4).map { store.features(of: $0, at: 100) } == before)
    }

    /// ``CompletedRecords`` checks its buffer's uniqueness once per call, not per append: a copy
    /// taken after one call must keep its records through the next calls, which reuse or grow
    /// the buffer (a slow store backs records up, so that some calls complete many at once).
    @Test func completedRecordsKeepValueSemantics() throws {
        var topology = PipelineTopology(
            partitions: 2, workers: 1, processing: .constant(seconds: 0.001), store: .constant(seconds: 0.001))
        topology.storeBatchSize = 64
        topology.storeLinger = 3_600
        var simulation = try PipelineSimulation(topology: topology, runSeed: 5)
        var kept: [(copy: CompletedRecords, records: [PipelineRecord])] = []
        for event in RetailPipelineFixture.events.prefix(2_000) {
            simulation.offer(event)
            if !simulation.completed.isEmpty { kept.append((simulation.completed, Array(simulation.completed))) }
        }
        _ = simulation.finish()
        kept.append((simulation.completed, Array(simulation.completed)))
        #expect(kept.count > 10 && kept.contains { $0.records.count > 16 })  // the buffer grew
        for (copy, records) in kept { #expect(Array(copy) == records) }
        #expect(kept.reduce(0) { $0 + $1.records.count } == 2_000)
    }
}
