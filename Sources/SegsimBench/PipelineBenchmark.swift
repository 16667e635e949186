import Foundation
import SegsimBehaviour
import SegsimKernel
import SegsimPipeline

/// Speed and memory of the full retail pipeline as a run executes it: generator → pipeline
/// (producers, log, workers, profile store) → feature store → logistic scoring → tier → segment
/// and score written into per-customer columns at the store time.
///
/// The per-event work is that of a streaming logistic run (`Replication.run` and
/// `handleCompleted` in SegsimRun): the event's customer record and its segment and score are
/// prefetched as the event enters the pipeline, every completed record is applied to
/// ``RetailFeatureStore`` (deduplicated), reported to the pipeline's delivery ledger, its
/// features read at its processing end, scored
/// by a fitted ``LogisticRegression`` and cut by a ``TierMapping``; the write waits in a heap
/// until its store time and then updates the segment and score columns.
///
/// **Phases.** *Setup* draws the population; *history* streams the customers' events before
/// time 0 straight into the feature store (as a run backfills its profiles), capturing a sample
/// of customers' features at a cut-off and labelling purchases after it; the model is fitted on
/// that sample and every customer is assigned at time 0. *Whole loop* (timed) streams
/// [0, days] through everything, generator included. *Pipeline part* (timed) continues for
/// `bufferDays` in chunks: each chunk of events is generated into a reused buffer (timed as the
/// generator), then pushed through the pipeline (timed as the pipeline part), so the pipeline's
/// rate is measured without the generator.
public enum PipelineBenchmark {
    /// One measurement.
    public struct Result: Sendable, Codable {
        /// Customers simulated.
        public var customers: Int
        /// Days of history backfilled before time 0.
        public var historyDays: Double
        /// Days of the timed whole loop, and of the timed pipeline-part phase after it.
        public var days: Double, bufferDays: Double
        /// Events pushed through the whole loop, and through the pipeline-part phase.
        public var wholeLoopEvents: Int, bufferedEvents: Int
        /// Events per wall-clock second of the whole loop, generator included.
        public var wholeLoopEventsPerSecond: Double
        /// Events per wall-clock second of the pipeline part alone (pipeline, features, scoring,
        /// segment writes), measured on pre-generated chunks.
        public var pipelineEventsPerSecond: Double
        /// Events per wall-clock second of the generator alone, on the same chunks.
        public var generatorEventsPerSecond: Double
        /// The whole loop's and the pipeline part's rates over slices of ``PipelineBenchmark/chunk``
        /// events: median and best. On a shared machine a neighbour's burst slows some slices;
        /// the median ignores it and the best shows the rate of an undisturbed slice.
        public var wholeLoopSliceRates: SliceRates, pipelineSliceRates: SliceRates
        /// The same three rates per second of this thread's CPU time: on a shared machine the wall
        /// clock also counts time the thread waited for a core.
        public var wholeLoopEventsPerCPUSecond: Double, pipelineEventsPerCPUSecond: Double,
                   generatorEventsPerCPUSecond: Double
        /// Seconds spent drawing the population, backfilling history and fitting.
        public var setupSeconds: Double, historySeconds: Double, fitSeconds: Double
        /// Feature-store state per customer, excluding deduplication: declared layout and
        /// measured resident growth.
        public var featureBytesPerCustomer: Int, featureResidentBytesPerCustomer: Double
        /// The segment book (segment + score columns): declared layout and measured growth.
        public var bookBytesPerCustomer: Int, bookResidentBytesPerCustomer: Double
        /// Deduplication memory of the feature store per customer: layout and measured growth.
        public var dedupBytesPerCustomer: Int, dedupResidentBytesPerCustomer: Double
        /// The pipeline's delivery ledger at the end, per customer (an id window per customer when
        /// the topology can repeat deliveries; none for the default topology).
        public var ledgerBytesPerCustomer: Double
        /// Deterministic fingerprint of what the run computed (for before/after comparisons):
        /// delivery accounting, segment counts and a checksum of the stored scores.
        public var delivered: Int, applied: Int, appliedExactlyOnce: Bool
        public var segmentCounts: [Int]
        public var scoreChecksum: Double
        /// The fitted model's coefficients (original units) and its tier thresholds.
        public var coefficients: [Double], thresholds: [Double]
    }

