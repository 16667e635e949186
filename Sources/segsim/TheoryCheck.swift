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
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
