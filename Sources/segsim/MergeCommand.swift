import ArgumentParser
import Foundation
import SegsimRun

/// `segsim merge`: combines the points of a sweep run as separate jobs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine a sweep's points (run with --point or --shard) into its capacity table and report.",
        discussion: """
        Reads the sweep.json and points/ of each DIR. All must hold the same sweep; points found in \
        later folders are copied into the first (or --into). When every point is present it writes \
        sweep-summary.json, capacity.csv and report.html there and prints capacity and demand. A \
        missing point is an error (exit 2) that lists the points to run, unless --allow-missing.

        Exit codes: 0 merged, 2 bad input or missing points.
        """
    )

    @Argument(help: "Sweep folders written by `segsim sweep --point/--shard` (the same sweep).")
    var directories: [String]

    @Option(help: "The folder to merge into (default: the first DIR).")
    var into: String?

    @Flag(help: "Analyse the points present even if some are missing (the report lists them).")
    var allowMissing = false

    func run() throws {
        guard let first = directories.first else { ScenarioInput.fail("give at least one sweep folder") }
        let target = into ?? first
        let plan: SweepPlan
        var points: [SweepPointResult]
        do throws(RunError) {
            plan = try SweepFolder.readPlan(first)
            try SweepFolder.prepare(target, plan: plan)
            for directory in directories where directory != target {
                guard try SweepFolder.readPlan(directory) == plan else {
                    throw RunError(path: directory, message: "holds a different sweep from \(first)")
                }
                for point in try SweepFolder.finishedPoints(in: directory, plan: plan) {
                    try copyPoint(point.index, from: directory, to: target)
                }
            }
            points = try SweepFolder.finishedPoints(in: target, plan: plan)
        } catch {
            ScenarioInput.fail("\(error)")
        }
        let summary = SweepResultWriter.summary(plan: plan, points: points, complete: true)
        if !summary.missingPoints.isEmpty, !allowMissing {
            let list = summary.missingPoints.map(String.init).joined(separator: ", ")
            ScenarioInput.fail("\(summary.missingPoints.count) of \(plan.pointCount) points have not run: \(list); "
                + "run them with `segsim sweep … --dir \(target) --point I`, or merge with --allow-missing")
        }
        try SweepResultWriter.write(summary, to: target)
        SweepConsole(plan: plan, quiet: true, expected: nil).printSummary(summary)
        print("merged \(points.count) of \(plan.pointCount) points → \(target)/ (report.html, capacity.csv, sweep-summary.json)")
    }

    private func copyPoint(_ index: Int, from source: String, to target: String) throws(RunError) {
        let destination = SweepFolder.pointDirectory(index, in: target)
        guard !FileManager.default.fileExists(atPath: destination + "/point.json") else { return }
        do {
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: SweepFolder.pointDirectory(index, in: source), toPath: destination)
        } catch {
            throw RunError(path: destination, message: "cannot copy the point: \(error.localizedDescription)")
        }
    }
}
