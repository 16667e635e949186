import Testing
import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// Topology validation, assignment, and that capacity changes latency but never the events.
@Suite struct PipelineTopologyTests {
    static let processing = ServiceTimeDistribution.exponential(mean: 1)

    @Test func badTopologiesNameTheField() {
        #expect(validationError(PipelineTopology(partitions: 0, processing: Self.processing))
                == "pipeline.partitions: must be ≥ 1, got 0")
        #expect(validationError(PipelineTopology(workers: 0, processing: Self.processing))
                == "pipeline.workers: must be ≥ 1, got 0")
        #expect(validationError(PipelineTopology(processing: Self.processing, storeConcurrency: -2))
                == "pipeline.store.concurrency: must be ≥ 1, got -2")
        #expect(validationError(PipelineTopology(processing: .exponential(mean: -1)))
                == "pipeline.consumer.processing: exponential mean must be > 0, got -1")
        #expect(validationError(PipelineTopology(append: .constant(seconds: -1), processing: Self.processing))
                == "pipeline.log.append: constant must be > 0, got -1")
        #expect(validationError(PipelineTopology(processing: .constant(seconds: 0))) == nil, "a free stage is allowed")
        #expect(throws: PipelineTopologyError(path: "pipeline.partitions", message: "must be ≥ 1, got 0")) {
            _ = try PipelineSimulation(topology: PipelineTopology(partitions: 0, processing: Self.processing), runSeed: 1)
        }
    }

    @Test func moreWorkersThanPartitionsWarnsOfIdleWorkers() throws {
        for assignment in PartitionAssignment.allCases {
            let topology = PipelineTopology(partitions: 3, workers: 5, assignment: assignment, processing: Self.processing)
            let warnings = try topology.validate()
            #expect(warnings == [.idleWorkers([3, 4], workers: 5, partitions: 3)])
            #expect(warnings.first?.description == "pipeline.workers: 5 workers for 3 partitions leave 2 idle (3–4); "
                + "a partition is read by one worker, so add partitions or use at most 3 workers")
        }
        let scattered = PipelineTopologyWarning.idleWorkers([1, 2, 3, 7, 9, 10], workers: 11, partitions: 5)
        #expect(scattered.description.contains("leave 6 idle (1–3, 7, 9–10);"))
        #expect(try PipelineTopology(partitions: 4, workers: 4, processing: Self.processing).validate().isEmpty)
    }

    @Test func assignmentsShareThePartitions() {
        let range = PipelineTopology(partitions: 7, workers: 3, assignment: .range, processing: Self.processing)
        let roundRobin = PipelineTopology(partitions: 7, workers: 3, assignment: .roundRobin, processing: Self.processing)
        #expect(range.workerOfPartition() == [0, 0, 0, 1, 1, 2, 2])
        #expect(roundRobin.workerOfPartition() == [0, 1, 2, 0, 1, 2, 0])
        #expect(range.partition(ofCustomer: 15) == 1)
    }

    /// The same 2×10⁵ events through five topologies: latencies differ, events do not; every
    /// event leaves exactly once, unchanged, each customer's in order, with ordered timestamps.
    @Test func capacityChangesLatencyButNotEvents() throws {
        var source = PoissonEventSource(rate: 0.9, customers: 1_000, seed: 21)
        let events = (0..<200_000).map { _ in source.next() }
        let topologies = [
            PipelineTopology(processing: Self.processing),
            PipelineTopology(partitions: 8, workers: 3, assignment: .range, processing: Self.processing),
            // Random appends reorder ingests across partitions: the hand-over heaps must cope.
            PipelineTopology(partitions: 8, workers: 3, assignment: .roundRobin, append: .exponential(mean: 0.3),
                             processing: Self.processing, store: .exponential(mean: 0.5), storeConcurrency: 2),
            PipelineTopology(partitions: 4, workers: 6, processing: Self.processing),
            PipelineTopology(partitions: 16, workers: 16, processing: .lognormal(mean: 1, standardDeviation: 2),
                             store: .gamma(shape: 0.5, scale: 0.2), storeConcurrency: 3),
        ]
        var accountings: [PipelineAccounting] = []
        var meanLatencies: [Double] = []
        for topology in topologies {
            var simulation = try PipelineSimulation(topology: topology, runSeed: 22, batchSize: 1_000)
            var seen = Array(repeating: false, count: events.count)
            var lastOfCustomer = [UInt32: UInt64]()
            var delivered = 0
            func check(_ records: CompletedRecords) {
                for record in records {
                    let id = Int(record.event.id)
                    #expect(events[id] == record.event && !seen[id])
                    seen[id] = true
                    if let last = lastOfCustomer[record.event.customer] { #expect(last < record.event.id) }
                    lastOfCustomer[record.event.customer] = record.event.id
                    #expect(record.event.time <= record.ingestTime && record.ingestTime <= record.processingStart
                            && record.processingStart <= record.processingEnd && record.processingEnd <= record.storeEnd)
                    #expect(record.partition == topology.partition(ofCustomer: record.event.customer))
                    #expect(record.worker == topology.workerOfPartition()[record.partition])
                    delivered += 1
                }
            }
            for event in events {
                simulation.offer(event)
                check(simulation.completed)
            }
            let result = simulation.finish()
            check(simulation.completed)
            #expect(delivered == events.count)
            #expect(result.accounting.events == events.count)
            #expect(result.accounting.earliestEventTime == events.first?.time)
            #expect(result.accounting.latestEventTime == events.last?.time)
            accountings.append(result.accounting)
            meanLatencies.append(result.endToEnd.tally.mean)
        }
        #expect(Set(accountings.map(\.checksum)).count == 1)
        #expect(Set(meanLatencies).count == topologies.count, "latencies \(meanLatencies)")
    }
}
