import ArgumentParser
import Foundation
import SegsimBench
import SegsimKernel

/// `segsim bench`: performance figures of the simulator itself (release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the simulator's own speed.",
        subcommands: [KernelBench.self, GeneratorBench.self, PipelineBench.self]
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
                + String(format: "%.2f M events/s (%.2f M per CPU second), setup %.1f s, %.1f resident bytes/customer (peak %.1f)",
                         r.eventsPerSecond / 1e6, r.eventsPerCPUSecond / 1e6, r.setupSeconds, r.residentBytesPerCustomer,
                         r.peakResidentBytesPerCustomer))
        }
        if let json { try writeJSON(results, to: json) }
    }
}

/// `segsim bench pipeline`: the full retail pipeline (generator, log, workers, features, logistic
/// scoring, store) in events per second, and its state per customer.
struct PipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Full retail pipeline events per second (whole loop and pipeline part) and bytes per customer.",
        discussion: """
        Build in release mode: swift run -c release segsim bench pipeline. Streams the default retail \
        model through the default pipeline (12 partitions, 6 workers, store ×8), the retail feature \
        store and a fitted logistic regression, as a streaming logistic run does. Targets (issue #4) on \
        the reference machine: ≥ 3 million events per second of wall time for the whole loop on one \
        core with 1 million customers; ≤ 128 bytes of pipeline state per customer, deduplication \
        memory reported separately.
        """
    )

    @Option(help: "Customers.")
    var customers = 1_000_000

    @Option(help: "Simulated days of the timed whole loop (generator included).")
    var days = 3.0

    @Option(help: "Simulated days of the timed pipeline-part phase (events pre-generated in chunks).")
    var bufferDays = 1.0

    @Option(help: "Days of history backfilled into the features before time 0 (the model is fitted on it).")
    var historyDays = 14.0

    @Option(help: "Pipeline timeline window in seconds, as a run keeps it (0: none).")
    var timelineWindow = 3_600.0

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    func run() throws {
        let r = try PipelineBenchmark.run(customers: customers, days: days, bufferDays: bufferDays, historyDays: historyDays,
                                          timelineWindow: timelineWindow > 0 ? timelineWindow : nil)
        print("retail pipeline: \(r.customers) customers, history \(r.historyDays) d (setup \(String(format: "%.1f", r.setupSeconds)) s, "
            + "backfill \(String(format: "%.1f", r.historySeconds)) s, fit+assign \(String(format: "%.1f", r.fitSeconds)) s)")
        print(String(format: "  whole loop     %6.2f M events/s wall, %6.2f M/s CPU  (%d events, %.1f d, generator included)",
                     r.wholeLoopEventsPerSecond / 1e6, r.wholeLoopEventsPerCPUSecond / 1e6, r.wholeLoopEvents, r.days))
        print(String(format: "  pipeline part  %6.2f M events/s wall, %6.2f M/s CPU  (%d pre-generated events, %.1f d)",
                     r.pipelineEventsPerSecond / 1e6, r.pipelineEventsPerCPUSecond / 1e6, r.bufferedEvents, r.bufferDays))
        print(String(format: "  generator      %6.2f M events/s wall, %6.2f M/s CPU  (alone, on the same chunks)",
                     r.generatorEventsPerSecond / 1e6, r.generatorEventsPerCPUSecond / 1e6))
        for (name, rates) in [("whole loop", r.wholeLoopSliceRates), ("pipeline part", r.pipelineSliceRates)]
        where rates.slices > 0 {
            print("  \(name) over \(rates.slices) slices of \(PipelineBenchmark.chunk) events: "
                + String(format: "median %.2f, best %.2f M events/s wall", rates.median / 1e6, rates.best / 1e6))
        }
        print(String(format: "  state per customer: features %d B (resident %.1f B), book %d B (resident %.1f B); "
                     + "dedup %d B (resident %.1f B) + delivery ledger %.1f B",
                     r.featureBytesPerCustomer, r.featureResidentBytesPerCustomer, r.bookBytesPerCustomer,
                     r.bookResidentBytesPerCustomer, r.dedupBytesPerCustomer, r.dedupResidentBytesPerCustomer,
                     r.ledgerBytesPerCustomer))
        print("  fingerprint: delivered \(r.delivered), applied \(r.applied), exactly once \(r.appliedExactlyOnce), "
            + "segments \(r.segmentCounts), score sum \(r.scoreChecksum)")
        if let json { try writeJSON(r, to: json) }
    }
}

/// Writes benchmark figures as stable, readable JSON (sorted keys) for baselines and CI.
func writeJSON(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: URL(fileURLWithPath: path))
}
