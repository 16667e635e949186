import Foundation
import SegsimMetrics
import SegsimPipeline
import SegsimScenario

/// The version written into every result, so a baseline names the code that produced it.
public enum SegsimVersion {
    /// Semantic version of the segsim code.
    public static let string = "0.4.0"
}

/// Runs a scenario's replications (retail or healthcare), in parallel across cores, each with its
/// own random streams (replication r derives every stream from (seed, r, purpose)).
public enum ScenarioRun {
    /// Runs every replication of `scenario` and aggregates them.
    /// - Parameters:
    ///   - topology: the pipeline to simulate.
    ///   - progress: called from the replications' threads every few hundred thousand events.
    /// - Throws: ``RunError`` naming the field when the scenario cannot run.
    public static func run(_ scenario: Scenario, topology: PipelineTopology,
                           progress: @escaping @Sendable (RunProgress) -> Void = { _ in }) throws(RunError) -> RunOutcome {
        guard scenario.strategy.kind.domains.contains(scenario.domain) else {
            let fitting = StrategyConfiguration.Kind.allCases.filter { $0.domains.contains(scenario.domain) }.map(\.rawValue)
            throw RunError(path: "strategy.kind", message: "'\(scenario.strategy.kind.rawValue)' does not apply to the "
                + "\(scenario.domain.rawValue) domain; use one of \(fitting.joined(separator: ", "))")
        }
        let results: LockedResults
        switch scenario.domain {
        case .retail: results = runReplications(RetailDomain.self, scenario, topology: topology, progress: progress)
        case .healthcare: results = runReplications(HealthcareDomain.self, scenario, topology: topology, progress: progress)
        }
        var replications: [ReplicationResult] = []
        for result in results.values {
            switch result {
            case let .success(value): replications.append(value)
            case let .failure(error): throw error
            case nil: throw RunError(path: "", message: "a replication did not finish")
            }
        }
        return RunOutcome(scenario: scenario, topology: topology, replications: replications)
    }

    /// Runs every replication of `scenario` in `domain`, in parallel, each into its own slot.
    private static func runReplications<Domain: ReplicationDomain>(
        _ domain: Domain.Type, _ scenario: Scenario, topology: PipelineTopology,
        progress: @escaping @Sendable (RunProgress) -> Void
    ) -> LockedResults {
        let results = LockedResults(count: scenario.replications)
        DispatchQueue.concurrentPerform(iterations: scenario.replications) { replication in
            do throws(RunError) {
                var run = try Replication<Domain>(scenario: scenario, replication: replication, topology: topology,
                                                  progress: progress)
                results.set(replication, .success(run.run(progress: progress)))
            } catch {
                results.set(replication, .failure(error))
            }
        }
        return results
    }
}

/// Results written by concurrent replications, each into its own slot.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ReplicationResult, RunError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<ReplicationResult, RunError>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<ReplicationResult, RunError>?] { lock.withLock { slots } }
}

/// A finished run: the scenario, the pipeline and every replication, with the aggregate metrics.
public struct RunOutcome: Sendable {
    /// The scenario that ran.
    public var scenario: Scenario
    /// The pipeline that was simulated.
    public var topology: PipelineTopology
    /// Each replication's results, in replication order.
    public var replications: [ReplicationResult]

    /// Each metric over the replications: mean with a 95% Student-t interval (not applicable with
    /// one replication), or not applicable with the first replication's reason.
    public var aggregate: [String: AggregateMetric] {
        var result: [String: AggregateMetric] = [:]
        let names = Set(replications.flatMap(\.metrics.keys))
        for name in names {
            let values = replications.map { $0.metrics[name] ?? .notApplicable(reason: "not measured") }
            result[name] = AggregateMetric(values)
        }
        return result
    }
}

/// One metric over the replications.
public struct AggregateMetric: Sendable, Equatable, Codable {
    /// Mean over replications, or not applicable.
    public var mean: MetricValue
    /// Half-width of the 95% Student-t interval; not applicable with one replication.
    public var halfWidth: MetricValue
    /// Each replication's value.
    public var values: [MetricValue]

    /// Aggregates per-replication values.
    public init(_ values: [MetricValue]) {
        self.values = values
        let numbers = values.compactMap(\.number)
        if numbers.count == values.count, let interval = try? ReplicationInterval(numbers) {
            mean = interval.mean
            halfWidth = interval.halfWidth
        } else {
            let reason = values.compactMap(\.notApplicableReason).first ?? "not measured"
            mean = .notApplicable(reason: reason)
            halfWidth = .notApplicable(reason: reason)
        }
    }

    enum CodingKeys: String, CodingKey {
        case mean, halfWidth = "half_width_95", values = "replications"
    }
}