    /// Median and best events per wall-clock second over the full slices of one timed phase.
    public struct SliceRates: Sendable, Codable {
        /// Full slices measured (0 when the phase was shorter than one; the rates are then 0).
        public var slices: Int
        /// The median and the best slice's events per wall-clock second.
        public var median: Double, best: Double

        init(_ rates: [Double]) {
            let sorted = rates.sorted()
            slices = sorted.count
            median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            best = sorted.last ?? 0
        }
    }

    /// The default pipeline of a scenario (`Scenario.defaultPipeline`): 12 partitions, 6
    /// workers, exponential 0.5 ms processing, a store of 8 writers with exponential 2 ms writes.
    public static func defaultTopology(timelineWindow: Double?) -> PipelineTopology {
        var topology = PipelineTopology(
            partitions: 12, workers: 6, processing: .exponential(mean: 0.0005), store: .exponential(mean: 0.002),
            storeConcurrency: 8)
        topology.timelineWindow = timelineWindow
        return topology
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - customers: the population (the target is 1,000,000).
    ///   - days: virtual days of the timed whole loop.
    ///   - bufferDays: virtual days of the timed pipeline-part phase.
    ///   - historyDays: acquisition window before time 0, backfilled into the features.
    ///   - timelineWindow: the pipeline timeline's window in seconds, as a run keeps it
    ///     (`evaluation.window`, 1 h by default); nil to keep none.
    public static func run(customers: Int, days: Double = 3, bufferDays: Double = 1, historyDays: Double = 14,
                           timelineWindow: Double? = 3_600, seed: UInt64 = 1) throws -> Result {
        let clock = ContinuousClock()
        let setupStart = clock.now
        var parameters = RetailParameters()
        parameters.customers = customers
        parameters.acquisitionStart = -historyDays * 86_400
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: seed))
        // As a run measures it: means and counts, no distributions (see `Replication`).
        var pipeline = try PipelineSimulation(
            topology: defaultTopology(timelineWindow: timelineWindow), runSeed: seed, measurement: .means)
        let setup = clock.now - setupStart

        // Memory, measured on probes before the real structures exist: each probe's resident
        // growth once every column has been written for every customer (columns created as copies
        // of one another share storage until written). The feature probe includes its own
        // deduplicator, which the dedup probe measures alone.
        let rss0 = GeneratorBenchmark.residentBytes()
        let dedupProbe = EventDeduplicator(customers: customers)
        let rss1 = GeneratorBenchmark.residentBytes()
        var featureProbe = RetailFeatureStore(customers: customers)
        for c in 0..<customers {
            let id = UInt64(4 * c), customer = UInt32(c)
            featureProbe.apply(CustomerEvent(id: id, time: 0, customer: customer, kind: .sessionStart))
            featureProbe.apply(CustomerEvent(id: id + 1, time: 1, customer: customer, kind: .addToCart, attribute: 1))
            featureProbe.apply(CustomerEvent(id: id + 2, time: 2, customer: customer, kind: .sessionEnd))
            featureProbe.apply(CustomerEvent(id: id + 3, time: 3, customer: customer, kind: .purchase, amount: 1))
        }
        let rss2 = GeneratorBenchmark.residentBytes()
        var bookProbe = Book(customers: customers)
        for c in 0..<customers { bookProbe.write(customer: c, segment: 0, score: 0) }
        let rss3 = GeneratorBenchmark.residentBytes()
        let perCustomer = { (bytes: Int) in Double(bytes) / Double(customers) }
        let dedupResident = perCustomer(rss1 - rss0)
        let featureResident = perCustomer(rss2 - rss1) - dedupResident
        let bookResident = perCustomer(rss3 - rss2)
        withExtendedLifetime((dedupProbe, featureProbe, bookProbe)) {}
        var features = RetailFeatureStore(customers: customers)
        var book = Book(customers: customers)

        // History: backfill, capture the training sample at the cut-off, label the purchases after it.
        let historyStart = clock.now
        let cutoff = -Swift.min(7 * 86_400, historyDays * 86_400 / 2)
        let sample = Array(stride(from: 0, to: customers, by: Swift.max(1, customers / 50_000)))
        var trainingRows: [Double] = []
        var bought = [Bool](repeating: false, count: customers)
        var captured = false
        func capture(_ store: RetailFeatureStore, at time: Double) -> [Double] {
            var values: [Double] = []
            values.reserveCapacity(sample.count * RetailFeatures.featureNames.count)
            for c in sample { values += store.features(of: c, at: time).vector }
            return values
        }
        while let event = stream.next(notAfter: -Double.ulpOfOne) {
            if !captured, event.time > cutoff {
                trainingRows = capture(features, at: cutoff)
                captured = true
            }
            features.apply(event)
            if event.kind == .purchase, event.time > cutoff { bought[Int(event.customer)] = true }
        }
        if !captured { trainingRows = capture(features, at: cutoff) }
        let history = clock.now - historyStart

