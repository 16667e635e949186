import Foundation
import SegsimScenario

/// Runs a sweep's points, in parallel across cores, each into `points/<index>/` of the sweep folder
/// (`run/` holds the point's full results, `point.json` its summary, written last so that a folder
/// without it is an unfinished point). A point whose `point.json` already exists is read, not run
/// again, so an interrupted sweep resumes where it stopped.
public enum SweepRunner {
    /// How points are chosen.
    public enum Mode: Sendable, Equatable {
        /// These points of the grid (all of them, a shard, or one).
        case points([Int])
        /// Per configuration, a binary search over the load axis for its capacity; assumes that a
        /// configuration failing at a load fails at every higher one.
        case capacitySearch
    }

    /// The scenario of point `index`: the plan's file with its overrides and the point's values.
    /// - Throws: ``ScenarioError`` naming the file (or `--set`/`--vary`), field and problem.
    public static func scenario(of plan: SweepPlan, point index: Int) throws(ScenarioError) -> Scenario {
        var settings: [ScenarioOverride] = []
        for text in plan.settings(of: index) { settings.append(try ScenarioOverride(parsing: text)) }
        var scenario = try ScenarioLoader.load(path: plan.scenarioFile, overrides: settings)
        scenario.seed = plan.seed
        return scenario
    }

    /// Runs the points `mode` selects and returns every finished point of the folder's plan.
    /// - Parameters:
    ///   - directory: the sweep folder; it must be new or hold the same plan.
    ///   - concurrency: points run at once (their replications run in parallel too).
    ///   - finished: called once per point as it finishes (or is found finished), from any thread.
    /// - Throws: ``RunError`` when the folder holds another sweep, a point cannot run, or a file
    ///   cannot be written.
    public static func run(_ plan: SweepPlan, mode: Mode, directory: String,
                           concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                           finished: @escaping @Sendable (SweepPointResult) -> Void = { _ in }) throws(RunError) -> [SweepPointResult] {
        try SweepFolder.prepare(directory, plan: plan)
        let runner = PointRunner(plan: plan, directory: directory, finished: finished)
        switch mode {
        case let .points(indices):
            let queue = WorkQueue(indices)
            DispatchQueue.concurrentPerform(iterations: max(1, min(concurrency, indices.count))) { _ in
                while let index = queue.next() { _ = runner.result(of: index) }
            }
        case .capacitySearch:
            guard plan.loadAxis != nil else {
                throw RunError(path: "--search", message: "a capacity search needs a load axis: --vary \(SweepPlan.loadKey)=start:end:step")
            }
            let queue = WorkQueue(Array(plan.configurations.indices))
            let configurations = plan.configurations
            DispatchQueue.concurrentPerform(iterations: max(1, min(concurrency, configurations.count))) { _ in
                while let c = queue.next() { search(configurations[c], runner: runner) }
            }
        }
        if let error = runner.firstError { throw error }
        return try SweepFolder.finishedPoints(in: directory, plan: plan)
    }

    /// Bisects a configuration's points (ordered by load) for the last one meeting the objectives.
    private static func search(_ points: [Int], runner: PointRunner) {
        var passing = -1, failing = points.count
        while failing - passing > 1 {
            let middle = (passing + failing) / 2
            guard let result = runner.result(of: points[middle]) else { return }
            if result.meetsObjectives { passing = middle } else { failing = middle }
        }
    }
}

/// Runs or reads single points, remembering the first error.
private final class PointRunner: @unchecked Sendable {
    let plan: SweepPlan
    let directory: String
    let finished: @Sendable (SweepPointResult) -> Void
    private let lock = NSLock()
    private var error: RunError?

    init(plan: SweepPlan, directory: String, finished: @escaping @Sendable (SweepPointResult) -> Void) {
        self.plan = plan
        self.directory = directory
        self.finished = finished
    }

    var firstError: RunError? { lock.withLock { error } }

    /// The point's result, run now unless it is already in the folder; nil after any error.
    func result(of index: Int) -> SweepPointResult? {
        guard firstError == nil else { return nil }
        do throws(RunError) {
            let result: SweepPointResult
            if let existing = try SweepFolder.readPoint(index, in: directory) {
                result = existing
            } else {
                let scenario: Scenario
                do {
                    scenario = try SweepRunner.scenario(of: plan, point: index)
                } catch {
                    throw RunError(path: "point \(index) (\(plan.label(of: index)))", message: "\(error)")
                }
                let outcome = try ScenarioRun.run(scenario, topology: scenario.pipeline)
                result = SweepPointResult(index: index, plan: plan, outcome: outcome)
                try SweepFolder.writePoint(result, outcome: outcome, scenarioFile: plan.scenarioFile, in: directory)
            }
            finished(result)
            return result
        } catch {
            lock.withLock { if self.error == nil { self.error = error } }
            return nil
        }
    }
}

/// Hands out items to concurrent workers.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var items: ArraySlice<Int>

    init(_ items: [Int]) { self.items = items[...] }

    func next() -> Int? { lock.withLock { items.popFirst() } }
}
