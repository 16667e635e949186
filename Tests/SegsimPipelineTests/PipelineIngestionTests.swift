import Testing
import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// Producers, the log and polling: batching delays, arrival order at every station, resends.
@Suite struct PipelineIngestionTests {
    /// One customer acting every second, t = 0 … n−1.
    static func ticks(_ n: Int) -> [CustomerEvent] {
        (0..<n).map { CustomerEvent(id: UInt64($0), time: Double($0), customer: 0, kind: .pageView) }
    }

    @Test func batchingGivesTheAnalyticProducerDelay() throws {
        let processing = ServiceTimeDistribution.constant(seconds: 0)
        // Size-bound: batches of 4 close at their 4th event; delays 3, 2, 1, 0 → mean 1.5.
        let bySize = try pipelineRecords(PipelineTopology(
            processing: processing,
            producer: ProducerSettings(batchSize: 4, linger: 100, networkDelay: .constant(seconds: 0.5))), Self.ticks(100))
        #expect(bySize.count == 100)
        for record in bySize {
            let id = Int(record.event.id)
            #expect(record.sentTime == Double(id / 4 * 4 + 3))
            #expect(record.logArrival == record.sentTime + 0.5)
            #expect(record.ingestTime == record.logArrival && record.storeEnd == record.ingestTime)
        }
        #expect(bySize.map { $0.sentTime - $0.event.time }.reduce(0, +) / 100 == 1.5)
        // Linger-bound: a batch opened at t closes at t + 2.5 with the events at t, t+1, t+2.
        let byLinger = try pipelineRecords(PipelineTopology(
            processing: processing, producer: ProducerSettings(batchSize: 10, linger: 2.5)), Self.ticks(99))
        for record in byLinger { #expect(record.sentTime == Double(Int(record.event.id) / 3 * 3) + 2.5) }
        #expect(byLinger.map { $0.sentTime - $0.event.time }.reduce(0, +) / 99 == 1.5)
        // Batch size 1 sends each event at once.
        let single = try pipelineRecords(PipelineTopology(processing: processing), Self.ticks(10))
        #expect(single.allSatisfy { $0.sentTime == $0.event.time })
    }

    /// Advancing the watermark between events (timers) releases records earlier, never others.
    @Test func advancingBetweenEventsChangesNoRecord() throws {
        var source = PoissonEventSource(rate: 3, customers: 200, seed: 12)
        let events = (0..<20_000).map { _ in source.next() }
        let topology = PipelineTopology(
            partitions: 4, workers: 2, append: .exponential(mean: 0.05), processing: .exponential(mean: 0.4),
            store: .exponential(mean: 0.3), storeConcurrency: 2,
            producer: ProducerSettings(batchSize: 5, linger: 1, networkDelay: .exponential(mean: 0.2)),
            storeBatchSize: 2, storeLinger: 0.5)
        let plain = try pipelineRecords(topology, events)
        var simulation = try PipelineSimulation(topology: topology, runSeed: 3, batchSize: 100)
        var advanced: [PipelineRecord] = []
        var nextTimer = 0.0
        for event in events {
            while nextTimer <= event.time {
                simulation.advance(to: nextTimer)
                advanced += simulation.completed
                #expect(simulation.completed.allSatisfy { $0.storeEnd <= nextTimer + 10 })
                nextTimer += 0.7
            }
            simulation.offer(event)
            advanced += simulation.completed
        }
        _ = simulation.finish()
        advanced += simulation.completed
        #expect(advanced.count == plain.count)
        #expect(advanced.elementsEqual(plain), "records differ")
    }

    @Test func storeBatchesShareOneWrite() throws {
        // Writes of 3 records or 1.5 s after the first: records at 0, 1, 2 are written together
        // at 2 + 0.5; with a linger of 1.5, records at 0, 1 close at 1.5 and are written at 2.
        let bySize = try pipelineRecords(PipelineTopology(
            processing: .constant(seconds: 0), store: .constant(seconds: 0.5), storeBatchSize: 3, storeLinger: 10),
            Self.ticks(9))
        for record in bySize { #expect(record.storeEnd == Double(Int(record.event.id) / 3 * 3 + 2) + 0.5) }
        let byLinger = try pipelineRecords(PipelineTopology(
            processing: .constant(seconds: 0), store: .constant(seconds: 0.5), storeBatchSize: 3, storeLinger: 1.5),
            Self.ticks(8))
        for record in byLinger { #expect(record.storeEnd == Double(Int(record.event.id) / 2 * 2) + 2) }
        #expect(byLinger.count == 8)
    }

    @Test func pollingWithoutOverheadChangesNoTime() throws {
        var source = PoissonEventSource(rate: 0.9, customers: 100, seed: 8)
        let events = (0..<20_000).map { _ in source.next() }
        func run(_ n: Int) throws -> [PipelineRecord] {
            try pipelineRecords(PipelineTopology(partitions: 3, workers: 2, processing: .exponential(mean: 1),
                                              consumer: ConsumerSettings(maxPollRecords: n)), events)
        }
        #expect(try run(1) == run(500))
        // With an overhead per poll, larger polls amortise it: less total latency.
        func overhead(_ n: Int) throws -> Double {
            try pipelineRecords(PipelineTopology(processing: .exponential(mean: 0.5),
                                              consumer: ConsumerSettings(maxPollRecords: n, pollOverhead: .constant(seconds: 0.5))),
                             events).map(\.endToEnd).reduce(0, +)
        }
        #expect(try overhead(100) < overhead(1))
    }

    /// Late clients, random network delays, replication, several partitions per worker and
    /// several store writers: every station still sees its arrivals in time order.
    @Test func outOfOrderArrivalsReachEveryStationInOrder() throws {
        var source = PoissonEventSource(rate: 5, customers: 500, seed: 9)
        let events = (0..<30_000).map { _ in source.next() }
        let topology = PipelineTopology(
            partitions: 6, workers: 4, assignment: .roundRobin, append: .exponential(mean: 0.02),
            processing: .exponential(mean: 0.4), scoring: .exponential(mean: 0.1), store: .exponential(mean: 0.3),
            storeConcurrency: 3, producer: ProducerSettings(batchSize: 8, linger: 0.5, networkDelay: .exponential(mean: 0.3),
                                       lateShare: 0.2, lateDelay: .exponential(mean: 20)),
            replicationDelay: .exponential(mean: 0.05),
            consumer: ConsumerSettings(maxPollRecords: 16, pollOverhead: .constant(seconds: 0.01)),
            storeBatchSize: 3, storeLinger: 0.2)
        let records = try pipelineRecords(topology, events)
        #expect(records.count == events.count)
        #expect(Set(records.map(\.event.id)).count == events.count)
        // Per partition, in offset order: offsets 0…n−1, arrivals, appends and readability ordered.
        for partition in 0..<6 {
            let log = records.filter { $0.partition == partition }.sorted { $0.offset < $1.offset }
            #expect(log.map(\.offset) == Array(0..<log.count))
            for (a, b) in zip(log, log.dropFirst()) {
                #expect(a.logArrival <= b.logArrival && a.ingestTime < b.ingestTime && a.readableTime <= b.readableTime)
            }
        }
        // Per worker, in processing order: one record at a time, each after it became readable.
        for worker in 0..<4 {
            let work = records.filter { $0.worker == worker }.sorted { $0.processingStart < $1.processingStart }
            for (a, b) in zip(work, work.dropFirst()) { #expect(a.processingEnd <= b.processingStart) }
        }
        var late = 0
        for r in records {
            #expect(r.event.time <= r.producerTime && r.producerTime <= r.sentTime && r.sentTime <= r.logArrival
                    && r.logArrival <= r.ingestTime && r.ingestTime <= r.readableTime
                    && r.readableTime <= r.processingStart && r.processingStart <= r.featurisedTime
                    && r.featurisedTime < r.processingEnd
                    && r.processingEnd <= r.storeEnd)
            if r.producerTime > r.event.time { late += 1 }
        }
        #expect(late > 5_000 && late < 7_000, "about 20% late, got \(late)")
    }

    /// A producer that resends batches delivers duplicates with the same ids; deduplication drops
    /// every one, and the final features equal the clean run's.
    @Test func resentDuplicatesAreDroppedAndFeaturesMatchTheCleanRun() throws {
        let clean = try RetailPipelineFixture.run(PipelineTopology(partitions: 4, workers: 2,
                                                                   processing: .exponential(mean: 0.01)),
                                                  keepRecords: false)
        let noisy = try RetailPipelineFixture.run(PipelineTopology(
            partitions: 4, workers: 2, processing: .exponential(mean: 0.01),
            producer: ProducerSettings(batchSize: 20, linger: 1, networkDelay: .exponential(mean: 0.05),
                                       resendProbability: 0.2),
            faults: [.producerRetry(at: 86_400, partition: nil)]))
        let d = noisy.delivery
        #expect(d.resent > 0 && d.sent == d.produced + d.resent && d.delivered == d.sent)
        #expect(d.deduplicated == d.resent && d.applied == d.produced)
        #expect(d.lost == 0 && d.appliedTwice == 0 && d.appliedExactlyOnce)
        // Copies carry the ids of originals.
        let originals = Set(noisy.records.filter { $0.delivery == .first }.map(\.event.id))
        #expect(noisy.records.filter { $0.delivery == .resent }.allSatisfy { originals.contains($0.event.id) })
        #expect(noisy.result.accounting == clean.result.accounting)
        #expect(RetailPipelineFixture.features(noisy.store) == RetailPipelineFixture.features(clean.store))
    }
}
