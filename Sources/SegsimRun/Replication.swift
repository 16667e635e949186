import Foundation
import SegsimBehaviour
import SegsimKernel
import SegsimMetrics
import SegsimPipeline
import SegsimQueueing
import SegsimRandom
import SegsimScenario

/// One replication of a scenario, from the first generated event to the last lift horizon,
/// generic over its domain (``RetailDomain``, ``HealthcareDomain``) so that every per-event call
/// is statically dispatched.
///
/// **Phases.** *History* (event time < 0): customers' earlier events are applied straight to the
/// feature store, as a real deployment would backfill its profiles; the training features are
/// captured at −H and the labels are the domain's outcomes in (−H, 0]. *Fit* (time 0): the strategy is
/// fitted and every customer gets a segment. *Run* ([0, duration]): events go through the
/// simulated pipeline; completed records update features and (by cadence) segments, written to
/// the profile store at their segment time; stability and lift snapshots, cadence batches and
/// freshness scans happen on exact timers (the pipeline is advanced to each timer first).
/// *Truth* ((duration, last lift snapshot + H]): the generator runs on only to learn the outcomes.
/// Every generated event, in every phase, is also shown to the domain's truth side
/// (``ReplicationDomain/observe(_:model:)``), never the pipeline's view of it.
///
/// **Common random numbers.** Customers and their events come from the behaviour's streams only,
/// so strategies, cadences and capacities see identical customers and events.
struct Replication<Domain: ReplicationDomain> {
    let scenario: Scenario
    let replication: Int
    let topology: PipelineTopology
    let progressEvery: UInt64 = 1 << 18

    // MARK: - State of a running replication

    var stream: EventStream<Domain.Behaviour>
    var features: Domain.Store
    var domain: Domain
    var pipeline: PipelineSimulation
    var segmenter: SegmentationStrategy
    var book: SegmentBook
    var writes = SegmentWriteQueue()
    var row = [Double](repeating: 0, count: Domain.featureNames.count)
    var dirty: [UInt32] = []
    var isDirty: CustomerBits
    var windows: [WindowAccumulator] = []
    /// The window `windowIndex` found last (`windows` covers it).
    var recentWindow = WindowRange.empty
    var stability: StabilityTracker
    var openLift: [LiftSnapshot] = []
    var liftRows: [LiftRow] = []
    var lastFreshnessScan = 0.0
    var pipelineEvents = 0
    /// Wall-clock seconds of the run phase ([0, duration] through the pipeline), set by ``run(progress:)``.
    var runPhaseWallSeconds = 0.0
    /// The latest measured lift snapshot's time and outcomes, for `customers.csv`.
    var lastMeasuredOutcome: (time: Double, outcome: CustomerBits)?
    /// Replication 0's per-customer table when the scenario asks for `customers.csv`.
    var customerTable: CustomerTable?
    /// Replication 0's traced deliveries when the scenario asks for `trace.csv`.
    var trace: PipelineTrace

    let customers: Int
    /// Wall-clock start, taken before the population is drawn: the simulator's speed covers it all.
    let wallStart = DispatchTime.now().uptimeNanoseconds
    var evaluation: EvaluationConfiguration { scenario.evaluation }
    var duration: Double { scenario.duration.seconds }

