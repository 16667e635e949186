import Foundation
import SegsimKernel
import SegsimQueueing

/// One simulated-versus-analytic comparison of `segsim theory`.
struct TheoryCheck: Codable {
    var queue: String
    var metric: String
    var analytic: Double
    var simulated: Double
    var lower: Double
    var upper: Double
    var inside: Bool

    init(_ queue: String, _ metric: String, analytic: Double, interval: ConfidenceInterval?) {
        self.queue = queue
        self.metric = metric
        self.analytic = analytic
        simulated = interval?.mean ?? .nan
        lower = interval?.lower ?? .nan
        upper = interval?.upper ?? .nan
        inside = interval?.contains(analytic) ?? false
    }

    static func all(customers: Int, seed: UInt64) -> [TheoryCheck] {
        let batch = customers / 20
        func run(_ rate: Double, _ stations: [StationSpecification]) -> QueueingRunResult {
            StationChain.poissonRun(arrivalRate: rate, stations: stations, customers: customers, runSeed: seed, batchSize: batch)
        }
        let mm1 = run(0.9, [.init(service: .exponential(mean: 1))])
        let mm4 = run(3.6, [.init(servers: 4, service: .exponential(mean: 1))])
        let md1 = run(0.9, [.init(service: .constant(seconds: 1))])
        let tandem = run(0.8, Array(repeating: .init(service: .exponential(mean: 1)), count: 3))
        var drops = Tally()
        for replication in 0..<20 {
            let result = StationChain.poissonRun(arrivalRate: 0.9, stations: [.init(capacity: 5, service: .exponential(mean: 1))],
                                                 customers: customers / 20, runSeed: seed, replication: replication)
            drops.add(result.stations[0].dropProbability)
        }
        return [
            TheoryCheck("M/M/1 λ=0.9 μ=1", "mean wait", analytic: QueueingTheory.mm1MeanWait(arrivalRate: 0.9, serviceRate: 1),
                        interval: mm1.stations[0].waitBatches.confidenceInterval(level: 0.99)),
            TheoryCheck("M/M/1 λ=0.9 μ=1", "mean sojourn", analytic: QueueingTheory.mm1MeanSojourn(arrivalRate: 0.9, serviceRate: 1),
                        interval: mm1.stations[0].sojournBatches.confidenceInterval(level: 0.99)),
            TheoryCheck("M/M/4 λ=3.6 μ=1", "mean wait (Erlang C)",
                        analytic: QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 3.6, serviceRate: 1),
                        interval: mm4.stations[0].waitBatches.confidenceInterval(level: 0.99)),
            TheoryCheck("M/D/1 λ=0.9 S=1", "mean wait (Pollaczek–Khinchine)",
                        analytic: QueueingTheory.mg1MeanWait(arrivalRate: 0.9, serviceMean: 1, serviceVariance: 0),
                        interval: md1.stations[0].waitBatches.confidenceInterval(level: 0.99)),
            TheoryCheck("3 × M/M/1 in series λ=0.8", "mean sojourn (Jackson)",
                        analytic: QueueingTheory.tandemMeanSojourn(arrivalRate: 0.8, stations: Array(repeating: (1, 1.0), count: 3)),
                        interval: tandem.endToEndBatches.confidenceInterval(level: 0.99)),
            TheoryCheck("M/M/1/5 λ=0.9 μ=1", "drop probability (20 replications)",
                        analytic: QueueingTheory.mm1kBlockingProbability(capacity: 5, arrivalRate: 0.9, serviceRate: 1),
                        interval: drops.confidenceInterval(level: 0.99)),
        ]
    }

    static func table(_ checks: [TheoryCheck]) -> String {
        var lines = [pad("queue", 28) + pad("metric", 36) + pad("analytic", 11) + pad("simulated", 11) + pad("99% interval", 24) + "inside"]
        for check in checks {
            let interval = String(format: "%.4f … %.4f", check.lower, check.upper)
            lines.append(pad(check.queue, 28) + pad(check.metric, 36) + pad(String(format: "%.4f", check.analytic), 11)
                + pad(String(format: "%.4f", check.simulated), 11) + pad(interval, 24) + (check.inside ? "yes" : "NO"))
        }
        return lines.joined(separator: "\n")
    }

    static func write(_ checks: [TheoryCheck], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(checks).write(to: URL(fileURLWithPath: directory + "/theory.json"))
        var csv = "queue,metric,analytic,simulated,lower,upper,inside\n"
        for c in checks {
            csv += "\"\(c.queue)\",\"\(c.metric)\",\(c.analytic),\(c.simulated),\(c.lower),\(c.upper),\(c.inside)\n"
        }
        try csv.write(toFile: directory + "/theory.csv", atomically: true, encoding: .utf8)
        try svg(checks).write(toFile: directory + "/theory.svg", atomically: true, encoding: .utf8)
    }

    /// A self-contained chart: per check, the 99% interval and the simulated mean relative to the
    /// analytic value (the vertical line at 1); an interval that misses the line is drawn in red.
    static func svg(_ checks: [TheoryCheck]) -> String {
        let width = 760.0, rowHeight = 34.0, left = 330.0, right = 40.0, top = 40.0
        let height = top + rowHeight * Double(checks.count) + 40
        let span = max(0.03, checks.map { max(abs($0.lower / $0.analytic - 1), abs($0.upper / $0.analytic - 1)) }.max() ?? 0) * 1.2
        func x(_ ratio: Double) -> Double { left + (ratio - 1 + span) / (2 * span) * (width - left - right) }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <text x="10" y="20" font-size="14" font-weight="bold">Simulated ÷ analytic, 99% confidence intervals</text>
        <line x1="\(x(1))" y1="\(top - 10)" x2="\(x(1))" y2="\(height - 30)" stroke="#444" stroke-dasharray="4 3"/>
        <text x="\(x(1) - 4)" y="\(height - 14)">1</text>
        <text x="\(x(1 - span) - 10)" y="\(height - 14)">\(String(format: "%.3f", 1 - span))</text>
        <text x="\(x(1 + span) - 20)" y="\(height - 14)">\(String(format: "%.3f", 1 + span))</text>

        """
        for (i, check) in checks.enumerated() {
            let y = top + rowHeight * Double(i) + rowHeight / 2
            let colour = check.inside ? "#2a7ab9" : "#c0392b"
            let label = "\(check.queue): \(check.metric)".replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            out += """
            <text x="10" y="\(y + 4)">\(label)</text>
            <line x1="\(x(check.lower / check.analytic))" y1="\(y)" x2="\(x(check.upper / check.analytic))" y2="\(y)" stroke="\(colour)" stroke-width="3"/>
            <circle cx="\(x(check.simulated / check.analytic))" cy="\(y)" r="4" fill="\(colour)"/>

            """
        }
        return out + "</svg>\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
