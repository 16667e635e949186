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

    /// Prints each warning about `scenario`'s topology (idle workers) on standard error as
    /// `segsim: warning: file: message`: the run goes on, but the user should know.
    static func warn(about scenario: Scenario, file: String) {
        // The topology was validated when the scenario loaded, so only warnings come back here.
        for warning in (try? scenario.pipeline.validate()) ?? [] {
            FileHandle.standardError.write(Data("segsim: warning: \(file): \(warning)\n".utf8))
        }
    }

    /// Prints `segsim: message` on standard error and exits with code 2 (bad input).
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("segsim: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
