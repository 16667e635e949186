import ArgumentParser
import Foundation
import SegsimPipeline
import SegsimRun
import SegsimScenario

/// `segsim run`: one run of a scenario, with results and a report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: simulate the pipeline, measure latency, stability and lift, write results.",
        discussion: """
        Writes summary.json, timeseries.csv, pipeline.csv (consumer lag per partition and utilisation per \
        worker, per window), segments.csv, lift.csv, transitions.csv, details.json, \
        customers.csv (when evaluation.customers_csv is true), trace.csv (every delivery of customers \
        0..<n with its produced, appended, consumed, featurised, scored and written times, when \
        evaluation.trace_customers is n > 0) and report.html to <out>/<scenario>/<strategy>-seed<seed>/ \
        (or --dir). A run is a pure function of (scenario, seed, code): the same inputs give a \
        byte-identical `metrics` object in summary.json.
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(help: "Override the number of independent replications (run in parallel across cores).")
    var replications: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scenario value, e.g. --set pipeline.workers=16 --set 'strategy.cadence={ micro_batch: 5m }'.",
        valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Results root directory.")
    var out = "results"

    @Option(help: "Exact results directory (instead of <out>/<scenario>/<strategy>-seed<seed>).")
    var dir: String?

    @Option(help: ArgumentHelp(
        "Add replications until the 95% half-width of METRIC is at most SHARE of its mean, e.g. lift.top_segment=5%.",
        valueName: "metric=share"))
    var precision: String?

    @Option(help: "The cap on replications with --precision.")
    var maxReplications = 30

    @Flag(help: "No progress bar, even on a terminal.")
    var quiet = false

    func run() throws {
        var loaded = ScenarioInput.load(scenario, overrides: overrides)
        if let seed { loaded.seed = seed }
        if let replications {
            guard (1...1_000).contains(replications) else {
                ScenarioInput.fail("--replications: must be 1…1000, got \(replications)")
            }
            loaded.replications = replications
        }
        let topology = ScenarioInput.topology(loaded)
        ScenarioInput.warn(about: loaded, file: scenario)
        var target: PrecisionTarget?
        if let precision {
            do throws(RunError) {
                target = try PrecisionTarget(parsing: precision, maxReplications: maxReplications)
            } catch {
                ScenarioInput.fail("\(error)")
            }
        }
        let directory = dir ?? "\(out)/\(loaded.name)/\(loaded.strategy.kind.rawValue)-seed\(loaded.seed)"
        let bar = ProgressBar(enabled: !quiet, replications: loaded.replications)
        let outcome: RunOutcome
        do {
            outcome = try ScenarioRun.run(loaded, topology: topology, until: target, progress: bar.update)
        } catch {
            bar.clear()
            ScenarioInput.fail("\(scenario): \(error)")
        }
        bar.clear()
        let summary = try RunResultWriter.write(outcome, scenarioFile: scenario, to: directory)
        print(RunSummaryTable.render(summary))
        let extras = (loaded.evaluation.customersCSV ? ", customers.csv" : "")
            + (loaded.evaluation.traceCustomers > 0 ? ", trace.csv" : "")
        print("results → \(directory)/ (report.html, summary.json, timeseries.csv, segments.csv, lift.csv\(extras))")
    }
}
