import Foundation
import SegsimMetrics

/// The verdict on every metric of a baseline comparison, as `segsim check` prints it: one row
/// per metric (baseline, now, change, limit, verdict), failures last, and a one-line summary.
public struct VerdictTable: Sendable {
    /// What happened to one metric.
    public enum Verdict: String, Sendable, CaseIterable {
        /// Within its limit.
        case ok = "ok"
        /// Not applicable in both runs.
        case okNotApplicable = "ok (n/a)"
        /// Beyond its limit in the good direction: not a failure; record it with `--update`.
        case improved
        /// Beyond its limit in the bad direction.
        case regressed
        /// A neutral metric beyond its limit, or applicable in one run only.
        case changed
        /// In the baseline, not in the result.
        case missing
        /// In the result, not in the baseline: not a failure.
        case new

        /// Whether the check fails on this verdict.
        public var isFailure: Bool { self == .regressed || self == .changed || self == .missing }
    }

    /// One metric.
    public struct Row: Sendable, Equatable {
        /// The metric's name.
        public var metric: String
        /// Whether it is a wall-clock metric (else deterministic).
        public var isWallClock: Bool
        /// Which way is better.
        public var direction: MetricDescriptor.Direction
        /// The baseline mean; `nil` when the baseline lacks the metric.
        public var baseline: MetricValue?
        /// The baseline's 95% half-width, when it has one.
        public var baselineHalfWidth: Double?
        /// The result's mean; `nil` when the result lacks the metric.
        public var now: MetricValue?
        /// The result's 95% half-width, when it has one.
        public var nowHalfWidth: Double?
        /// (now − baseline) ÷ |baseline|, when both apply and the baseline is not 0.
        public var change: Double?
        /// The limit, as shown: `exact`, `CI ±0.012`, `±5%`, `≥ −50%`, `≤ +0.01`, `—`.
        public var limit: String
        /// The verdict.
        public var verdict: Verdict
    }

    /// Every metric, in catalogue order.
    public var rows: [Row]

    /// The rows whose verdict fails the check, in catalogue order.
    public var failures: [Row] { rows.filter(\.verdict.isFailure) }

    /// How many rows have `verdict`.
    public func count(_ verdict: Verdict) -> Int { rows.filter { $0.verdict == verdict }.count }

    /// The rows in display order: passing rows in catalogue order, then improvements and new
    /// metrics, then failures, so the eye lands on what matters.
    public var displayOrder: [Row] {
        func rank(_ verdict: Verdict) -> Int {
            switch verdict {
            case .ok, .okNotApplicable: 0
            case .improved, .new: 1
            case .regressed, .changed, .missing: 2
            }
        }
        return rows.enumerated().sorted { (rank($0.element.verdict), $0.offset) < (rank($1.element.verdict), $1.offset) }
            .map(\.element)
    }

    /// `2 regressions, 1 improvement, 31 unchanged`.
    public var summaryLine: String {
        let unchanged = count(.ok) + count(.okNotApplicable)
        let parts: [(Int, String, String)] = [
            (count(.regressed), "regression", "regressions"),
            (count(.changed), "changed", "changed"),
            (count(.missing), "missing", "missing"),
            (count(.improved), "improvement", "improvements"),
            (count(.new), "new", "new"),
        ]
        let listed = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
        return (listed + ["\(unchanged) unchanged"]).joined(separator: ", ")
    }

    /// The table in aligned columns, with a header, and the summary line after a blank line.
    public func rendered() -> String {
        let header = ["metric", "baseline", "now", "change", "limit", "verdict"]
        let cells = displayOrder.map { row in
            [row.metric, Self.cell(row.baseline, row.baselineHalfWidth), Self.cell(row.now, row.nowHalfWidth),
             Self.changeCell(row), row.limit, row.verdict.rawValue]
        }
        let all = [header] + cells
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let lines = all.map { line in
            line.enumerated().map { column, text in
                column == line.count - 1 ? text : text.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
        return (lines + ["", summaryLine]).joined(separator: "\n")
    }

    // MARK: - Cells

    /// A mean, with its half-width when it has one; `n/a`, or `—` when absent.
    static func cell(_ value: MetricValue?, _ halfWidth: Double?) -> String {
        guard let value else { return "—" }
        guard let number = value.number else { return "n/a" }
        return format(number) + (halfWidth.map { " ±" + formatWidth($0) } ?? "")
    }

    /// `+1.25%`, `0%`, or the absolute difference when the baseline is 0.
    static func changeCell(_ row: Row) -> String {
        guard let old = row.baseline?.number, let new = row.now?.number else { return "—" }
        guard let change = row.change else { return "Δ " + (new - old >= 0 ? "+" : "") + format(new - old) }
        if change == 0 { return "0%" }
        let percent = change * 100
        return abs(percent) < 0.005 ? String(format: "%+.1e%%", percent) : String(format: "%+.2f%%", percent)
    }

    /// A half-width or band: three significant digits are plenty.
    static func formatWidth(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.3g", value)
    }

    /// Integers as integers, large values to one decimal, others to six significant digits.
    static func format(_ value: Double) -> String {
        if !value.isFinite { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: abs(value) >= 10_000 ? "%.1f" : "%.6g", value)
    }
}
