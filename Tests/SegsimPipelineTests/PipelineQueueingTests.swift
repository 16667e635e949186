import Testing
import SegsimBehaviour
import SegsimKernel
import SegsimPipeline
import SegsimQueueing
import SegsimRandom

/// The pipeline's queueing core against queueing theory, sized like `StationValidationTests`:
/// 2×10⁷ Poisson events in 20 batches of 10⁶, asserting that the analytic value lies inside the
/// 99% batch-means interval and that its half-width is at most 2% of the mean. Times are in units
/// of the mean processing time; seeds are fixed, so each check is deterministic.
@Suite struct PipelineQueueingTests {
    static let events = 20_000_000
    static let batch = 1_000_000

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

    @Test func oneWorkerIsMM1() throws {
        let topology = PipelineTopology(processing: .exponential(mean: 1))
        let result = try runPoisson(topology, rate: 0.9, events: Self.events, seed: 11, batchSize: Self.batch)
        Self.expectInside(result.endToEnd.batches?.confidenceInterval(level: 0.99), 10)
        Self.expectInside(result.processing.batches?.confidenceInterval(level: 0.99), 10)
        #expect(result.endToEnd.tally.count == Self.events && result.accounting.events == Self.events)
        #expect(abs((result.endToEnd.histogram?.mean ?? .nan) - result.endToEnd.tally.mean) < 0.01)
        // Utilisation ρ = 0.9; the lag (appended, not yet processed) is L = λW = 9 by Little.
        #expect(abs(result.workerUtilisation[0] - 0.9) < 0.009)
        #expect(abs(result.meanConsumerLag[0] - 9) < 0.2)
    }

    @Test func partitionPerWorkerSplitsIntoMM1s() throws {
        // customer mod 4 splits Poisson 3.6 into four Poisson 0.9 streams, one per worker.
        let topology = PipelineTopology(partitions: 4, workers: 4, processing: .exponential(mean: 1))
        let result = try runPoisson(topology, rate: 3.6, events: Self.events, seed: 12, batchSize: Self.batch)
        Self.expectInside(result.endToEnd.batches?.confidenceInterval(level: 0.99), 10)
        for worker in 0..<4 {
            #expect(abs(result.workerUtilisation[worker] - 0.9) < 0.01)
            #expect(abs(result.workers[worker].sojourn.mean - 10) < 0.5)
            #expect(abs(result.workerThroughput[worker] - 0.9) < 0.01)
        }
    }

    @Test func storeWithFourWritersIsErlangC() throws {
        // A free worker passes the Poisson stream on unchanged to an M/M/4 store.
        let topology = PipelineTopology(processing: .constant(seconds: 0), store: .exponential(mean: 1),
                                        storeConcurrency: 4)
        let result = try runPoisson(topology, rate: 3.6, events: Self.events, seed: 13, batchSize: Self.batch)
        let wait = QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 3.6, serviceRate: 1)
        Self.expectInside(result.profileStore.waitBatches.confidenceInterval(level: 0.99), wait)
        Self.expectInside(result.store.batches?.confidenceInterval(level: 0.99), wait + 1)
        #expect(abs(result.profileStore.delayProbability
                    - QueueingTheory.erlangC(servers: 4, arrivalRate: 3.6, serviceRate: 1)) < 0.01)
    }

    @Test func featuresThenScoringOnOneWorkerIsMG1() throws {
        // Features Exp(mean 0.5) then scoring Exp(mean 0.3) on one worker: a hypoexponential
        // service, E[S] = 0.8, Var[S] = 0.5² + 0.3², so Pollaczek–Khinchine gives the sojourn at λ = 1.
        // ρ = 0.8 needs far fewer events than the M/M/1 check at 0.9 for the same precision.
        let topology = PipelineTopology(processing: .exponential(mean: 0.5), scoring: .exponential(mean: 0.3))
        let result = try runPoisson(topology, rate: 1, events: 4_000_000, seed: 15, batchSize: 200_000)
        let wait = QueueingTheory.mg1MeanWait(arrivalRate: 1, serviceMean: 0.8, serviceVariance: 0.25 + 0.09)
        Self.expectInside(result.endToEnd.batches?.confidenceInterval(level: 0.99), wait + 0.8)
        // The scoring stage is the drawn scoring time alone: no queue between features and scoring.
        Self.expectInside(result.scoring.batches?.confidenceInterval(level: 0.99), 0.3)
        #expect(abs(result.workerUtilisation[0] - 0.8) < 0.008)
    }

    @Test func processingThenStoreIsJacksonSum() throws {
        // One worker (ρ = 0.8) then three store writers (ρ = 2/3): writers overtake, so the
        // store's departures need the hand-over heap.
        let topology = PipelineTopology(processing: .exponential(mean: 0.8), store: .exponential(mean: 2),
                                        storeConcurrency: 3)
        let result = try runPoisson(topology, rate: 1, events: Self.events, seed: 14, batchSize: Self.batch)
        let analytic = QueueingTheory.tandemMeanSojourn(arrivalRate: 1, stations: [(1, 1.25), (3, 0.5)])
        Self.expectInside(result.endToEnd.batches?.confidenceInterval(level: 0.99), analytic)
        Self.expectInside(result.processing.batches?.confidenceInterval(level: 0.99), 4)
    }
}
