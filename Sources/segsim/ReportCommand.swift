import ArgumentParser
import SegsimRun

/// `segsim report`: rebuilds a results folder's HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html in a results folder from its details.json.",
        discussion: "Useful after upgrading segsim: the report is redrawn from the stored results, nothing is re-simulated."
    )

    @Argument(help: "A results folder written by `segsim run`.")
    var result: String

    func run() throws {
        do {
            try RunResultWriter.rebuildReport(in: result)
        } catch {
            ScenarioInput.fail("\(result): cannot rebuild the report (\(error.localizedDescription)); is it a folder written by `segsim run`?")
        }
        print("report → \(result)/report.html")
    }
}
