import ArgumentParser
import Foundation
import SegsimPipeline
import SegsimScenario

/// Loading scenarios for the commands, with the tool's error conventions: a message on standard
/// error naming the file, line, field and problem, and exit code 2 for bad input.
enum ScenarioInput {
    /// Loads and validates a scenario with its `--set` overrides, or exits 2 with the located error.
    static func load(_ path: String, overrides: [String] = []) -> Scenario {
        do {
            return try ScenarioLoader.load(path: path, overrides: overrides.map(ScenarioOverride.init(parsing:)))
        } catch {
            fail("\(error)")
        }
    }

    /// The pipeline to simulate for `scenario`.
    static func topology(_ scenario: Scenario) -> PipelineTopology {
        scenario.pipeline
    }

    /// Prints `segsim: message` on standard error and exits with code 2 (bad input).
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("segsim: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
