import ArgumentParser
import Foundation
import SegsimRun
import SegsimScenario

/// `segsim compare`: strategies side by side on identical customers and events.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare segmentation strategies on identical customers: lift, AUC, gains, stability, freshness, cost.",
        discussion: """
        Runs the scenario once per strategy with the same seed, so every strategy segments the same \
        customers and events (common random numbers), and prints a side-by-side table with 95% \
        intervals. The first strategy is the reference: each other strategy's difference from it is \
        paired by replication, and marked ✓ (significantly better), ✗ (significantly worse) or ~ (not \
        significant). Significance needs two or more replications (--replications 3 is a good start).

        The oracle reads the ground truth: it is the upper bound a strategy could reach, not a \
        strategy to deploy.

        Results go to <out>/<scenario>/compare-seed<seed>/ (or --dir): comparison.json, \
        comparison.csv, report.html and runs/<strategy>/ with each strategy's full results; \
        written to <dir>.partial and renamed when complete.

        Exit codes: 0 done, 2 bad input.
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("Strategies to compare, the first being the reference (retail: rfm, kmeans, logistic, oracle; healthcare: lace, logistic, kmeans, oracle).",
                               valueName: "list"))
    var strategies = "rfm,kmeans,logistic,oracle"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario value for every strategy.", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(help: "Replications per strategy (the scenario's by default); two or more give significance.")
    var replications: Int?

    @Option(help: "Results root directory.")
    var out = "results"

    @Option(help: "Exact results directory (instead of <out>/<scenario>/compare-seed<seed>).")
    var dir: String?

    @Flag(help: "Print only the table.")
    var quiet = false

    func run() throws {
        let names = strategies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard names.count >= 2 else { ScenarioInput.fail("--strategies: name at least two strategies, e.g. rfm,logistic") }
        guard Set(names).count == names.count else { ScenarioInput.fail("--strategies: a strategy is listed twice in '\(strategies)'") }
        if let replications, !(1...1_000).contains(replications) {
            ScenarioInput.fail("--replications: must be 1…1000, got \(replications)")
        }
        // Every strategy's scenario is loaded (and so validated) before anything runs.
        let scenarios = names.map { name in
            var scenario = ScenarioInput.load(self.scenario, overrides: overrides + ["strategy.kind=\(name)"])
            if let seed { scenario.seed = seed }
            if let replications { scenario.replications = replications }
            return scenario
        }
        let first = scenarios[0]
        let directory = dir ?? "\(out)/\(first.name)/compare-seed\(first.seed)"
        var runs: [(strategy: String, outcome: RunOutcome)] = []
        let partial = directory + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        for (name, scenario) in zip(names, scenarios) {
            if !quiet { print("running \(name) (\(scenario.replications) replication(s))…") }
            do {
                let outcome = try ScenarioRun.run(scenario, topology: scenario.pipeline)
                try RunResultWriter.write(outcome, scenarioFile: self.scenario, to: partial + "/runs/" + name)
                runs.append((name, outcome))
            } catch let error as RunError {
                try? FileManager.default.removeItem(atPath: partial)
                ScenarioInput.fail("\(self.scenario) with strategy \(name): \(error)")
            }
        }
        let comparison = StrategyComparison(runs)
        try ComparisonReport.write(comparison, to: partial)
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.moveItem(atPath: partial, toPath: directory)
        print(ComparisonTable.render(comparison))
        print("results → \(directory)/ (report.html, comparison.csv, comparison.json, runs/)")
    }
}

/// The comparison as an aligned text table.
enum ComparisonTable {
    static func render(_ comparison: StrategyComparison) -> String {
        let header = ["metric"] + comparison.strategies
        let rows = comparison.rows.map { row in
            [row.metric] + row.values.indices.map { s in
                ComparisonReport.cell(row.values[s], unit: row.unit)
                    + (row.differences[s].map { " (" + ComparisonReport.differenceCell($0, unit: row.unit).trimmingCharacters(in: .whitespaces) + ")" } ?? "")
            }
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        var lines = [line(header)] + rows.map(line)
        lines.append("differences from \(comparison.strategies[0]) in parentheses: ✓ significantly better, ✗ significantly worse, ~ not significant (95%, paired)"
            + (comparison.replications < 2 ? "; one replication cannot show significance: use --replications 3" : ""))
        return lines.joined(separator: "\n")
    }
}
