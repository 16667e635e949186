import SegsimBehaviour
import SegsimPipeline
import SegsimRandom

/// Which behaviour model drives a scenario.
public enum Domain: String, Sendable, Codable, CaseIterable {
    /// E-commerce customers (``RetailBehaviour``).
    case retail
    /// Patients (``HealthcareBehaviour``).
    case healthcare
}

/// A scenario: what to simulate, for how long, from which seed. Decoded from YAML by
/// ``ScenarioLoader``; every key but `name` is optional and has a documented default.
///
/// ```yaml
/// name: retail            # names the results folder
/// seed: 42                # every random stream derives from it
/// domain: retail          # retail | healthcare
/// duration: 1w            # simulated time from the Monday 00:00 epoch
/// retail: { customers: 300000, ... }        # see RetailParameters
/// healthcare: { patients: 200000, ... }     # see HealthcareParameters
/// pipeline: { partitions: 12, workers: 6, ... }  # see PipelineTopology
/// strategy: { kind: logistic, cadence: streaming }   # see StrategyConfiguration
/// evaluation: { horizon: 7d, snapshot_every: 1h }    # see EvaluationConfiguration
/// load: { multiplier: 1 } # × every event rate during the run; see LoadConfiguration
/// replications: 1         # independent replications, each with its own streams
/// ```
public struct Scenario: Sendable, Equatable {
    /// The scenario's name: letters, digits, `-` and `_` (it names a folder).
    public var name: String
    /// The run seed.
    public var seed: UInt64 = 1
    /// The behaviour model.
    public var domain: Domain = .retail
    /// Simulated time from the epoch (seconds).
    public var duration = SimulatedDuration(seconds: 7 * 86_400)
    /// Retail parameters (used when `domain` is retail).
    public var retail = RetailParameters()
    /// Healthcare parameters (used when `domain` is healthcare).
    public var healthcare = HealthcareParameters()
    /// The simulated pipeline: log, consumer group, profile store, faults.
    public var pipeline = Scenario.defaultPipeline
    /// The segmentation strategy and its cadence.
    public var strategy = StrategyConfiguration()
    /// What is measured, and how often.
    public var evaluation = EvaluationConfiguration()
    /// The offered load during the run (already applied to the behaviour's rates when decoded).
    public var load = LoadConfiguration()
    /// Independent replications (each with its own random streams).
    public var replications = 1

    /// The pipeline a scenario without a `pipeline:` section simulates, and the defaults of the keys a
    /// `pipeline:` section leaves out: 12 partitions, 6 workers
    /// (exponential processing, mean 0.5 ms), a store with 8 writers (exponential, mean 2 ms).
    public static let defaultPipeline = PipelineTopology(
        partitions: 12, workers: 6, processing: .exponential(mean: 0.0005), store: .exponential(mean: 0.002),
        storeConcurrency: 8)

    /// A scenario with defaults.
    public init(name: String) {
        self.name = name
    }
}

extension Scenario: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, seed, domain, duration, retail, healthcare, pipeline, strategy, evaluation, load, replications
    }

    /// Decodes and validates, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        // `base: other.yaml` is resolved by ``ScenarioLoader`` before decoding.
        let known = CodingKeys.allCases.map(\.rawValue) + ["base"]
        if let unknown = container.allKeys.map(\.stringValue).filter({ !known.contains($0) }).sorted().first {
            throw DistributionError(path: "", .unknownKey(name: unknown, known: known))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw DistributionError(path: "name", .invalid(reason: "must be letters, digits, '-' or '_' (it names a folder), got '\(name)'"))
        }
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        domain = try c.decodeIfPresent(Domain.self, forKey: .domain) ?? .retail
        duration = try c.decodeIfPresent(SimulatedDuration.self, forKey: .duration) ?? duration
        guard duration.seconds > 0, duration.seconds.isFinite else {
            throw DistributionError(path: "", .notPositive(field: "duration", value: duration.seconds))
        }
        retail = try c.decodeIfPresent(RetailParameters.self, forKey: .retail) ?? RetailParameters()
        healthcare = try c.decodeIfPresent(HealthcareParameters.self, forKey: .healthcare) ?? HealthcareParameters()
        pipeline = try c.decodeIfPresent(PipelineTopology.self, forKey: .pipeline) ?? Self.defaultPipeline
        strategy = try c.decodeIfPresent(StrategyConfiguration.self, forKey: .strategy) ?? StrategyConfiguration()
        evaluation = try c.decodeIfPresent(EvaluationConfiguration.self, forKey: .evaluation) ?? EvaluationConfiguration()
        load = try c.decodeIfPresent(LoadConfiguration.self, forKey: .load) ?? LoadConfiguration()
        replications = try c.decodeIfPresent(Int.self, forKey: .replications) ?? 1
        try validateCombination()
        retail.timeProfile = try load.applied(to: retail.timeProfile, duration: duration.seconds)
    }

    /// Checks settings that are valid alone but contradict each other.
    func validateCombination() throws(DistributionError) {
        guard domain == .retail || load.multiplier == 1 else {
            throw DistributionError(path: "load", .invalid(reason:
                "multiplier scales retail event rates; a healthcare surge is a window of healthcare.emergency_rate_shape"))
        }
        guard (1...1_000).contains(replications) else {
            throw DistributionError(path: "", .outOfRange(field: "replications", value: Double(replications), range: 1...1_000))
        }
        guard strategy.kind.domains.contains(domain) else {
            let fitting = StrategyConfiguration.Kind.allCases.filter { $0.domains.contains(domain) }.map(\.rawValue)
            throw DistributionError(path: "strategy.kind", .invalid(reason:
                "'\(strategy.kind.rawValue)' does not apply to the \(domain.rawValue) domain; use one of \(fitting.joined(separator: ", "))"))
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