        // Fit at 0 on the sample (ridge and tier fractions as a scenario's defaults) and assign everyone.
        let fitStart = clock.now
        let columns = RetailFeatures.featureNames.count
        let model = try LogisticRegression(
            fitting: try TrainingMatrix(flat: trainingRows, columns: columns), labels: sample.map { bought[$0] }, ridge: 1e-3)
        let mapping = try TierMapping(
            fittingScores: try model.scores(try TrainingMatrix(flat: capture(features, at: 0), columns: columns)),
            highFraction: 0.1, mediumFraction: 0.3)
        var loop = Loop(model: model, mapping: mapping)
        for c in 0..<customers {
            let (segment, score) = loop.assign(c, at: 0, in: features)
            book.write(customer: c, segment: segment, score: score)
        }
        let fit = clock.now - fitStart

        // Whole loop, generator included.
        var wholeEvents = 0
        var wholeSliceRates: [Double] = []
        let wholeCPUStart = threadCPUSeconds()
        let wholeStart = clock.now
        var sliceStart = wholeStart
        while let event = stream.next(notAfter: days * 86_400) {
            loop.offer(event, pipeline: &pipeline, features: &features, book: &book)
            wholeEvents += 1
            if wholeEvents & (Self.chunk - 1) == 0 {
                let now = clock.now
                wholeSliceRates.append(Double(Self.chunk) / GeneratorBenchmark.seconds(now - sliceStart))
                sliceStart = now
            }
        }
        let whole = clock.now - wholeStart
        let wholeCPU = threadCPUSeconds() - wholeCPUStart

        // Pipeline part alone: generate a chunk, then push it through.
        var buffer: [CustomerEvent] = []
        buffer.reserveCapacity(Self.chunk)
        var generating = Duration.zero, processing = Duration.zero
        var generatingCPU = 0.0, processingCPU = 0.0
        var bufferedEvents = 0
        var chunkRates: [Double] = []
        let end = (days + bufferDays) * 86_400
        var exhausted = false
        while !exhausted {
            buffer.removeAll(keepingCapacity: true)
            let generateCPUStart = threadCPUSeconds()
            let generateStart = clock.now
            while buffer.count < Self.chunk {
                guard let event = stream.next(notAfter: end) else {
                    exhausted = true
                    break
                }
                buffer.append(event)
            }
            let processStart = clock.now
            let processCPUStart = threadCPUSeconds()
            for event in buffer { loop.offer(event, pipeline: &pipeline, features: &features, book: &book) }
            let processEnd = clock.now
            let processCPUEnd = threadCPUSeconds()
            generatingCPU += processCPUStart - generateCPUStart
            processingCPU += processCPUEnd - processCPUStart
            generating += processStart - generateStart
            processing += processEnd - processStart
            bufferedEvents += buffer.count
            if buffer.count == Self.chunk {
                chunkRates.append(Double(Self.chunk) / GeneratorBenchmark.seconds(processEnd - processStart))
            }
        }

