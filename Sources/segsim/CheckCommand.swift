import ArgumentParser
import Foundation
import SegsimRun

/// `segsim check`: compares a run with a committed baseline and fails on a regression.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a run with a baseline summary; exit 1 on a regression.",
        discussion: """
        Compares every metric of RESULT with the same metric in the baseline and prints a table: \
        baseline, now, change, the limit applied and a verdict. Failures are listed last, followed \
        by a one-line summary.

        Both runs must be the same experiment: the same scenario name, seed, strategy, number of \
        replications and summary schema version. Otherwise the check refuses (exit 2) and names the \
        field that differs.

        Default limits. Deterministic metrics (latency, stability, lift, accounting) are a \
        pure function of scenario, seed and code, so they must be equal (to 1 part in 10^12). \
        With two or more replications on both sides, the new mean may instead lie within the \
        baseline mean ± (baseline half-width + new half-width) of the 95% intervals. Wall-clock \
        metrics (the simulator's own speed) may be up to 50% worse, since machines and CI \
        runners differ; any improvement passes.

        Verdicts: a move beyond the limit in a metric's bad direction is "regressed" (fails); in \
        its good direction "improved" (passes; record it with --update so later regressions are \
        measured from the new level). Metrics with no better direction (offered load, counts) are \
        "changed" (fails) when they move beyond the limit either way. A metric missing from the \
        result, or applicable on one side only, fails; a metric that is new in the result passes.

        --tolerance PATTERN=AMOUNT replaces the limit of the metrics PATTERN names — an exact \
        metric name or a glob with * and ? (quote it from the shell). An exact name wins over a \
        glob, and a longer glob over a shorter one. AMOUNT is:
          ±5%     5% of the baseline mean, either way (+-5% also works)
          5%      5% in the bad direction only; the good direction is unbounded
          ±0.01   0.01 in the metric's unit, either way
          0.01    0.01 in the bad direction only
        For example:
          segsim check RESULT --baseline FILE --tolerance 'latency.*=±5%' \\
              --tolerance simulator.events_per_wall_second=30%

        --update records RESULT as the new baseline: its summary.json is copied byte for byte \
        to the baseline path (creating folders), after printing the comparison with the old \
        baseline when there is one. It always exits 0 once written.

        Exit codes: 0 no failures, 1 at least one failure, 2 bad input (unreadable or \
        mismatched summaries, bad --tolerance).

        Typical CI use:
          segsim run scenarios/ci-smoke.yaml --dir /tmp/ci-smoke --quiet
          segsim check /tmp/ci-smoke --baseline baselines/ci-smoke.json
        """
    )

    @Argument(help: ArgumentHelp("The run to check: a results folder, or its summary.json.", valueName: "result"))
    var result: String

    @Option(help: ArgumentHelp("The baseline summary.json to compare with (or to write with --update).",
                               valueName: "file"))
    var baseline: String

    @Option(help: ArgumentHelp("A limit for the metrics PATTERN names: PATTERN=±x%, PATTERN=x%, PATTERN=±x "
                               + "or PATTERN=x (repeatable; see above).", valueName: "pattern=amount"))
    var tolerance: [String] = []

    @Flag(help: "Write RESULT's summary.json to the baseline path instead of failing on differences.")
    var update = false

    func run() throws {
        var overrides: [ToleranceOverride] = []
        for text in tolerance {
            do {
                overrides.append(try ToleranceOverride(parsing: text))
            } catch {
                ScenarioInput.fail("--tolerance: \(error)")
            }
        }
        let resultFile = Self.summaryFile(result)
        let (resultData, resultSummary) = Self.load(resultFile, role: "result")
        if update {
            try runUpdate(resultData: resultData, resultSummary: resultSummary, resultFile: resultFile, overrides: overrides)
            return
        }
        let (_, baselineSummary) = Self.load(Self.summaryFile(baseline), role: "baseline")
        let comparison: BaselineComparison
        do {
            comparison = try BaselineComparison(baseline: baselineSummary, result: resultSummary, overrides: overrides)
        } catch {
            ScenarioInput.fail("\(error)")
        }
        print(Self.report(comparison, resultFile: resultFile, baselineFile: baseline))
        if !comparison.passed {
            print("FAILED: \(comparison.table.failures.map(\.metric).joined(separator: ", ")). If the change is "
                + "intended, record it: segsim check \(result) --baseline \(baseline) --update")
            throw ExitCode(1)
        }
        if comparison.table.count(.improved) > 0 {
            print("passed with improvements; record them so later regressions are measured from the new level: "
                + "segsim check \(result) --baseline \(baseline) --update")
        } else {
            print("passed")
        }
    }

    /// `--update`: show what changes (when the old baseline is comparable), then write.
    private func runUpdate(resultData: Data, resultSummary: RunSummary, resultFile: String,
                           overrides: [ToleranceOverride]) throws {
        let target = Self.baselineTarget(baseline)
        if FileManager.default.fileExists(atPath: target),
           let old = try? RunResultWriter.readSummary(at: target),
           let comparison = try? BaselineComparison(baseline: old, result: resultSummary, overrides: overrides) {
            print(Self.report(comparison, resultFile: resultFile, baselineFile: target))
        }
        let folder = (target as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try resultData.write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            ScenarioInput.fail("--baseline: cannot write \(target): \(error.localizedDescription)")
        }
        let run = resultSummary.run
        print("baseline updated: \(target) ← \(resultFile) (\(run.scenario), \(run.strategy), seed \(run.seed), "
            + "\(run.replications) replication\(run.replications == 1 ? "" : "s"))")
    }

    /// The heading, notes and table.
    private static func report(_ comparison: BaselineComparison, resultFile: String, baselineFile: String) -> String {
        let run = comparison.result
        var lines = [
            "check \(resultFile) against \(baselineFile)",
            "\(run.scenario): \(run.strategy), seed \(run.seed), \(run.replications) replication"
                + (run.replications == 1 ? "" : "s"),
        ]
        lines += comparison.notes.map { "note: " + $0 }
        lines += ["", comparison.table.rendered()]
        return lines.joined(separator: "\n")
    }

    // MARK: - Files

    /// `path/summary.json` for a folder, `path` otherwise.
    private static func summaryFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? (path as NSString).appendingPathComponent("summary.json") : path
    }

    /// Where `--update` writes: the path, or `summary.json` inside it when it is an existing folder.
    private static func baselineTarget(_ path: String) -> String { summaryFile(path) }

    /// The bytes and decoded summary of `file`, or exit 2 saying what is wrong with it.
    private static func load(_ file: String, role: String) -> (Data, RunSummary) {
        guard FileManager.default.fileExists(atPath: file) else {
            ScenarioInput.fail("\(role) \(file): no such file (expected "
                + (role == "baseline" ? "a summary.json; create one with --update)" : "a results folder or a summary.json)"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            ScenarioInput.fail("\(role) \(file): cannot read the file")
        }
        do {
            return (data, try RunResultWriter.readSummary(at: file))
        } catch let error as DecodingError {
            ScenarioInput.fail("\(role) \(file): not a segsim summary.json: \(describe(error))")
        } catch {
            ScenarioInput.fail("\(role) \(file): cannot read: \(error.localizedDescription)")
        }
    }

    /// A decoding error in one line: where in the JSON, and what.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = path(context)
            return "missing field '\(key.stringValue)'" + (parent.isEmpty ? "" : " in '\(parent)'")
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let place = path(context)
            let underlying = context.underlyingError.map { " (\(($0 as NSError).localizedDescription))" } ?? ""
            return (place.isEmpty ? "" : "'\(place)': ") + context.debugDescription + underlying
        @unknown default:
            return "\(error)"
        }
    }
}
