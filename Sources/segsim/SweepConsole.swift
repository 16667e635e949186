import Foundation
import SegsimRandom
import SegsimRun

/// The sweep's terminal output: a line per finished point (count, values, latency, verdict, ETA),
/// then the capacity and demand tables.
final class SweepConsole: @unchecked Sendable {
    private let plan: SweepPlan
    private let quiet: Bool
    private let expected: Int?
    private let lock = NSLock()
    private let start = Date()
    private var done = 0

    init(plan: SweepPlan, quiet: Bool, expected: Int?) {
        self.plan = plan
        self.quiet = quiet
        self.expected = expected
    }

    /// Announces the sweep.
    func start(directory: String, mode: SweepRunner.Mode) {
        guard !quiet else { return }
        let what: String
        switch mode {
        case let .points(points): what = "\(points.count) of \(plan.pointCount) points"
        case .capacitySearch: what = "a capacity search over \(plan.configurations.count) configuration(s)"
        }
        print("sweep \(plan.scenarioName) (seed \(plan.seed)): \(what) → \(directory)/")
    }

    /// Prints one finished point.
    func finished(_ point: SweepPointResult) {
        guard !quiet else { return }
        lock.withLock {
            done += 1
            let elapsed = Date().timeIntervalSince(start)
            let eta = expected.map { total in done < total ? String(format: "  ETA %.0fs", elapsed / Double(done) * Double(total - done)) : "" } ?? ""
            let cells = SweepText.cells(point)
            let count = expected.map { "\(done)/\($0)" } ?? "\(done)"
            print("[\(count)] #\(point.index) \(point.label)  offered \(cells[0])  p99 \(cells[2])  utilisation \(cells[3])  "
                + "lag trend \(cells[4])/s  \(SweepText.verdict(point))\(eta)")
            // A line per point as it happens, also when the output goes to a CI log or a file.
            fflush(nil)
        }
    }

    /// Prints capacity per configuration and demand per load.
    func printSummary(_ summary: SweepResultWriter.Summary) {
        print("\ncapacity (highest load meeting every objective\(plan.objectives.isEmpty ? "; no --slo given, so every point passes" : ""))")
        for capacity in summary.analysis.capacities {
            print("  \(capacity.configuration): \(SweepText.capacity(capacity))" + (capacity.nonMonotone ? "  (a higher load passed again: noisy)" : ""))
        }
        if plan.loadAxis != nil {
            print("demand (smallest configuration meeting every objective)")
            for demand in summary.analysis.demands {
                print("  load \(SweepText.number(demand.load)): \(demand.configuration ?? "none of the configurations")")
            }
        }
    }

    /// A short, stable hash of the plan (FNV-1a of its sorted JSON), so every shard names the same folder.
    static func hash(_ plan: SweepPlan) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(plan)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return String(StreamSeed.fnv1a(json) >> 32, radix: 16)
    }
}