    /// Draws the population, replays its history and fits the strategy.
    /// - Throws: ``RunError`` naming the field when the scenario cannot run (too little history
    ///   to train on, a strategy that cannot be fitted on this population).
    init(scenario: Scenario, replication: Int, topology: PipelineTopology,
         progress: (RunProgress) -> Void) throws(RunError) {
        self.scenario = scenario
        self.replication = replication
        self.topology = topology
        let evaluation = scenario.evaluation
        let strategy = scenario.strategy
        let cutoff = -evaluation.horizon
        let behaviour = try Domain.makeBehaviour(scenario: scenario, replication: replication)
        let n = behaviour.customerCount
        customers = n
        stream = EventStream(model: behaviour)
        features = Domain.makeStore(for: behaviour, idempotent: topology.idempotent)
        domain = Domain(model: behaviour, scenario: scenario)
        do {
            // The pipeline's timeline shares the run's windows, for timeseries.csv. The run reports
            // the pipeline's means and counts only (it measures end-to-end latency on the records,
            // per window), so the pipeline keeps no distributions and no station waits.
            var observed = topology
            observed.timelineWindow = evaluation.window
            pipeline = try PipelineSimulation(
                topology: observed, runSeed: scenario.seed, replication: replication, measurement: .means)
        } catch {
            throw RunError(path: error.path, message: error.message)
        }
        isDirty = CustomerBits(count: n)
        trace = PipelineTrace(customers: replication == 0 ? evaluation.traceCustomers : 0)

        // History: backfill features, capture the training rows at the cut-off, label (cut-off, 0].
        let sampleStep = max(1, n / strategy.trainingCustomers)
        let sample = Array(stride(from: 0, to: n, by: sampleStep))
        var trainingRows: [Double] = []
        var bought = CustomerBits(count: n)
        var captured = false
        var generated: UInt64 = 0
        func capture(_ store: Domain.Store, at time: Double) -> [Double] {
            var values: [Double] = []
            values.reserveCapacity(sample.count * Domain.featureNames.count)
            for c in sample { values += Domain.vector(Domain.features(store, customer: c, at: time)) }
            return values
        }
        while let event = stream.next(notAfter: -Double.ulpOfOne) {
            if !captured, event.time > cutoff {
                trainingRows = capture(features, at: cutoff)
                captured = true
            }
            _ = Domain.apply(event, to: &features)
            if domain.observe(event, model: stream.model).isOutcome, event.time > cutoff { bought.set(Int(event.customer)) }
            generated += 1
            if generated % progressEvery == 0 {
                progress(RunProgress(replication: replication, virtualTime: event.time, duration: scenario.duration.seconds,
                                     events: generated))
            }
        }
        if !captured { trainingRows = capture(features, at: cutoff) }

        // Fit at 0 and give everyone a segment.
        let columns = Domain.featureNames.count
        do {
            let training = try TrainingMatrix(flat: trainingRows, columns: columns)
            let current = try TrainingMatrix(flat: capture(features, at: 0), columns: columns)
            let model = stream.model
            let truth = domain
            segmenter = try Domain.fit(
                strategy, training: training, labels: sample.map { bought[$0] }, current: current,
                trueScores: { (0..<n).map { truth.trueScore(model, customer: $0, at: 0) } },
                seed: scenario.seed, replication: replication)
        } catch {
            throw RunError(path: "strategy.kind", message: "cannot fit '\(strategy.kind.rawValue)' on this population: \(error)")
        }
        book = SegmentBook(customers: n, top: 0)
        do {
            stability = try StabilityTracker(segmentCount: segmenter.segmentNames.count)
        } catch {
            throw RunError(path: "strategy", message: "\(error)")
        }
        assignEveryone(at: 0)
    }

    // MARK: - Run

