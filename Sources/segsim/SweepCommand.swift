import ArgumentParser
import Foundation
import SegsimRun
import SegsimScenario

/// `segsim sweep`: the cartesian sweep for capacity planning, with capacity, demand and a report.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep load and capacity: a table per point, each configuration's capacity and each load's demand.",
        discussion: """
        Runs the scenario at every combination of the --vary values (the last --vary varies fastest), \
        every point with the same seed, so all points simulate the same customers (common random \
        numbers) and differences come from the varied values only. Points run in parallel across cores.

        --vary KEY=VALUES takes any scenario path, like --set, with a list 2,4,8,16 or a range \
        start:end:step (inclusive): --vary load.multiplier=0.5:4:0.5 --vary pipeline.workers=2,4,8,16. \
        load.multiplier is the load axis: it multiplies every customer's event rates during the run. \
        The other axes form the resource configurations.

        --slo METRIC OP BOUND sets an objective every point is judged against, e.g. 'p99<=2s', \
        'lag-trend<=0' (the consumer lag does not grow significantly), 'dropped=0', 'utilisation<0.8', \
        'slo-compliance>=99%', or any summary metric by its full name.

        A configuration's capacity is the highest load at which it meets every objective (and every \
        lower load too); a load's demand is the first configuration, in the order the values are \
        listed, whose capacity covers it. --search finds each configuration's capacity by bisecting \
        the load axis instead of running the whole grid (it assumes more load never helps).

        Results go to <out>/<scenario>/sweep-seed<seed>-<plan hash>/ (or --dir): sweep.json (the plan), \
        points/<index>/ (point.json and the point's full run results), and once every point has run \
        sweep-summary.json, capacity.csv and report.html. Re-running the same sweep resumes: points \
        already finished are read, not run again.

        Cluster job arrays: run one point (--point I) or a shard (--shard K/N: points I with \
        I mod N = K − 1) per job, all into the same --dir, then `segsim merge DIR`.

        Exit codes: 0 done, 2 bad input.
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("A scenario path and its values: a,b,c or start:end:step. Repeat for a grid.",
                               valueName: "key.path=values"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("An objective every point must meet, e.g. 'p99<=2s', 'lag-trend<=0', 'dropped=0'.",
                               valueName: "objective"))
    var slo: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario value for every point.", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Flag(help: "Find each configuration's capacity by bisecting the load axis instead of running the whole grid.")
    var search = false

    @Option(help: "Run only this point (0-based index) and exit; combine with `segsim merge`.")
    var point: Int?

    @Option(help: ArgumentHelp("Run only shard K of N (1-based), e.g. 3/8; combine with `segsim merge`.", valueName: "K/N"))
    var shard: String?

    @Option(help: "Points run at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Results root directory.")
    var out = "results"

    @Option(help: "Exact sweep directory (instead of <out>/<scenario>/sweep-seed<seed>-<plan hash>).")
    var dir: String?

    @Flag(help: "Print no line per finished point.")
    var quiet = false

    func run() throws {
        let base = ScenarioInput.load(scenario, overrides: overrides)
        let plan: SweepPlan
        do throws(RunError) {
            plan = try SweepPlan(scenarioFile: scenario, scenarioName: base.name, seed: seed ?? base.seed, overrides: overrides,
                                 axes: vary.map(SweepAxis.init(parsing:)), objectives: slo.map(ServiceLevelObjective.init(parsing:)))
        } catch {
            ScenarioInput.fail("\(error)")
        }
        let selected = selectedPoints(plan)
        // Every point is validated before anything runs, so a bad value fails fast and writes nothing.
        for index in selected ?? Array(0..<plan.pointCount) {
            do throws(ScenarioError) {
                _ = try SweepRunner.scenario(of: plan, point: index)
            } catch {
                ScenarioInput.fail("point \(index) (\(plan.label(of: index))): \(error)")
            }
        }
        if let jobs, jobs < 1 { ScenarioInput.fail("--jobs: must be ≥ 1, got \(jobs)") }
        let directory = dir ?? "\(out)/\(plan.scenarioName)/sweep-seed\(plan.seed)-\(SweepConsole.hash(plan))"
        let mode: SweepRunner.Mode = search && selected == nil ? .capacitySearch : .points(selected ?? Array(0..<plan.pointCount))
        let console = SweepConsole(plan: plan, quiet: quiet, expected: search ? nil : (selected?.count ?? plan.pointCount))
        console.start(directory: directory, mode: mode)
        let points: [SweepPointResult]
        do {
            points = try SweepRunner.run(plan, mode: mode, directory: directory,
                                         concurrency: jobs ?? ProcessInfo.processInfo.activeProcessorCount, finished: console.finished)
        } catch {
            ScenarioInput.fail("\(error)")
        }
        guard selected == nil else {
            print("ran \(selected?.count ?? 0) point(s) into \(directory)/points/; when every point has run: segsim merge \(directory)")
            return
        }
        let summary = SweepResultWriter.summary(plan: plan, points: points, complete: !search)
        try SweepResultWriter.write(summary, to: directory)
        console.printSummary(summary)
        print("results → \(directory)/ (report.html, capacity.csv, sweep-summary.json, points/)")
    }

    /// The points `--point` or `--shard` select, or nil for the whole sweep.
    private func selectedPoints(_ plan: SweepPlan) -> [Int]? {
        if point != nil, shard != nil { ScenarioInput.fail("--point and --shard: give one or the other") }
        if search, point != nil || shard != nil {
            ScenarioInput.fail("--search bisects each configuration in turn: it cannot be split with --point or --shard")
        }
        if let point {
            guard (0..<plan.pointCount).contains(point) else {
                ScenarioInput.fail("--point: the sweep has points 0…\(plan.pointCount - 1), got \(point)")
            }
            return [point]
        }
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
            ScenarioInput.fail("--shard: expected K/N with 1 ≤ K ≤ N, e.g. 3/8, got '\(shard)'")
        }
        return plan.points(shard: parts[0], of: parts[1])
    }
}
