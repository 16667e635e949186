import Foundation

/// Writes a sweep's combined results next to its points: `sweep-summary.json` (plan, every point,
/// capacity and demand), `capacity.csv` (one row per point) and `report.html`.
public enum SweepResultWriter {
    /// The combined summary of a sweep.
    public struct Summary: Sendable, Equatable, Codable {
        /// The version of segsim that wrote it.
        public var segsimVersion = SegsimVersion.string
        /// The plan.
        public var plan: SweepPlan
        /// Every finished point, by index.
        public var points: [SweepPointResult]
        /// Grid points not (yet) run; empty for a complete grid.
        public var missingPoints: [Int]
        /// Capacity per configuration and demand per load.
        public var analysis: SweepAnalysis
    }

    /// The metrics of the capacity table, with their column names.
    static let tableMetrics: [(name: String, column: String)] = [
        ("throughput.generated_per_second", "offered_per_s"), ("throughput.segmented_per_second", "segmented_per_s"),
        ("latency.p50", "p50_s"), ("latency.p99", "p99_s"), ("latency.p999", "p999_s"),
        ("latency.slo_compliance", "slo_compliance"), ("pipeline.utilisation_max", "utilisation_max"),
        ("pipeline.consumer_lag_mean", "consumer_lag_mean"), (TrendMetric.consumerLag.rawValue, "lag_trend_per_s"),
        (TrendMetric.latency.rawValue, "latency_p50_trend"),
        ("accounting.lost", "lost"),
    ]

    /// Combines the points into a summary; `missing` lists grid points without a result.
    public static func summary(plan: SweepPlan, points: [SweepPointResult], complete: Bool) -> Summary {
        let have = Set(points.map(\.index))
        let missing = complete ? (0..<plan.pointCount).filter { !have.contains($0) } : []
        return Summary(plan: plan, points: points.sorted { $0.index < $1.index }, missingPoints: missing,
                       analysis: SweepAnalysis(plan: plan, points: points))
    }

    /// Writes the summary, the CSV table and the report into `directory`.
    public static func write(_ summary: Summary, to directory: String) throws {
        try SweepFolder.write(summary, to: directory + "/sweep-summary.json")
        try Data(csv(summary).utf8).write(to: URL(fileURLWithPath: directory + "/capacity.csv"), options: .atomic)
        try Data(SweepReport.html(summary).utf8).write(to: URL(fileURLWithPath: directory + "/report.html"), options: .atomic)
    }

    /// One row per point: index, axis values, the table metrics, lag-trend half-width and verdict.
    static func csv(_ summary: Summary) -> String {
        let plan = summary.plan
        var out = (["point"] + plan.axes.map(\.key) + tableMetrics.map(\.column)
            + ["lag_trend_half_width_per_s", "meets_objectives", "failed_objectives"]).map(CSVTables.quoted).joined(separator: ",") + "\n"
        for point in summary.points {
            let values = zip(plan.axes, plan.coordinates(of: point.index)).map { $0.values[$1] }
            let metrics = tableMetrics.map { CSVTables.optional(point.metrics[$0.name]?.mean.number) }
            out += ([String(point.index)] + values.map(CSVTables.quoted) + metrics
                + [CSVTables.optional(point.trends[TrendMetric.consumerLag.rawValue]?.halfWidth), String(point.meetsObjectives),
                   CSVTables.quoted(point.failures.joined(separator: "; "))]).joined(separator: ",") + "\n"
        }
        return out
    }
}
