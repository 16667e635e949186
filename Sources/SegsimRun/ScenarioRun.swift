import Foundation
import SegsimMetrics
import SegsimPipeline
import SegsimReport
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
    ///   - target: when given, replications are added in parallel batches (from
    ///     max(2, `scenario.replications`)) until the target's metric is precise enough or its cap is reached.
    ///   - progress: called from the replications' threads every few hundred thousand events.
    /// - Throws: ``RunError`` naming the field when the scenario cannot run.
    public static func run(_ scenario: Scenario, topology: PipelineTopology, until target: PrecisionTarget? = nil,
                           progress: @escaping @Sendable (RunProgress) -> Void = { _ in }) throws(RunError) -> RunOutcome {
        guard scenario.strategy.kind.domains.contains(scenario.domain) else {
            let fitting = StrategyConfiguration.Kind.allCases.filter { $0.domains.contains(scenario.domain) }.map(\.rawValue)
            throw RunError(path: "strategy.kind", message: "'\(scenario.strategy.kind.rawValue)' does not apply to the "
                + "\(scenario.domain.rawValue) domain; use one of \(fitting.joined(separator: ", "))")
        }
        guard let target else {
            let replications = try runReplications(scenario, 0..<scenario.replications, topology: topology, progress: progress)
            return RunOutcome(scenario: scenario, topology: topology, replications: replications)
        }
        var replications = try runReplications(scenario, 0..<min(target.maxReplications, max(2, scenario.replications)),
                                               topology: topology, progress: progress)
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount)
        func watched() -> AggregateMetric { AggregateMetric(replications.map { $0.metrics[target.metric] ?? .notApplicable(reason: "not measured") }) }
        while !target.isMet(by: watched()), replications.count < target.maxReplications {
            let next = replications.count..<min(target.maxReplications, replications.count + batch)
            replications += try runReplications(scenario, next, topology: topology, progress: progress)
        }
        var outcome = RunOutcome(scenario: scenario, topology: topology, replications: replications)
        let metric = watched()
        let share = metric.mean.number.flatMap { mean in metric.halfWidth.number.map { $0 / abs(mean) } }
        let achieved = share.map { NumberFormatting.percent($0, fractionDigits: 2) } ?? "no interval (\(metric.mean.notApplicableReason ?? "not applicable"))"
        let goal = NumberFormatting.percent(target.relativeHalfWidth, fractionDigits: 2)
        outcome.notes.append(target.isMet(by: metric)
            ? "Replicated until the 95% half-width of \(target.metric) was at most \(goal) of its mean: \(achieved) after \(replications.count) replications."
            : "The 95% half-width of \(target.metric) is \(achieved) of its mean after the cap of \(target.maxReplications) replications; the target \(goal) was NOT reached.")
        return outcome
    }

    /// Runs replications `indices` of `scenario`, in parallel, in index order.
    private static func runReplications(_ scenario: Scenario, _ indices: Range<Int>, topology: PipelineTopology,
                                        progress: @escaping @Sendable (RunProgress) -> Void) throws(RunError) -> [ReplicationResult] {
        let results = LockedResults(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: indices.count) { offset in
            let replication = indices.lowerBound + offset
            do throws(RunError) {
                switch scenario.domain {
                case .retail: results.set(offset, .success(try replicate(RetailDomain.self, scenario, replication, topology, progress)))
                case .healthcare: results.set(offset, .success(try replicate(HealthcareDomain.self, scenario, replication, topology, progress)))
                }
            } catch {
                results.set(offset, .failure(error))
            }
        }
        var replications: [ReplicationResult] = []
        for result in results.values {
            switch result {
            case let .success(value): replications.append(value)
            case let .failure(error): throw error
            case nil: throw RunError(path: "", message: "a replication did not finish")
            }
        }
        return replications
    }

    /// One replication in `domain` (generic, so the per-event code is specialised per domain).
    private static func replicate<Domain: ReplicationDomain>(
        _ domain: Domain.Type, _ scenario: Scenario, _ replication: Int, _ topology: PipelineTopology,
        _ progress: @escaping @Sendable (RunProgress) -> Void
    ) throws(RunError) -> ReplicationResult {
        var run = try Replication<Domain>(scenario: scenario, replication: replication, topology: topology, progress: progress)
        return run.run(progress: progress)
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
    /// Notes about the run as a whole (e.g. whether a precision target was met), for the summary.
    public var notes: [String] = []

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
