import Foundation
import Testing
import SegsimPipeline
import SegsimRandom

/// The scenario's `pipeline:` section: decoding, defaults, and errors that name the field.
@Suite struct PipelineConfigurationTests {
    struct Scenario: Decodable { var pipeline: PipelineTopology }

    static func decode(_ json: String) throws -> PipelineTopology {
        try JSONDecoder().decode(Scenario.self, from: Data(json.utf8)).pipeline
    }

    /// The error text of decoding `json`, or nil if it decodes.
    static func error(_ json: String) -> String? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return DistributionError(unwrapping: error)?.description ?? "\(error)"
        }
    }

    @Test func decodesTheFullSection() throws {
        let topology = try Self.decode("""
        { "pipeline": {
            "partitions": 12, "workers": 6, "assignment": "round_robin",
            "producer": { "batch_size": 100, "linger": "5ms", "network_delay": { "exponential": { "mean": 0.002 } },
                          "resend_probability": 0.01, "late": { "share": 0.01, "delay": { "exponential": { "mean": 60 } } } },
            "log": { "append": { "exponential": { "mean": 0.0002 } }, "replication_delay": { "constant": 0.001 } },
            "consumer": { "max_poll_records": 500, "poll_overhead": { "constant": 0.001 },
                          "processing": { "exponential": { "mean": 0.0005 } }, "scoring": { "constant": 0.0002 },
                          "commit_every": 1000, "commit_interval": "5s" },
            "store": { "write": { "lognormal": { "mean": 0.003, "sd": 0.002 } }, "concurrency": 8, "batch_size": 4, "linger": "2ms" },
            "idempotent": false, "timeline_window": "1h",
            "faults": [ { "worker_crash": { "worker": 2, "at": "1d", "restart_after": "30s" } },
                        { "rebalance": { "at": "2d", "pause": "10s" } },
                        { "store_slowdown": { "from": "3d", "to": "74h", "factor": 5 } },
                        { "producer_retry": { "at": "4d" } }, { "producer_retry": { "at": "5d", "partition": 3 } } ]
        } }
        """)
        let expected = PipelineTopology(
            partitions: 12, workers: 6, assignment: .roundRobin, append: .exponential(mean: 0.0002),
            processing: .exponential(mean: 0.0005), scoring: .constant(seconds: 0.0002),
            store: .lognormal(mean: 0.003, standardDeviation: 0.002),
            storeConcurrency: 8,
            producer: ProducerSettings(batchSize: 100, linger: 0.005, networkDelay: .exponential(mean: 0.002),
                                       resendProbability: 0.01, lateShare: 0.01, lateDelay: .exponential(mean: 60)),
            replicationDelay: .constant(seconds: 0.001),
            consumer: ConsumerSettings(maxPollRecords: 500, pollOverhead: .constant(seconds: 0.001), commitEvery: 1_000,
                                       commitInterval: 5),
            storeBatchSize: 4, storeLinger: 0.002, idempotent: false,
            faults: [.workerCrash(worker: 2, at: 86_400, restartAfter: 30), .rebalance(at: 172_800, pause: 10),
                     .storeSlowdown(from: 259_200, to: 266_400, factor: 5), .producerRetry(at: 345_600, partition: nil),
                     .producerRetry(at: 432_000, partition: 3)],
            timelineWindow: 3_600)
        #expect(topology == expected)
        // Encoding writes the same form back.
        let data = try JSONEncoder().encode(["pipeline": topology])
        #expect(try JSONDecoder().decode(Scenario.self, from: data).pipeline == expected)
    }

    @Test func missingKeysTakeTheDefaults() throws {
        let topology = try Self.decode(#"{ "pipeline": { "consumer": { "processing": { "exponential": { "mean": 1 } } } } }"#)
        #expect(topology == PipelineTopology(processing: .exponential(mean: 1)))
        #expect(topology.consumer.maxPollRecords == 500 && topology.producer.batchSize == 1 && topology.idempotent)
    }

    @Test func badSectionsNameTheField() {
        #expect(Self.error(#"{ "pipeline": { "consumer": { "comit_every": 10 } } }"#)
                == "pipeline.consumer: unknown key 'comit_every'; did you mean 'commit_every'? known keys: "
                + "max_poll_records, poll_overhead, processing, scoring, commit_every, commit_interval")
        #expect(Self.error(#"{ "pipeline": { "consumer": { "scoring": { "gamma": { "shape": 0, "scale": 1 } } } } }"#)
                == "pipeline.consumer.scoring: gamma shape must be > 0, got 0")
        #expect(Self.error(#"{ "pipeline": { "partitions": 0 } }"#) == "pipeline.partitions: must be ≥ 1, got 0")
        #expect(Self.error(#"{ "pipeline": { "workers": 3000000000 } }"#) == "pipeline.workers: must be ≤ 100000, got 3000000000")
        #expect(Self.error(#"{ "pipeline": { "workers": 8, "partitions": 8, "faults": [ { "rebalance": { "at": 1, "pause": 1 } }, { "worker_crash": { "worker": 9, "at": "1d", "restart_after": "30s" } } ] } }"#)
                == "pipeline.faults[1].worker_crash.worker: no worker 9 (workers are 0…7)")
        #expect(Self.error(#"{ "pipeline": { "producer": { "linger": -1 } } }"#)
                == "pipeline.producer.linger: duration must be ≥ 0, got -1")
        #expect(Self.error(#"{ "pipeline": { "consumer": { "commit_every": 0 } } }"#)
                == "pipeline.consumer.commit_every: must be ≥ 1, got 0")
        #expect(Self.error(#"{ "pipeline": { "consumer": { "commit_interval": 0 } } }"#)
                == "pipeline.consumer.commit_interval: must be > 0, got 0")
        #expect(Self.error(#"{ "pipeline": { "assignment": "sticky" } }"#)
                == "pipeline.assignment: expected one of range, round_robin; got 'sticky'")
        #expect(Self.error(#"{ "pipeline": { "faults": [ { "worker_crsh": { "worker": 0 } } ] } }"#)
                == "pipeline.faults[0]: unknown key 'worker_crsh'; did you mean 'worker_crash'? known keys: "
                + "worker_crash, rebalance, store_slowdown, producer_retry")
        #expect(Self.error(#"{ "pipeline": { "store": { "write": { "exponential": { "mean": -1 } } } } }"#)
                == "pipeline.store.write: exponential mean must be > 0, got -1")
    }

    @Test func badValuesBuiltInCodeNameTheFieldToo() {
        let processing = ServiceTimeDistribution.exponential(mean: 1)
        #expect(validationError(PipelineTopology(processing: processing, producer: ProducerSettings(linger: -0.005)))
                == "pipeline.producer.linger: must be a finite number ≥ 0, got -0.005")
        #expect(validationError(PipelineTopology(processing: processing, producer: ProducerSettings(batchSize: 0)))
                == "pipeline.producer.batch_size: must be ≥ 1, got 0")
        #expect(validationError(PipelineTopology(processing: processing, consumer: ConsumerSettings(maxPollRecords: 0)))
                == "pipeline.consumer.max_poll_records: must be ≥ 1, got 0")
        #expect(validationError(PipelineTopology(processing: processing, producer: ProducerSettings(resendProbability: 1.5)))
                == "pipeline.producer.resend_probability: must be in [0, 1], got 1.5")
        #expect(validationError(PipelineTopology(processing: processing, faults: [.storeSlowdown(from: 5, to: 3, factor: 2)]))
                == "pipeline.faults[0].store_slowdown.to: must be after from (5), got 3")
        #expect(validationError(PipelineTopology(partitions: 2, processing: processing, faults: [.producerRetry(at: 1, partition: 2)]))
                == "pipeline.faults[0].producer_retry.partition: no partition 2 (partitions are 0…1)")
        #expect(validationError(PipelineTopology(processing: processing, timelineWindow: 0)) == "pipeline.timeline_window: must be > 0, got 0")
        // A bad topology is an error from the simulation too, never a trap.
        #expect(throws: PipelineTopologyError.self) {
            _ = try PipelineSimulation(topology: PipelineTopology(processing: processing,
                                                                  consumer: ConsumerSettings(commitEvery: 0)), runSeed: 1)
        }
    }
}