        _ = pipeline.finish()
        loop.handleCompleted(pipeline: &pipeline, features: &features)
        loop.applyWrites(upTo: .infinity, book: &book)
        let delivery = pipeline.delivery
        var counts = [0, 0, 0]
        var checksum = 0.0
        for c in 0..<customers {
            counts[Int(book.segment[c])] += 1
            checksum += Double(book.score[c])
        }
        return Result(
            customers: customers, historyDays: historyDays, days: days, bufferDays: bufferDays,
            wholeLoopEvents: wholeEvents, bufferedEvents: bufferedEvents,
            wholeLoopEventsPerSecond: Double(wholeEvents) / GeneratorBenchmark.seconds(whole),
            pipelineEventsPerSecond: Double(bufferedEvents) / GeneratorBenchmark.seconds(processing),
            generatorEventsPerSecond: Double(bufferedEvents) / GeneratorBenchmark.seconds(generating),
            wholeLoopSliceRates: SliceRates(wholeSliceRates), pipelineSliceRates: SliceRates(chunkRates),
            wholeLoopEventsPerCPUSecond: Double(wholeEvents) / wholeCPU,
            pipelineEventsPerCPUSecond: Double(bufferedEvents) / processingCPU,
            generatorEventsPerCPUSecond: Double(bufferedEvents) / generatingCPU,
            setupSeconds: GeneratorBenchmark.seconds(setup), historySeconds: GeneratorBenchmark.seconds(history),
            fitSeconds: GeneratorBenchmark.seconds(fit),
            featureBytesPerCustomer: RetailFeatureStore.stateBytesPerCustomer, featureResidentBytesPerCustomer: featureResident,
            bookBytesPerCustomer: Book.bytesPerCustomer, bookResidentBytesPerCustomer: bookResident,
            dedupBytesPerCustomer: EventDeduplicator.bytesPerCustomer, dedupResidentBytesPerCustomer: dedupResident,
            ledgerBytesPerCustomer: Double(pipeline.ledgerBytes) / Double(customers),
            delivered: delivery.delivered, applied: delivery.applied, appliedExactlyOnce: delivery.appliedExactlyOnce,
            segmentCounts: counts, scoreChecksum: checksum,
            coefficients: model.coefficients, thresholds: [mapping.highThreshold, mapping.mediumThreshold])
    }

    /// Events per generated chunk in the pipeline-part phase (2 MiB of events: cache-sized
    /// enough not to matter, large enough that the clock reads are negligible), and per timed
    /// slice of the whole loop. A power of two.
    public static let chunk = 1 << 16


    /// CPU time consumed by the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// The profile store's copy of each customer's segment and score (what a run's segment book
    /// keeps for the evaluation), struct-of-arrays.
    struct Book {
        static let bytesPerCustomer = MemoryLayout<UInt8>.size + MemoryLayout<Float>.size
        private(set) var segment: [UInt8]
        private(set) var score: [Float]

        init(customers: Int) {
            segment = Array(repeating: .max, count: customers)
            score = Array(repeating: .nan, count: customers)
        }

        /// Hints that `c`'s segment and score will be written soon (see `SegmentBook` in SegsimRun).
        @inline(__always)
        func prefetch(customer c: Int) {
            segment.prefetchElement(at: c)
            score.prefetchElement(at: c)
        }

        @inline(__always)
        mutating func write(customer c: Int, segment s: UInt8, score x: Float) {
            segment[c] = s
            score[c] = x
        }
    }

    /// The per-event work of a streaming logistic run.
    struct Loop {
        let model: LogisticRegression
        let mapping: TierMapping
        var writes = SegmentWriteQueue()

        init(model: LogisticRegression, mapping: TierMapping) {
            self.model = model
            self.mapping = mapping
        }

        /// The tier and score of a customer at `time` (the run's logistic `assign`).
        @inline(__always)
        func assign(_ customer: Int, at time: Double, in features: RetailFeatureStore) -> (UInt8, Float) {
            let score = features.score(of: customer, at: time, by: model) ?? 0
            return (UInt8(mapping.tier(for: score).rawValue), Float(score))
        }

        mutating func offer(_ event: CustomerEvent, pipeline: inout PipelineSimulation, features: inout RetailFeatureStore,
                            book: inout Book) {
            features.prefetch(customer: Int(event.customer))
            book.prefetch(customer: Int(event.customer))
            pipeline.offer(event)
            handleCompleted(pipeline: &pipeline, features: &features)
            applyWrites(upTo: event.time, book: &book)
        }

        mutating func handleCompleted(pipeline: inout PipelineSimulation, features: inout RetailFeatureStore) {
            // By index: iterating the array itself would retain it around the loop, per event.
            for index in pipeline.completed.indices {
                let record = pipeline.completed[index]
                let applied = features.apply(record.event)
                pipeline.recordApplication(of: record, applied: applied)
                guard applied else { continue }
                let (segment, score) = assign(Int(record.event.customer), at: record.processingEnd, in: features)
                writes.insert(time: record.storeEnd, customer: record.event.customer, segment: segment, score: score)
            }
        }

        mutating func applyWrites(upTo time: Double, book: inout Book) {
            while let write = writes.removeDue(upTo: time) {
                book.write(customer: Int(write.customer), segment: write.segment, score: write.score)
            }
        }
    }
}
