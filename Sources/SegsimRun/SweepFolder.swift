import Foundation

/// The files of a sweep folder: `sweep.json` (the plan), `points/<index>/point.json` and
/// `points/<index>/run/` (each point's full results).
public enum SweepFolder {
    /// The folder of point `index`.
    public static func pointDirectory(_ index: Int, in directory: String) -> String {
        directory + "/points/" + String(format: "%04d", index)
    }

    /// Creates the folder with its plan, or checks that an existing one holds the same plan.
    /// - Throws: ``RunError`` when it holds another sweep or cannot be written.
    public static func prepare(_ directory: String, plan: SweepPlan) throws(RunError) {
        let path = directory + "/sweep.json"
        if FileManager.default.fileExists(atPath: path) {
            let existing = try readPlan(directory)
            guard existing == plan else {
                throw RunError(path: directory, message: "holds a different sweep (its sweep.json differs from this one); "
                    + "choose another --out, or delete the folder to start again")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory + "/points", withIntermediateDirectories: true)
            try write(plan, to: path)
        } catch {
            throw RunError(path: directory, message: "cannot write the sweep folder: \(error.localizedDescription)")
        }
    }

    /// The plan in `directory/sweep.json`.
    /// - Throws: ``RunError`` when it is missing or unreadable.
    public static func readPlan(_ directory: String) throws(RunError) -> SweepPlan {
        do {
            return try JSONDecoder().decode(SweepPlan.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/sweep.json")))
        } catch {
            throw RunError(path: directory, message: "is not a sweep folder (no readable sweep.json): \(error.localizedDescription)")
        }
    }

    /// Point `index`'s summary, or nil when the point has not finished.
    /// - Throws: ``RunError`` when its `point.json` exists but cannot be read.
    public static func readPoint(_ index: Int, in directory: String) throws(RunError) -> SweepPointResult? {
        let path = pointDirectory(index, in: directory) + "/point.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(SweepPointResult.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RunError(path: path, message: "cannot be read (\(error.localizedDescription)); delete the point's folder to run it again")
        }
    }

    /// Every finished point of the plan in `directory`, by index.
    public static func finishedPoints(in directory: String, plan: SweepPlan) throws(RunError) -> [SweepPointResult] {
        var results: [SweepPointResult] = []
        for index in 0..<plan.pointCount {
            if let point = try readPoint(index, in: directory) { results.append(point) }
        }
        return results
    }

    /// Writes a finished point: its full results, then `point.json` (atomically, last).
    static func writePoint(_ result: SweepPointResult, outcome: RunOutcome, scenarioFile: String,
                           in directory: String) throws(RunError) {
        let folder = pointDirectory(result.index, in: directory)
        do {
            try RunResultWriter.write(outcome, scenarioFile: scenarioFile, to: folder + "/run")
            try write(result, to: folder + "/point.json")
        } catch {
            throw RunError(path: folder, message: "cannot write the point's results: \(error.localizedDescription)")
        }
    }

    /// Writes `value` as sorted, pretty JSON, atomically.
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        try RunResultWriter.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