    /// Runs the pipeline phase and the truth phase and measures everything.
    mutating func run(progress: (RunProgress) -> Void) -> ReplicationResult {
        let runStart = DispatchTime.now().uptimeNanoseconds
        var timers = Timers(evaluation: evaluation, cadence: scenario.strategy.cadence, duration: duration)
        if let (time, due) = timers.next(notAfter: 0) { fire(due, at: time) }
        // Streaming writes each event's segment when its store write lands, at a later event.
        let writesPerEvent = if case .streaming = scenario.strategy.cadence { true } else { false }
        while let event = stream.next(notAfter: duration) {
            while let (time, due) = timers.next(notAfter: event.time) {
                advancePipeline(to: time)
                fire(due, at: time)
            }
            let observation = domain.observe(event, model: stream.model)
            if observation.isOutcome { observeOutcome(event) }
            if let rise = observation.rise { book.registerRise(customer: Int(event.customer), at: rise) }
            closeLiftSnapshots(before: event.time)
            windows[windowIndex(event.time)].generated += 1
            pipelineEvents += 1
            Domain.prefetch(Int(event.customer), in: features)
            if writesPerEvent { book.prefetch(customer: Int(event.customer)) }
            pipeline.offer(event)
            handleCompleted()
            applyWrites(upTo: event.time)
            if UInt64(pipelineEvents) % progressEvery == 0 {
                progress(RunProgress(replication: replication, virtualTime: event.time, duration: duration,
                                     events: stream.delivered))
            }
        }
        while let (time, due) = timers.next(notAfter: duration) {
            advancePipeline(to: time)
            fire(due, at: time)
        }
        let pipelineResult = pipeline.finish()
        handleCompleted()
        applyWrites(upTo: .infinity)
        runPhaseWallSeconds = Double(DispatchTime.now().uptimeNanoseconds - runStart) / 1e9
        if replication == 0, evaluation.customersCSV { customerTable = makeCustomerTable(at: duration) }

        // Truth: run the generator on until every lift snapshot's horizon has passed.
        if let last = openLift.last {
            while let event = stream.next(notAfter: last.time + evaluation.horizon) {
                if domain.observe(event, model: stream.model).isOutcome { observeOutcome(event) }
                closeLiftSnapshots(before: event.time)
            }
        }
        closeLiftSnapshots(before: .infinity)
        if let last = lastMeasuredOutcome {
            let horizon = evaluation.horizon
            customerTable?.setOutcome(last.outcome, snapshotTime: last.time, horizon: horizon)
        }
        let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        return summarise(pipelineResult, delivery: pipeline.delivery, wallSeconds: wallSeconds)
    }

    /// Moves the pipeline's clock to `time` (no event offered), applying what completes.
    private mutating func advancePipeline(to time: Double) {
        pipeline.advance(to: time)
        handleCompleted()
        applyWrites(upTo: time)
    }

    /// Applies the features of every record that left the pipeline and schedules its segment write.
    private mutating func handleCompleted() {
        let cadence = scenario.strategy.cadence
        // By index: iterating the array itself would retain it around the loop, per event.
        for index in pipeline.completed.indices {
            let record = pipeline.completed[index]
            let c = Int(record.event.customer)
            let applied = Domain.apply(record.event, to: &features)
            pipeline.recordApplication(of: record, applied: applied)
            guard applied else {
                if trace.traces(c) { trace.append(record, applied: false, segment: nil, segmentTime: nil) }
                continue
            }
            let segmentTime: Double
            var segmentAssigned: Int?
            switch cadence {
            case .streaming:
                // Read in place: copying the model would retain each of its columns per event.
                let truth = segmenter.readsGroundTruth ? domain.trueScore(stream.model, customer: c, at: record.processingEnd) : 0
                let (segment, score) = Domain.assign(segmenter, store: features, customer: c, at: record.processingEnd,
                                                     row: &row, trueScore: truth)
                writes.insert(time: record.storeEnd, customer: record.event.customer, segment: segment, score: score)
                segmentTime = record.storeEnd
                segmentAssigned = Int(segment)
            case let .microBatch(every):
                if !isDirty[c] {
                    isDirty.set(c)
                    dirty.append(record.event.customer)
                }
                segmentTime = (record.processingEnd / every).rounded(.up) * every
            case let .nightly(at):
                let day = 86_400.0
                segmentTime = ((record.processingEnd - at) / day).rounded(.up) * day + at
            }
            windows[windowIndex(segmentTime)].record(latency: segmentTime - record.event.time, slo: evaluation.slo)
            if trace.traces(c) { trace.append(record, applied: true, segment: segmentAssigned, segmentTime: segmentTime) }
        }
    }

    /// Applies the profile-store writes whose segment time is at or before `time`.
    private mutating func applyWrites(upTo time: Double) {
        while let write = writes.removeDue(upTo: time) {
            book.write(customer: Int(write.customer), segment: write.segment, score: write.score, at: write.time)
        }
    }

