import SegsimMetrics

/// One service-level objective of a sweep, such as `p99<=2s`, `lag-trend<=0` or `dropped=0`: a
/// summary metric, a comparison and a bound. A sweep point meets its objectives when every one holds.
///
/// Short names stand for summary metrics: `p50` … `p999`, `max`, `mean` (end-to-end latency),
/// `lag-trend` (consumer-lag slope, records/s), `latency-trend` (slope of the per-window median
/// latency, s/s: catches a backlog anywhere, the profile store's too), `dropped`/`lost`, `applied-twice`, `utilisation`,
/// `slo-compliance`, `throughput` (segmented events/s); any metric of ``MetricCatalogue`` can be
/// named in full. Bounds take `us`, `ms`, `s`, `m`, `h`, `d` for time metrics and `%` for shares.
public struct ServiceLevelObjective: Sendable, Equatable, Codable, CustomStringConvertible {
    /// How the metric must compare with the bound.
    public enum Comparison: String, Sendable, Codable, CaseIterable {
        case atMost = "<=", below = "<", atLeast = ">=", above = ">", equal = "="

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .atMost: value <= bound
            case .below: value < bound
            case .atLeast: value >= bound
            case .above: value > bound
            case .equal: value == bound
            }
        }
    }

    /// The summary metric, e.g. `latency.p99`.
    public var metric: String
    /// The comparison.
    public var comparison: Comparison
    /// The bound, in the metric's unit (seconds, records/s, share…).
    public var bound: Double
    /// The objective as the user wrote it.
    public var text: String

    /// The objective as written.
    public var description: String { text }

    /// Short names and the metrics they stand for.
    public static let shortNames: [String: String] = [
        "p50": "latency.p50", "p90": "latency.p90", "p95": "latency.p95", "p99": "latency.p99",
        "p999": "latency.p999", "p99.9": "latency.p999", "max": "latency.max", "mean": "latency.mean",
        "lag-trend": TrendMetric.consumerLag.rawValue, "latency-trend": TrendMetric.latency.rawValue, "dropped": "accounting.lost", "lost": "accounting.lost",
        "applied-twice": "accounting.applied_twice", "utilisation": "pipeline.utilisation_max",
        "utilization": "pipeline.utilisation_max", "slo-compliance": "latency.slo_compliance",
        "throughput": "throughput.segmented_per_second",
    ]

    /// Parses `name OP bound`, e.g. `p99<=2s`.
    /// - Throws: ``RunError`` at `--slo` explaining the expected form, or the unknown metric.
    public init(parsing text: String) throws(RunError) {
        let trimmed = text.filter { !$0.isWhitespace }
        // Two-character operators first, so `<=` is not read as `<`.
        let operators = Comparison.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        guard let (comparison, range) = operators.lazy.compactMap({ op in trimmed.range(of: op.rawValue).map { (op, $0) } }).first
        else {
            throw RunError(path: "--slo", message: "expected METRIC OP BOUND such as 'p99<=2s', 'lag-trend<=0' or 'dropped=0', got '\(text)'")
        }
        let name = String(trimmed[..<range.lowerBound])
        let boundText = String(trimmed[range.upperBound...])
        guard let metric = Self.shortNames[name] ?? MetricCatalogue.descriptor(name)?.name else {
            let known = Self.shortNames.keys.sorted().joined(separator: ", ")
            throw RunError(path: "--slo", message: "'\(name)' in '\(text)' is not a metric: use \(known) or a summary metric's full name")
        }
        let unit = MetricCatalogue.descriptor(metric)?.unit ?? (metric == TrendMetric.latency.rawValue ? "s/s" : "")
        guard let bound = Self.bound(boundText, unit: unit) else {
            throw RunError(path: "--slo", message: "'\(boundText)' in '\(text)' is not a bound for \(metric) (unit \(unit)): "
                + (unit == "s" ? "write e.g. 2s, 250ms, 1.5m" : unit == "share" ? "write e.g. 0.99 or 99%" : "write a number"))
        }
        self.metric = metric
        self.comparison = comparison
        self.bound = bound
        self.text = trimmed
    }

    /// Whether the objective holds for `value`; `trend`, when given for a trend metric, lets
    /// `<=`/`<` objectives hold unless the slope is significantly above the bound (a stable queue's
    /// lag and latency wander, so a fitted slope is rarely exactly 0).
    public func holds(_ value: MetricValue, trend: LinearTrend? = nil) -> Bool {
        if let trend, comparison == .atMost || comparison == .below {
            return !trend.isSignificantlyAbove(bound)
        }
        guard let number = value.number else { return false }
        return comparison.holds(number, bound)
    }

    /// A bound in the metric's unit: durations for seconds, percentages for shares, else a number.
    static func bound(_ text: String, unit: String) -> Double? {
        if unit == "share", text.hasSuffix("%") { return Double(text.dropLast()).map { $0 / 100 } }
        if unit == "s" {
            let scales: [(String, Double)] = [("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
            for (suffix, scale) in scales where text.hasSuffix(suffix) {
                if let number = Double(text.dropLast(suffix.count)) { return number * scale }
            }
        }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
}
