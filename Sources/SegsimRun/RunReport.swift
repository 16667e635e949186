import Foundation
import SegsimMetrics
import SegsimReport

/// Builds `report.html` from a run's details: a self-contained page with the key metrics and
/// SVG charts of latency, throughput, segment sizes, transitions, lift and gains.
enum RunReport {
    static func html(_ details: RunDetails) -> String {
        let summary = details.summary
        let run = summary.run
        var report = HTMLReport(
            title: "segsim run: \(run.scenario)",
            subtitle: "\(run.strategy) strategy, \(run.cadence); \(run.pipeline)",
            metadata: [
                ("scenario", run.scenario), ("file", run.file), ("seed", String(run.seed)), ("domain", run.domain),
                ("duration", duration(run.durationSeconds)), ("customers", String(run.customers)),
                ("replications", String(run.replications)), ("segsim", summary.segsimVersion),
            ])
        report.append(metricsSection(summary))
        guard let first = details.replications.first else { return report.render() }
        report.append(latencySection(first, summary: summary))
        report.append(throughputSection(first))
        report.append(segmentSection(first, summary: summary))
        report.append(liftSection(details, names: summary.segments))
        return report.render()
    }

    private static func metricsSection(_ summary: RunSummary) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Key metrics")
        let intervalNote = summary.run.replications > 1
            ? "Means over \(summary.run.replications) replications with 95% Student-t half-widths."
            : "One replication: no confidence interval (run with --replications 2 or more for one)."
        section.paragraph(intervalNote)
        for note in summary.notes { section.notice(note) }
        var rows: [[String]] = []
        for descriptor in MetricCatalogue.descriptors(segments: summary.segments) {
            guard let metric = summary.metric(descriptor.name) else { continue }
            rows.append([descriptor.name, format(metric.mean, unit: descriptor.unit),
                         metric.halfWidth.number.map { "± " + format(.value($0), unit: descriptor.unit) } ?? "",
                         descriptor.summary])
        }
        section.table(Table(header: ["metric", "value", "95% CI", "meaning"], rows: rows, numericColumns: [1, 2]))
        return section
    }

    private static func latencySection(_ r: ReplicationDetails, summary: RunSummary) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Latency over time")
        section.paragraph("End-to-end latency (segment time − event time) of the segments written in each window"
            + (summary.run.replications > 1 ? ", replication 0." : "."))
        let x = r.timeseries.map { $0.start / 3_600 }
        let positive = { (v: Double?) in v.map { $0 > 0 ? $0 : .nan } ?? .nan }
        let slo = summary.metric("latency.slo_compliance")
        section.chart(LineChart(
            title: "Latency percentiles per window", xLabel: "virtual time (hours)", yLabel: "latency (s)",
            series: [
                .init(name: "p50", x: x, y: r.timeseries.map { positive($0.latencyP50) }),
                .init(name: "p90", x: x, y: r.timeseries.map { positive($0.latencyP90) }),
                .init(name: "p99", x: x, y: r.timeseries.map { positive($0.latencyP99) }),
                .init(name: "max", x: x, y: r.timeseries.map { positive($0.latencyMax) }),
            ],
            yLogScale: true, interpolation: .step))
        if let compliance = slo?.mean.number {
            section.paragraph("SLO compliance over the run: \(NumberFormatting.percent(compliance, fractionDigits: 2)).")
        }
        // Where the time goes: over first deliveries, the stage means add up to the mean time from
        // event to store write.
        let stage = { (name: String) in summary.metric("latency.stage.\(name)_mean")?.mean.number }
        if let append = stage("append"), let processing = stage("processing"), let scoring = stage("scoring"),
           let store = stage("store") {
            section.chart(BarChart(
                title: "Mean time per stage", categories: ["event → appended", "appended → featurised",
                                                           "featurised → scored", "scored → written"],
                series: [.init(name: "mean", values: [append, processing - scoring, scoring, store])],
                yLabel: "seconds"))
        }
        return section
    }

    private static func throughputSection(_ r: ReplicationDetails) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Throughput, consumer lag and utilisation")
        let x = r.timeseries.map { $0.start / 3_600 }
        let width = r.timeseries.count > 1 ? r.timeseries[1].start - r.timeseries[0].start : 3_600
        section.chart(LineChart(
            title: "Events per second of virtual time", xLabel: "virtual time (hours)", yLabel: "events/s",
            series: [
                .init(name: "generated", x: x, y: r.timeseries.map { Double($0.generated) / width }),
                .init(name: "segmented", x: x, y: r.timeseries.map { Double($0.segmented) / width }),
            ],
            interpolation: .step))
        // One line per partition and per worker when there are few enough to tell apart.
        let lags = perStation(r.timeseries.map(\.partitionLag), name: "partition")
        section.chart(LineChart(
            title: lags.isEmpty ? "Consumer lag (records appended but not yet consumed, summed over partitions)"
                : "Consumer lag per partition (records appended but not yet consumed)",
            xLabel: "virtual time (hours)", yLabel: "records",
            series: lags.isEmpty ? [.init(name: "mean lag", x: x, y: r.timeseries.map(\.consumerLag))]
                : lags.map { .init(name: $0.name, x: x, y: $0.values) },
            interpolation: .step))
        let busy = perStation(r.timeseries.map(\.workerUtilisation), name: "worker")
        section.chart(LineChart(
            title: busy.isEmpty ? "Worker utilisation (busy share, mean over workers with partitions)"
                : "Utilisation per worker (busy share)", xLabel: "virtual time (hours)", yLabel: "busy share",
            series: busy.isEmpty ? [.init(name: "utilisation", x: x, y: r.timeseries.map(\.utilisation))]
                : busy.map { .init(name: $0.name, x: x, y: $0.values) },
            referenceLines: [ReferenceLine(value: 1, label: "saturated")], interpolation: .step))
        return section
    }

    /// Per-window values as one series per station, or none when they are missing (older results)
    /// or more than 12 (too many lines to read; the aggregate is drawn instead).
    private static func perStation(_ windows: [[Double]?], name: String) -> [(name: String, values: [Double])] {
        guard let count = windows.first??.count, count <= 12,
              windows.allSatisfy({ $0?.count == count }) else { return [] }
        return (0..<count).map { index in ("\(name) \(index)", windows.map { $0?[index] ?? 0 }) }
    }

    private static func segmentSection(_ r: ReplicationDetails, summary: RunSummary) -> HTMLReport.Section {
        let names = summary.segments
        var section = HTMLReport.Section(heading: "Segments and stability")
        let x = r.segments.map { $0.time / 3_600 }
        section.chart(LineChart(
            title: "Segment sizes at each snapshot", xLabel: "virtual time (hours)", yLabel: "customers",
            series: names.enumerated().map { index, name in
                .init(name: name, x: x, y: r.segments.map { index < $0.sizes.count ? Double($0.sizes[index]) : .nan })
            }))
        section.chart(LineChart(
            title: "Flip rate between consecutive snapshots", xLabel: "virtual time (hours)", yLabel: "share of customers",
            series: [.init(name: "flip rate", x: x, y: r.segments.map { $0.flipRate ?? .nan })]))
        if !r.transitionShares.isEmpty {
            section.chart(HeatmapChart(
                title: "Transitions between consecutive snapshots (row shares)", rowLabels: names, columnLabels: names,
                values: r.transitionShares, rowAxisLabel: "from", columnAxisLabel: "to"))
        }
        section.table(dwellTable(summary))
        return section
    }

    /// Mean dwell time per segment (exit-rate estimator) with its 95% interval over replications.
    private static func dwellTable(_ summary: RunSummary) -> Table {
        let rows = summary.segments.map { name -> [String] in
            let metric = summary.metric(MetricCatalogue.dwellMetricName(segment: name))
            return [name, metric.map { format($0.mean, unit: "s") } ?? "n/a — not measured",
                    metric?.halfWidth.number.map { "± " + format(.value($0), unit: "s") } ?? ""]
        }
        return Table(header: ["segment", "mean dwell time", "95% CI"], rows: rows, numericColumns: [1, 2])
    }

    private static func liftSection(_ details: RunDetails, names: [String]) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Lift against the ground truth")
        let rows = details.replications.flatMap(\.lift)
        guard !rows.isEmpty else {
            section.paragraph("No lift snapshot was measured.")
            return section
        }
        section.paragraph("Each lift snapshot compares segments with the outcome in the horizon after it; "
            + "bars are means over \(rows.count) snapshots.")
        let means: [Double?] = names.indices.map { index in
            let values = rows.compactMap { index < $0.segmentLift.count ? $0.segmentLift[index] : nil }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        section.chart(BarChart(title: "Lift by segment", categories: names, series: [.init(name: "lift", values: means)],
                               yLabel: "outcome rate ÷ overall rate", xLabel: "segment",
                               referenceLines: [ReferenceLine(value: 1, label: "no lift")]))
        let grid = GainsPoint.standardGrid.map { $0 * 100 }
        let strategy = GainsPoint.meanCurve(rows.map(\.gains)).map { $0 * 100 }
        let oracle = GainsPoint.meanCurve(rows.map(\.oracleGains)).map { $0 * 100 }
        section.chart(LineChart(
            title: "Cumulative gains", xLabel: "customers targeted (%)", yLabel: "outcomes captured (%)",
            series: [
                .init(name: details.summary.run.strategy, x: Array(grid.prefix(strategy.count)), y: strategy, showsPoints: true),
                .init(name: "oracle (ground truth)", x: Array(grid.prefix(oracle.count)), y: oracle),
            ],
            diagonalLabel: "random targeting"))
        return section
    }

    /// A duration in the unit that reads best: `850 µs`, `12.5 ms`, `3.2 s`, `4.5 min`, `2.1 h`, `7 d`.
    static func duration(_ seconds: Double) -> String {
        let scales: [(Double, String)] = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s"), (1e-3, "ms"), (1e-6, "µs")]
        let magnitude = abs(seconds)
        let (scale, unit) = scales.first { magnitude >= $0.0 * (($0.1 == "min" || $0.1 == "h" || $0.1 == "d") ? 2 : 1) }
            ?? (1e-6, "µs")
        return NumberFormatting.decimal(seconds / scale, fractionDigits: 3) + " " + unit
    }

    /// A metric for a table: its number with the unit, or "n/a — reason".
    static func format(_ value: MetricValue, unit: String) -> String {
        guard let number = value.number else { return "n/a — " + (value.notApplicableReason ?? "") }
        switch unit {
        case "s": return duration(number)
        case "share": return NumberFormatting.percent(number, fractionDigits: 2)
        case "count": return NumberFormatting.decimal(number, fractionDigits: 0, dropsTrailingZeros: true)
        default: return NumberFormatting.decimal(number, fractionDigits: 4, dropsTrailingZeros: true)
        }
    }
}
