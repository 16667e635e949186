import SegsimScenario

/// The run's timers: stability snapshots, lift snapshots and cadence batches, each on its own
/// period from time 0 up to the duration, fired in time order (several at one instant together).
struct Timers {
    /// Which timers are due at one instant.
    struct Due: OptionSet {
        let rawValue: UInt8
        static let batch = Due(rawValue: 1)
        static let stability = Due(rawValue: 2)
        static let lift = Due(rawValue: 4)
    }

    // Instants are index × period (plus an offset for batches), never accumulated sums, so
    // that a week of 1-hour snapshots lands exactly on the hour.
    private var stabilityIndex = 0.0
    private var liftIndex = 0.0
    private var batchIndex = 0.0
    private let snapshotEvery: Double
    private let liftEvery: Double
    private let batchEvery: Double
    private let batchOffset: Double
    private let duration: Double

    private var nextStability: Double { stabilityIndex * snapshotEvery }
    private var nextLift: Double { liftIndex * liftEvery }
    private var nextBatch: Double { batchEvery.isInfinite ? .infinity : batchOffset + batchIndex * batchEvery }

    init(evaluation: EvaluationConfiguration, cadence: StrategyConfiguration.Cadence, duration: Double) {
        snapshotEvery = evaluation.snapshotEvery
        liftEvery = evaluation.liftEvery
        self.duration = duration
        switch cadence {
        case .streaming:
            batchOffset = .infinity
            batchEvery = .infinity
        case let .microBatch(seconds):
            batchOffset = seconds
            batchEvery = seconds
        case let .nightly(at):
            batchOffset = at
            batchEvery = 86_400
        }
    }

    /// The earliest instant ≤ `limit` (and ≤ the duration) with timers due, and which; advances them.
    /// Lift snapshots stop before the duration (their outcomes need a horizon after them).
    mutating func next(notAfter limit: Double) -> (Double, Due)? {
        let liftCandidate = nextLift < duration ? nextLift : .infinity
        let time = min(nextStability, liftCandidate, nextBatch)
        guard time <= limit, time <= duration else { return nil }
        var due: Due = []
        if nextBatch == time {
            due.insert(.batch)
            batchIndex += 1
        }
        if nextStability == time {
            due.insert(.stability)
            stabilityIndex += 1
        }
        if liftCandidate == time {
            due.insert(.lift)
            liftIndex += 1
        }
        return (time, due)
    }
}
