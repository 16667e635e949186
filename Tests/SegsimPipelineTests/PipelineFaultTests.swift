import Testing
import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// Crashes, rebalances, store slowdowns; idempotence; topology independence; the timeline.
@Suite struct PipelineFaultTests {
    static let day = 86_400.0

    static func topology(faults: [PipelineFault] = [], idempotent: Bool = true, workers: Int = 4,
                         partitions: Int = 8) -> PipelineTopology {
        PipelineTopology(
            partitions: partitions, workers: workers, processing: .exponential(mean: 0.02),
            store: .exponential(mean: 0.01), storeConcurrency: 2,
            producer: ProducerSettings(batchSize: 10, linger: 0.5, networkDelay: .exponential(mean: 0.01)),
            consumer: ConsumerSettings(maxPollRecords: 50, commitEvery: 100, commitInterval: 21_600),
            idempotent: idempotent, faults: faults, timelineWindow: 3_600)
    }

    static let crashes: [PipelineFault] = [
        .workerCrash(worker: 1, at: 1.5 * day, restartAfter: 30),
        .workerCrash(worker: 3, at: 2 * day + 3_600, restartAfter: 120),
        .rebalance(at: 2.5 * day, pause: 10),
    ]

    @Test func crashAndRestartLosesNothingAndKeepsTheFeatures() throws {
        let clean = try RetailPipelineFixture.run(Self.topology(), keepRecords: false)
        let faulty = try RetailPipelineFixture.run(Self.topology(faults: Self.crashes))
        let d = faulty.delivery
        #expect(d.crashes == 2 && d.rebalances == 1)
        #expect(d.redelivered > 0 && d.processed == d.appended + d.redelivered && d.delivered == d.processed)
        #expect(d.lost == 0 && d.appliedTwice == 0 && d.appliedExactlyOnce)
        #expect(d.deduplicated == d.redelivered)
        #expect(clean.delivery.redelivered == 0 && clean.delivery.appliedExactlyOnce)
        #expect(faulty.result.accounting == clean.result.accounting)
        #expect(RetailPipelineFixture.features(faulty.store) == RetailPipelineFixture.features(clean.store))
        // Redeliveries are processed after the restart, by the crashed workers.
        let redelivered = faulty.records.filter { $0.delivery == .redelivered }
        #expect(redelivered.contains { $0.worker == 1 } && redelivered.contains { $0.worker == 3 })
        #expect(redelivered.allSatisfy { ($0.worker == 1 && $0.processingStart >= 1.5 * Self.day + 30)
                                         || ($0.worker == 3 && $0.processingStart >= 2 * Self.day + 3_720) })
        // Nothing starts on a crashed worker while it is down, nor anywhere during the rebalance.
        for r in faulty.records {
            #expect(!(r.worker == 1 && r.processingStart >= 1.5 * Self.day && r.processingStart < 1.5 * Self.day + 30))
            #expect(!(r.processingStart >= 2.5 * Self.day && r.processingStart < 2.5 * Self.day + 10))
        }
        // The outage shows as latency: the worst case exceeds the clean run's.
        #expect(faulty.result.endToEnd.tally.maximum > clean.result.endToEnd.tally.maximum)
    }

    @Test func idempotenceOffReportsDoubleApplication() throws {
        let clean = try RetailPipelineFixture.run(Self.topology(), keepRecords: false)
        let faulty = try RetailPipelineFixture.run(Self.topology(faults: Self.crashes, idempotent: false),
                                                   keepRecords: false)
        let d = faulty.delivery
        #expect(d.redelivered > 0)
        #expect(d.deduplicated == 0 && d.applied == d.delivered)
        #expect(d.appliedTwice == d.redelivered && d.lost == 0 && !d.appliedExactlyOnce)
        // The double application shows in the features: more page views, purchases or sessions.
        let a = RetailPipelineFixture.features(clean.store), b = RetailPipelineFixture.features(faulty.store)
        let changed = zip(a, b).filter { $0 != $1 }.count
        #expect(changed > 0)
        #expect(zip(a, b).allSatisfy { $1.frequency >= $0.frequency })
    }

    @Test func topologyChangesLatencyButNotTheEvents() throws {
        let topologies = [
            Self.topology(), Self.topology(workers: 2, partitions: 2), Self.topology(workers: 8, partitions: 16),
            Self.topology(faults: Self.crashes, workers: 5, partitions: 5),
        ]
        var checksums = Set<UInt64>(), latencies = Set<Double>()
        for topology in topologies {
            let run = try RetailPipelineFixture.run(topology, keepRecords: false)
            checksums.insert(run.result.accounting.checksum)
            latencies.insert(run.result.endToEnd.tally.mean)
            #expect(run.result.accounting.events == RetailPipelineFixture.events.count)
            #expect(run.delivery.appliedExactlyOnce)
        }
        #expect(checksums.count == 1)
        #expect(latencies.count == topologies.count)
    }

    @Test func storeSlowdownRaisesStoreLatencyInsideItsWindowOnly() throws {
        var source = PoissonEventSource(rate: 1, customers: 100, seed: 31)
        let events = (0..<6_000).map { _ in source.next() }
        func run(_ faults: [PipelineFault]) throws -> [PipelineRecord] {
            let topology = PipelineTopology(processing: .exponential(mean: 0.2), store: .exponential(mean: 0.2),
                                            storeConcurrency: 2, faults: faults)
            return try pipelineRecords(topology, events, runSeed: 4)
        }
        let base = try run([]), slow = try run([.storeSlowdown(from: 2_000, to: 3_000, factor: 4)])
        func meanStore(_ records: [PipelineRecord], _ range: Range<Double>) -> Double {
            let inside = records.filter { range.contains($0.processingEnd) }
            return inside.map { $0.storeEnd - $0.processingEnd }.reduce(0, +) / Double(inside.count)
        }
        #expect(meanStore(slow, 2_000..<3_000) > 3 * meanStore(base, 2_000..<3_000))
        // Before the window nothing changes; well after it, the backlog has drained.
        #expect(zip(base, slow).filter { $0.0.storeEnd < 2_000 }.allSatisfy { $0.0 == $0.1 })
        #expect(abs(meanStore(slow, 3_500..<6_000) - meanStore(base, 3_500..<6_000)) < 0.05)
    }

    @Test func timelineSumsEqualTheTotals() throws {
        let run = try RetailPipelineFixture.run(Self.topology(faults: Self.crashes), keepRecords: false)
        let result = run.result, d = run.delivery
        guard let timeline = result.timeline else {
            Issue.record("no timeline")
            return
        }
        let windows = timeline.windows
        #expect(windows.count >= 72)
        #expect(windows.map(\.offered).reduce(0, +) == d.produced)
        #expect(windows.map(\.appended).reduce(0, +) == d.appended)
        #expect(windows.map(\.processed).reduce(0, +) == d.processed)
        #expect(windows.map(\.written).reduce(0, +) == d.delivered)
        #expect(windows.compactMap(\.latency?.count).reduce(0, +) == d.produced)
        for p in 0..<8 {
            let area = windows.map { $0.meanLag[p] * timeline.width }.reduce(0, +)
            #expect(abs(area - result.meanConsumerLag[p] * result.horizon) <= 1e-6 * max(1, area))
        }
        for w in 0..<4 {
            let busy = windows.map { $0.busyShare[w] * timeline.width }.reduce(0, +)
            #expect(abs(busy - result.workers[w].busyTime) <= 1e-6 * max(1, busy))
            #expect(windows.allSatisfy { $0.busyShare[w] <= 1 + 1e-9 })
        }
        let overall = windows.compactMap(\.latency?.maximum).max()
        #expect(overall == result.endToEnd.tally.maximum)
        for window in windows { if let l = window.latency { #expect(l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.maximum) } }
    }
}