    /// Re-segments every customer at `time` from their current features (start and nightly batch).
    private mutating func assignEveryone(at time: Double) {
        let model = stream.model
        let store = features
        let strategy = segmenter
        let truth = domain
        var row = row
        book.writeAll(at: time) { c in
            Domain.assign(strategy, store: store, customer: c, at: time, row: &row,
                          trueScore: strategy.readsGroundTruth ? truth.trueScore(model, customer: c, at: time) : 0)
        }
    }

    /// Re-segments the customers touched since the previous micro-batch.
    private mutating func assignDirty(at time: Double) {
        for customer in dirty {
            let c = Int(customer)
            let truth = segmenter.readsGroundTruth ? domain.trueScore(stream.model, customer: c, at: time) : 0
            let (segment, score) = Domain.assign(segmenter, store: features, customer: c, at: time, row: &row,
                                                 trueScore: truth)
            book.write(customer: c, segment: segment, score: score, at: time)
        }
        dirty.removeAll(keepingCapacity: true)
        isDirty = CustomerBits(count: customers)
    }

    // MARK: - Timers

    private mutating func fire(_ due: Timers.Due, at time: Double) {
        if due.contains(.batch) {
            switch scenario.strategy.cadence {
            case .streaming: break
            case .microBatch: assignDirty(at: time)
            case .nightly: assignEveryone(at: time)
            }
        }
        if due.contains(.stability) {
            stability.snapshot(book.segment, at: time)
            scanFreshness(at: time)
        }
        if due.contains(.lift) { openLiftSnapshot(at: time) }
    }

    /// Registers the latent rises since the previous scan that only a scan finds (ground truth)
    /// and expires the ones that went undetected for a whole horizon or fell back.
    private mutating func scanFreshness(at time: Double) {
        let model = stream.model
        let truth = domain
        truth.scanRises(model, after: lastFreshnessScan, through: time) { c, rise in book.registerRise(customer: c, at: rise) }
        book.expireRises(now: time, horizon: evaluation.horizon) { truth.isLatentHigh(model, customer: $0) }
        lastFreshnessScan = time
    }

    // MARK: - Lift

    private mutating func openLiftSnapshot(at time: Double) {
        let model = stream.model
        let truth = domain
        var latentHigh = CustomerBits(count: customers)
        var trueScores = [Float](repeating: 0, count: customers)
        for c in 0..<customers {
            if truth.isLatentHigh(model, customer: c) { latentHigh.set(c) }
            trueScores[c] = Float(truth.trueScore(model, customer: c, at: time))
        }
        openLift.append(LiftSnapshot(
            time: time, segments: book.segment, scores: segmenter.hasScore ? book.score : nil,
            trueScores: trueScores, latentHigh: latentHigh, outcome: CustomerBits(count: customers)))
    }

    private mutating func observeOutcome(_ event: CustomerEvent) {
        for i in openLift.indices where openLift[i].time < event.time && event.time <= openLift[i].time + evaluation.horizon {
            openLift[i].outcome.set(Int(event.customer))
        }
    }

    private mutating func closeLiftSnapshots(before time: Double) {
        while let first = openLift.first, first.time + evaluation.horizon < time {
            liftRows.append(first.measure(segmentCount: segmenter.segmentNames.count, configuration: scenario.strategy,
                                          oracleMatchesTopSegment: Domain.oracleMatchesTopSegment))
            lastMeasuredOutcome = (first.time, first.outcome)
            openLift.removeFirst()
        }
    }

    // MARK: - Windows

    /// The index of the window holding `time`, ⌊time / window⌋ (0 before time 0), growing the list
    /// as needed. A time in the latest window looked up needs no division (``WindowRange``).
    private mutating func windowIndex(_ time: Double) -> Int {
        if recentWindow.contains(time) { return recentWindow.index }
        let index = WindowRange.index(of: time, width: evaluation.window)
        while windows.count <= index { windows.append(WindowAccumulator()) }
        recentWindow = WindowRange(index: index, width: evaluation.window)
        return index
    }
}
