import ArgumentParser
import Foundation
import SegsimBench
import SegsimKernel

/// `segsim bench`: performance figures of the simulator itself (release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the simulator's own speed.",
        subcommands: [KernelBench.self, GeneratorBench.self]
    )
}

/// `segsim bench kernel`: event-calendar hold cost and M/M/1 customers per second.
struct KernelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Event-calendar cost per hold and M/M/1 customers simulated per second.",
        discussion: """
        Build in release mode for meaningful figures: swift run -c release segsim bench kernel. \
        Targets on the reference 2-core machine: ≤ 40 ns per hold at 100,000 pending events, \
        ≤ 60 ns at 1,000,000, and ≥ 15 million M/M/1 customers per second.
        """
    )

    @Option(help: "Hold operations timed per calendar size.")
    var holds = 10_000_000

    @Option(help: "Customers per M/M/1 measurement.")
    var customers = 10_000_000

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    struct Report: Codable {
        var calendar: [CalendarBenchmark.HoldResult]
        var queueing: [QueueingBenchmark.Result]
    }

    func run() throws {
        let calendar = CalendarBenchmark.run(holds: holds)
        print("event calendar, hold model (pop min, push t + Exp(1)):")
        for r in calendar {
            print("  \(r.calendar.padding(toLength: 12, withPad: " ", startingAt: 0)) pending \(String(r.pending).padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", r.nanosecondsPerHold)) ns/hold")
        }
        let queueing = QueueingBenchmark.run(customers: customers)
        print("M/M/1 at ρ = 0.9, \(customers) customers:")
        for r in queueing {
            print("  \(r.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", r.customersPerSecond / 1e6)) M customers/s  (mean sojourn \(String(format: "%.3f", r.meanSojourn)))")
        }
        if let json { try writeJSON(Report(calendar: calendar, queueing: queueing), to: json) }
    }
}

/// `segsim bench generator`: behaviour-generator events per second and memory per customer.
struct GeneratorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generator",
        abstract: "Retail generator events per second (streamed) and resident bytes per customer.",
        discussion: """
        Build in release mode: swift run -c release segsim bench generator. Targets on the reference \
        machine: ≥ 10 million events per second on one core, ≤ 64 bytes of state per customer at \
        10 million customers.
        """
    )

    @Option(help: "Customers for the speed measurement.")
    var customers = 300_000

    @Option(help: "Simulated days for the speed measurement.")
    var days = 7.0

    @Option(help: "Customers for the memory measurement (0 skips it).")
    var memoryCustomers = 10_000_000

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    func run() throws {
        var results = [try GeneratorBenchmark.retail(customers: customers, days: days)]
        if memoryCustomers > 0 {
            results.append(try GeneratorBenchmark.retail(customers: memoryCustomers, days: 1))
        }
        for r in results {
            print("\(r.name): \(r.customers) customers, \(r.days) days, \(r.events) events, "
                + String(format: "%.2f M events/s (%.2f M per CPU second), setup %.1f s, %.0f resident bytes/customer (peak %.0f)",
                         r.eventsPerSecond / 1e6, r.eventsPerCPUSecond / 1e6, r.setupSeconds, r.residentBytesPerCustomer,
                         r.peakResidentBytesPerCustomer))
        }
        if let json { try writeJSON(results, to: json) }
    }
}

/// Writes benchmark figures as stable, readable JSON (sorted keys) for baselines and CI.
func writeJSON(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: URL(fileURLWithPath: path))
}
