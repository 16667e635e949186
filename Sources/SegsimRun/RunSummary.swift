import SegsimMetrics
import SegsimRandom
import SegsimScenario

/// The contents of `summary.json`: what ran, from which seeds and code, and every metric over the
/// replications. Deterministic metrics (virtual time, segments) sit in ``metrics``, which is
/// byte-identical for identical (scenario, seed, code); wall-clock figures sit apart in
/// ``wallClock``. Versioned by ``schemaVersion``.
public struct RunSummary: Codable, Sendable, Equatable {
    /// The facts that identify a run.
    public struct RunFacts: Codable, Sendable, Equatable {
        /// Scenario name.
        public var scenario: String
        /// The scenario file, as given.
        public var file: String
        /// Run seed.
        public var seed: UInt64
        /// `retail` or `healthcare`.
        public var domain: String
        /// Simulated duration, seconds.
        public var durationSeconds: Double
        /// Customers (or patients).
        public var customers: Int
        /// Strategy name.
        public var strategy: String
        /// Cadence label.
        public var cadence: String
        /// Pipeline shape, e.g. `12 partitions, 6 workers (range), store ×8`.
        public var pipeline: String
        /// Replications.
        public var replications: Int

        enum CodingKeys: String, CodingKey {
            case scenario, file, seed, domain, durationSeconds = "duration_seconds", customers, strategy, cadence
            case pipeline, replications
        }
    }

    /// The schema of this file; bumped on incompatible changes.
    public var schemaVersion = RunSummary.currentSchemaVersion
    /// The code that produced it.
    public var segsimVersion = SegsimVersion.string
    /// What ran.
    public var run: RunFacts
    /// The random streams of every replication: purpose and derived 64-bit seed.
    public var streams: [StreamSeed]
    /// Warm-up cut of each replication, seconds.
    public var warmupSeconds: [Double]
    /// Segment names in index order.
    public var segments: [String]
    /// Deterministic metrics by name (see ``MetricCatalogue``).
    public var metrics: [String: AggregateMetric]
    /// Wall-clock metrics by name: they vary between machines and runs.
    public var wallClock: [String: AggregateMetric]
    /// Notes for the reader.
    public var notes: [String]

    /// The schema version this code writes and reads.
    public static let currentSchemaVersion = 1

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", segsimVersion = "segsim_version", run, streams
        case warmupSeconds = "warmup_seconds", segments, metrics, wallClock = "wall_clock", notes
    }

    /// A metric by name from either group.
    public func metric(_ name: String) -> AggregateMetric? { metrics[name] ?? wallClock[name] }
}

extension RunOutcome {
    /// The random-stream purposes the run's domain draws from.
    var streamPurposes: [String] {
        switch scenario.domain {
        case .retail: RetailDomain.streamPurposes
        case .healthcare: HealthcareDomain.streamPurposes
        }
    }

    /// Customers (retail) or patients (healthcare).
    var population: Int {
        switch scenario.domain {
        case .retail: scenario.retail.customers
        case .healthcare: scenario.healthcare.patients
        }
    }

    /// The summary of this run, for `summary.json`.
    public func summary(file: String) -> RunSummary {
        var deterministic: [String: AggregateMetric] = [:]
        var wall: [String: AggregateMetric] = [:]
        for (name, metric) in aggregate {
            if MetricCatalogue.descriptor(name)?.kind == .wallClock { wall[name] = metric } else { deterministic[name] = metric }
        }
        let first = replications.first
        return RunSummary(
            run: .init(scenario: scenario.name, file: file, seed: scenario.seed, domain: scenario.domain.rawValue,
                       durationSeconds: scenario.duration.seconds, customers: population,
                       strategy: scenario.strategy.kind.rawValue, cadence: scenario.strategy.cadence.label,
                       pipeline: topology.shortDescription, replications: replications.count),
            streams: (0..<replications.count).flatMap { r in
                streamPurposes.map { StreamSeed(runSeed: scenario.seed, replication: r, purpose: $0) }
            },
            warmupSeconds: replications.map(\.warmupSeconds),
            segments: first?.segmentNames ?? [],
            metrics: deterministic, wallClock: wall,
            notes: Array(Set(replications.flatMap(\.notes))).sorted() + notes)
    }
}
