import ArgumentParser
import Foundation
import SegsimKernel
import SegsimQueueing

/// `segsim theory`: simulates textbook queues and prints simulated against analytic values.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Check the simulator against queueing theory (M/M/1, M/M/4, M/D/1, M/M/1/K, Jackson).",
        discussion: """
        Each line simulates one queue and shows the analytic value, the simulated mean, its 99% \
        batch-means confidence interval and whether the analytic value lies inside it. Results are \
        also written to <out>/theory.json, <out>/theory.csv and a chart, <out>/theory.svg.
        """
    )

    @Option(help: "Customers simulated per queue.")
    var customers = 10_000_000

    @Option(help: "Run seed; every random stream is derived from it.")
    var seed: UInt64 = 1

    @Option(help: "Directory for theory.json and theory.csv.")
    var out = "results/theory"

    func validate() throws {
        guard customers >= 100_000 else {
            throw ValidationError("--customers must be at least 100000 (20 batches of 5000), got \(customers)")
        }
    }

    func run() throws {
        let checks = TheoryCheck.all(customers: customers, seed: seed)
        print("segsim theory — \(customers) customers per queue, seed \(seed), 99% batch-means intervals")
        print(TheoryCheck.table(checks))
        try TheoryCheck.write(checks, to: out)
        print("wrote \(out)/theory.json, theory.csv and theory.svg")
        if checks.contains(where: { !$0.inside }) { throw ExitCode(1) }
    }
}
