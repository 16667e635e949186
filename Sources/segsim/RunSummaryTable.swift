import SegsimMetrics
import SegsimRun

/// The terminal table `segsim run` prints: each metric with its interval and meaning.
enum RunSummaryTable {
    static func render(_ summary: RunSummary) -> String {
        var lines = ["\(summary.run.scenario): \(summary.run.strategy), \(summary.run.cadence); \(summary.run.pipeline)"]
        for descriptor in MetricCatalogue.descriptors(segments: summary.segments) {
            guard let metric = summary.metric(descriptor.name) else { continue }
            let value: String
            if let number = metric.mean.number {
                value = format(number) + (metric.halfWidth.number.map { " ± " + format($0) } ?? "")
            } else {
                value = "n/a (\(metric.mean.notApplicableReason ?? ""))"
            }
            lines.append("  " + descriptor.name.padding(toLength: 44, withPad: " ", startingAt: 0) + value
                + (descriptor.unit == "count" || value.hasPrefix("n/a") ? "" : " " + descriptor.unit))
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return String(format: abs(value) >= 1000 ? "%.1f" : "%.4g", value)
    }
}
