import ArgumentParser

/// The `segsim` command-line tool.
@main
struct Segsim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segsim",
        abstract: "Discrete-event simulation and benchmarking harness for real-time customer segmentation.",
        discussion: """
        segsim simulates a segmentation pipeline in virtual time, so capacity, latency and segment \
        quality can be measured before anything reaches production.

        Exit codes: 0 success, 1 a check failed, 2 bad input.
        """,
        subcommands: [RunCommand.self, SweepCommand.self, MergeCommand.self, CompareCommand.self, CheckCommand.self, ValidateCommand.self, ReportCommand.self, GenerateCommand.self, TheoryCommand.self, BenchCommand.self]
    )
}
