import Foundation
import SegsimMetrics
import SegsimReport

/// Writes a comparison's files: `comparison.json`, `comparison.csv` (one row per metric and
/// strategy) and `report.html` (the side-by-side table, lift and gains charts).
public enum ComparisonReport {
    /// Writes the comparison into `directory` (which holds `runs/<strategy>/` already).
    public static func write(_ comparison: StrategyComparison, to directory: String) throws {
        try SweepFolder.write(comparison, to: directory + "/comparison.json")
        try Data(csv(comparison).utf8).write(to: URL(fileURLWithPath: directory + "/comparison.csv"), options: .atomic)
        try Data(html(comparison).utf8).write(to: URL(fileURLWithPath: directory + "/report.html"), options: .atomic)
    }

    /// A cell: the mean with its half-width when there is one.
    public static func cell(_ value: AggregateMetric, unit: String) -> String {
        RunReport.format(value.mean, unit: unit) + (value.halfWidth.number.map { " ± " + RunReport.format(.value($0), unit: unit) } ?? "")
    }

    /// A difference cell: `+0.12 ± 0.03 ✓` (significant and better), `✗` (significant and worse),
    /// `~` (not significant), empty for the reference.
    public static func differenceCell(_ difference: StrategyComparison.Difference?, unit: String) -> String {
        guard let difference, let mean = difference.mean.number else { return "" }
        let sign = mean > 0 ? "+" : ""
        let width = difference.halfWidth.number.map { " ± " + RunReport.format(.value($0), unit: unit) } ?? ""
        let mark = !difference.significant ? " ~" : difference.better == true ? " ✓" : difference.better == false ? " ✗" : " ≠"
        return sign + RunReport.format(.value(mean), unit: unit) + width + mark
    }

    static func csv(_ comparison: StrategyComparison) -> String {
        var out = "metric,strategy,mean,half_width_95,difference_from_\(comparison.strategies.first ?? "reference"),difference_half_width,significant\n"
        for row in comparison.rows {
            for (s, strategy) in comparison.strategies.enumerated() {
                let value = row.values[s], difference = row.differences[s]
                out += [row.metric, strategy, CSVTables.optional(value.mean.number), CSVTables.optional(value.halfWidth.number),
                        CSVTables.optional(difference?.mean.number), CSVTables.optional(difference?.halfWidth.number),
                        difference.map { String($0.significant) } ?? ""].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func html(_ comparison: StrategyComparison) -> String {
        var report = HTMLReport(
            title: "segsim compare: \(comparison.scenario)",
            subtitle: comparison.strategies.joined(separator: " vs "),
            metadata: [("seed", String(comparison.seed)), ("replications per strategy", String(comparison.replications)),
                       ("reference", comparison.strategies.first ?? "")])
        var table = HTMLReport.Section(heading: "Side by side")
        table.paragraph("Every strategy segments the same customers and events (common random numbers). Differences are "
            + "paired by replication against \(comparison.strategies.first ?? "the first strategy"): ✓ significantly better, "
            + "✗ significantly worse, ~ not significant at 95%" + (comparison.replications < 2
                ? ". One replication: no interval can be estimated, so nothing is marked significant — run with --replications 3 or more." : "."))
        var header = ["metric"] + comparison.strategies
        header += comparison.strategies.dropFirst().map { "\($0) − \(comparison.strategies[0])" }
        let rows = comparison.rows.map { row in
            [row.metric] + row.values.map { cell($0, unit: row.unit) }
                + row.differences.dropFirst().map { differenceCell($0, unit: row.unit) }
        }
        table.table(Table(header: header, rows: rows, numericColumns: Set(1..<header.count)))
        report.append(table)

        var charts = HTMLReport.Section(heading: "Lift and gains")
        let lift = comparison.rows.first { $0.metric == "lift.top_segment" }
        charts.chart(BarChart(title: "Top-segment lift", categories: comparison.strategies,
                              series: [.init(name: "lift", values: lift?.values.map(\.mean.number) ?? [])],
                              yLabel: "outcome rate ÷ overall rate", referenceLines: [ReferenceLine(value: 1, label: "no lift")]))
        let grid = GainsPoint.standardGrid.map { $0 * 100 }
        var series: [LineChart.Series] = zip(comparison.strategies, comparison.gains).filter { !$1.isEmpty }.map {
            .init(name: $0, x: grid, y: $1.map { $0 * 100 }, showsPoints: true)
        }
        if !comparison.oracleGains.isEmpty {
            series.append(.init(name: "ground truth (oracle ranking)", x: grid, y: comparison.oracleGains.map { $0 * 100 }))
        }
        charts.chart(LineChart(title: "Cumulative gains", xLabel: "customers targeted (%)", yLabel: "outcomes captured (%)",
                               series: series, diagonalLabel: "random targeting"))
        let flips = comparison.rows.first { $0.metric == "stability.flip_rate" }
        charts.chart(BarChart(title: "Flip rate between snapshots", categories: comparison.strategies,
                              series: [.init(name: "flip rate", values: flips?.values.map(\.mean.number) ?? [])], yLabel: "share"))
        report.append(charts)
        return report.render()
    }
}
