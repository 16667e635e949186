import ArgumentParser
import Foundation
import SegsimBehaviour
import SegsimScenario

/// `segsim generate`: exports a scenario's synthetic events and ground truth.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Export a scenario's synthetic event stream and per-customer ground truth.",
        discussion: """
        Writes events.ndjson and/or events.csv (one event per line, in time order) and truth.csv \
        (per customer: latent parameters and, for retail, the BTYD summary x, t_x, T in weeks) to \
        <out>/<scenario>/generate-seed<seed>/. Identical bytes for the same scenario and seed.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case ndjson, csv, both }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(help: "Event file format: ndjson, csv or both.")
    var format: Format = .both

    @Option(help: "Results root directory.")
    var out = "results"

    func run() throws {
        var loaded = ScenarioInput.load(scenario)
        if let seed { loaded.seed = seed }
        let directory = "\(out)/\(loaded.name)/generate-seed\(loaded.seed)"
        let summary = try EventExport.write(loaded, to: directory, ndjson: format != .csv, csv: format != .ndjson)
        print("\(summary.events) events of \(summary.customers) customers over \(loaded.duration.seconds / 86_400) days → \(directory)")
    }
}
