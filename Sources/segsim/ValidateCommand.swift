import ArgumentParser
import SegsimScenario

/// `segsim validate`: checks a scenario without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file without running it.",
        discussion: """
        Decodes the scenario (with its base file and --set overrides), checks every value, the \
        memory the population needs and the pipeline topology, and prints what would run. Exit \
        code 0 when it is valid, 2 with the file, line, field and problem when it is not.
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario value.", valueName: "key.path=value"))
    var overrides: [String] = []

    func run() throws {
        let loaded = ScenarioInput.load(scenario, overrides: overrides)
        let topology = ScenarioInput.topology(loaded)
        do {
            for warning in try topology.validate() { print("warning: \(warning)") }
        } catch {
            ScenarioInput.fail("\(scenario): \(error)")
        }
        let population = loaded.domain == .retail ? "\(loaded.retail.customers) customers" : "\(loaded.healthcare.patients) patients"
        print("\(scenario): valid — \(loaded.name), \(loaded.domain.rawValue), \(population), "
            + "\(loaded.duration.text), strategy \(loaded.strategy.kind.rawValue) (\(loaded.strategy.cadence.label)), "
            + "\(loaded.replications) replication\(loaded.replications == 1 ? "" : "s"), seed \(loaded.seed)")
    }
}
