import Foundation
import SegsimMetrics

/// Writes a run's results folder: `summary.json`, `timeseries.csv`, `pipeline.csv` (consumer lag
/// per partition and utilisation per worker, per window), `segments.csv`, `lift.csv`,
/// `transitions.csv`, `details.json` (everything the report is drawn from), `report.html`, and
/// `customers.csv` and `trace.csv` when the scenario asks for them (`evaluation.customers_csv: true`,
/// `evaluation.trace_customers: n`).
///
/// Everything is written into `<directory>.partial` first and renamed at the end, so an interrupted
/// or failed run never leaves a folder that looks complete.
public enum RunResultWriter {
    /// Writes the results of `outcome` to `directory` (replacing an earlier result there).
    /// - Returns: the summary written.
    @discardableResult
    public static func write(_ outcome: RunOutcome, scenarioFile: String, to directory: String) throws -> RunSummary {
        let summary = outcome.summary(file: scenarioFile)
        let details = RunDetails(summary: summary, replications: outcome.replications.map(ReplicationDetails.init))
        let partial = directory + ".partial"
        let files = FileManager.default
        try? files.removeItem(atPath: partial)
        try files.createDirectory(atPath: partial, withIntermediateDirectories: true)
        try encode(summary).write(to: URL(fileURLWithPath: partial + "/summary.json"))
        try encode(details).write(to: URL(fileURLWithPath: partial + "/details.json"))
        try CSVTables.timeseries(outcome.replications).write(toFile: partial + "/timeseries.csv", atomically: false, encoding: .utf8)
        try CSVTables.pipeline(outcome.replications).write(toFile: partial + "/pipeline.csv", atomically: false, encoding: .utf8)
        try CSVTables.segments(outcome.replications).write(toFile: partial + "/segments.csv", atomically: false, encoding: .utf8)
        try CSVTables.lift(outcome.replications).write(toFile: partial + "/lift.csv", atomically: false, encoding: .utf8)
        try CSVTables.transitions(outcome.replications).write(toFile: partial + "/transitions.csv", atomically: false, encoding: .utf8)
        try RunReport.html(details).write(toFile: partial + "/report.html", atomically: false, encoding: .utf8)
        if outcome.scenario.evaluation.customersCSV, let table = outcome.replications.first?.customers {
            try table.csv.write(toFile: partial + "/customers.csv", atomically: false, encoding: .utf8)
        }
        if let first = outcome.replications.first, let trace = first.trace {
            try trace.csv(segmentNames: first.segmentNames).write(toFile: partial + "/trace.csv", atomically: false, encoding: .utf8)
        }
        try? files.removeItem(atPath: directory)
        try files.moveItem(atPath: partial, toPath: directory)
        return summary
    }

    /// Rebuilds `report.html` in a results folder from its `details.json`.
    public static func rebuildReport(in directory: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/details.json"))
        let details = try JSONDecoder().decode(RunDetails.self, from: data)
        try RunReport.html(details).write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
    }

    /// Reads `summary.json` from a results folder or a summary file.
    public static func readSummary(at path: String) throws -> RunSummary {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path + "/summary.json" : path
        return try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Sorted, pretty-printed JSON: the same value always gives the same bytes.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

/// Everything the report draws: the summary and each replication's series.
struct RunDetails: Codable {
    var summary: RunSummary
    var replications: [ReplicationDetails]
}

/// One replication's series, as stored in `details.json`.
struct ReplicationDetails: Codable {
    var replication: Int
    var timeseries: [TimeseriesRow]
    var segments: [SegmentSnapshotRow]
    var lift: [LiftRow]
    var transitionShares: [[Double]]
    var warmupSeconds: Double

    init(_ result: ReplicationResult) {
        replication = result.replication
        timeseries = result.timeseries
        segments = result.segments
        lift = result.lift
        transitionShares = result.transitionShares
        warmupSeconds = result.warmupSeconds
    }
}

/// The CSV files: one header line, comma-separated, numbers in Swift's shortest round-trip form.
enum CSVTables {
    static func timeseries(_ replications: [ReplicationResult]) -> String {
        var out = "replication,window_start_s,generated,appended,processed,segmented,latency_p50_s,latency_p90_s,latency_p99_s,latency_max_s,slo_compliance,consumer_lag,utilisation\n"
        for r in replications {
            for w in r.timeseries {
                out += "\(r.replication),\(w.start),\(w.generated),\(w.appended),\(w.processed),\(w.segmented),"
                    + "\(optional(w.latencyP50)),\(optional(w.latencyP90)),\(optional(w.latencyP99)),\(optional(w.latencyMax)),"
                    + "\(optional(w.sloCompliance)),\(w.consumerLag),\(w.utilisation)\n"
            }
        }
        return out
    }

    /// Per window, each partition's mean consumer lag and each worker's busy share.
    static func pipeline(_ replications: [ReplicationResult]) -> String {
        let first = replications.first?.timeseries.first
        let partitions = first?.partitionLag?.count ?? 0, workers = first?.workerUtilisation?.count ?? 0
        var out = "replication,window_start_s" + (0..<partitions).map { ",lag:partition_\($0)" }.joined()
            + (0..<workers).map { ",utilisation:worker_\($0)" }.joined() + "\n"
        for r in replications {
            for w in r.timeseries {
                out += "\(r.replication),\(w.start)" + (w.partitionLag ?? []).map { ",\($0)" }.joined()
                    + (w.workerUtilisation ?? []).map { ",\($0)" }.joined() + "\n"
            }
        }
        return out
    }

    static func segments(_ replications: [ReplicationResult]) -> String {
        let names = replications.first?.segmentNames ?? []
        var out = "replication,time_s,flip_rate,adjusted_rand_index,psi," + names.map { "size:" + quoted($0) }.joined(separator: ",") + "\n"
        for r in replications {
            for s in r.segments {
                out += "\(r.replication),\(s.time),\(optional(s.flipRate)),\(optional(s.adjustedRandIndex)),\(optional(s.populationStabilityIndex)),"
                    + s.sizes.map(String.init).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func lift(_ replications: [ReplicationResult]) -> String {
        let names = replications.first?.segmentNames ?? []
        var out = "replication,time_s,outcome_rate,top_lift,oracle_top_lift,auc,oracle_auc,top_precision,top_recall,"
            + names.map { "lift:" + quoted($0) }.joined(separator: ",") + "\n"
        for r in replications {
            for l in r.lift {
                out += "\(r.replication),\(l.time),\(l.outcomeRate),\(optional(l.topLift)),\(optional(l.oracleTopLift)),"
                    + "\(optional(l.auc)),\(optional(l.oracleAUC)),\(optional(l.topPrecision)),\(optional(l.topRecall)),"
                    + l.segmentLift.map(optional).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func transitions(_ replications: [ReplicationResult]) -> String {
        let names = replications.first?.segmentNames ?? []
        var out = "replication,from,to,share\n"
        for r in replications {
            for (from, row) in r.transitionShares.enumerated() {
                for (to, share) in row.enumerated() {
                    out += "\(r.replication),\(quoted(names[from])),\(quoted(names[to])),\(share)\n"
                }
            }
        }
        return out
    }

    /// An empty field for a value that does not apply.
    static func optional(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    /// A field quoted when it holds a comma, a quote or a space.
    static func quoted(_ text: String) -> String {
        text.contains(where: { ",\" '".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
