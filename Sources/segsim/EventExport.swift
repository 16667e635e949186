import Foundation
import SegsimBehaviour
import SegsimScenario

/// Streams a scenario's events to NDJSON/CSV files and writes the truth table, through buffered
/// byte output (no per-event file write), into a temporary folder renamed when complete, so an
/// interrupted export never looks finished.
enum EventExport {
    struct Summary { var events: UInt64; var customers: Int }

    static func write(_ scenario: Scenario, to directory: String, ndjson: Bool, csv: Bool) throws -> Summary {
        let fileManager = FileManager.default
        let partial = directory + ".partial"
        try? fileManager.removeItem(atPath: partial)
        try fileManager.createDirectory(atPath: partial, withIntermediateDirectories: true)
        var ndjsonOut = ndjson ? try BufferedFile(path: partial + "/events.ndjson") : nil
        var csvOut = csv ? try BufferedFile(path: partial + "/events.csv") : nil
        csvOut?.write("id,time,customer,kind,amount,attribute\n")
        let end = scenario.duration.seconds
        let summary: Summary
        switch scenario.domain {
        case .retail:
            var stream = EventStream(model: try RetailBehaviour(parameters: scenario.retail, runSeed: scenario.seed))
            while let event = stream.next(notAfter: end) { emit(event, &ndjsonOut, &csvOut) }
            try writeRetailTruth(stream.model, at: end, to: partial + "/truth.csv")
            summary = Summary(events: stream.delivered, customers: stream.model.customerCount)
        case .healthcare:
            var stream = EventStream(model: try HealthcareBehaviour(parameters: scenario.healthcare, runSeed: scenario.seed))
            while let event = stream.next(notAfter: end) { emit(event, &ndjsonOut, &csvOut) }
            try writeHealthcareTruth(stream.model, to: partial + "/truth.csv")
            summary = Summary(events: stream.delivered, customers: stream.model.customerCount)
        }
        try ndjsonOut?.close()
        try csvOut?.close()
        try? fileManager.removeItem(atPath: directory)
        try fileManager.moveItem(atPath: partial, toPath: directory)
        return summary
    }

    private static func emit(_ e: CustomerEvent, _ ndjson: inout BufferedFile?, _ csv: inout BufferedFile?) {
        let kind = e.kind.exportName
        ndjson?.write("{\"id\":\(e.id),\"time\":\(e.time),\"customer\":\(e.customer),\"kind\":\"\(kind)\",\"amount\":\(e.amount),\"attribute\":\(e.attribute)}\n")
        csv?.write("\(e.id),\(e.time),\(e.customer),\(kind),\(e.amount),\(e.attribute)\n")
    }

    private static func writeRetailTruth(_ model: RetailBehaviour, at time: Double, to path: String) throws {
        var out = try BufferedFile(path: path)
        out.write("customer,joined,lambda_per_week,dropout_p,spend_rate_nu,sessions_per_week,alive,intent,x,t_x_weeks,T_weeks,monetary_mean\n")
        for c in 0..<model.customerCount {
            let t = model.truth(of: c, at: time)
            out.write("\(c),\(t.joined),\(t.purchaseRatePerWeek),\(t.dropoutProbability),\(t.spendRate),\(t.sessionsPerWeek),"
                + "\(t.alive),\(t.intent),\(t.frequency),\(t.recencyWeeks),\(t.ageWeeks),\(t.monetaryMean.map { "\($0)" } ?? "")\n")
        }
        try out.close()
    }

    private static func writeHealthcareTruth(_ model: HealthcareBehaviour, to path: String) throws {
        var out = try BufferedFile(path: path)
        // Columns are the truth record's own coding keys, so the table follows the record's definition.
        let encoder = JSONEncoder()
        var columns: [String] = []
        for c in 0..<model.customerCount {
            let record = try JSONSerialization.jsonObject(with: try encoder.encode(model.truth(of: c))) as? [String: Any] ?? [:]
            if columns.isEmpty {
                columns = Array(Set(record.keys).union(["last_discharge_lace"])).sorted()
                out.write(columns.joined(separator: ",") + "\n")
            }
            out.write(columns.map { key in record[key].map { "\($0)" } ?? "" }.joined(separator: ",") + "\n")
        }
        try out.close()
    }
}

/// Appends text to a file through a 1 MiB buffer.
struct BufferedFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        flush()
        try handle.close()
    }
}
