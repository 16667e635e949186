import SegsimReport

/// `report.html` of a sweep: capacity and demand, latency, throughput and demand against load, and
/// the table of every point.
enum SweepReport {
    static func html(_ summary: SweepResultWriter.Summary) -> String {
        let plan = summary.plan
        var report = HTMLReport(
            title: "segsim sweep: \(plan.scenarioName)",
            subtitle: plan.axes.map { "\($0.key) ∈ {\($0.values.joined(separator: ", "))}" }.joined(separator: " × "),
            metadata: [("scenario file", plan.scenarioFile), ("seed", String(plan.seed)), ("points", String(plan.pointCount)),
                       ("objectives", plan.objectives.isEmpty ? "none" : plan.objectives.map(\.text).joined(separator: ", ")),
                       ("segsim", summary.segsimVersion)])
        report.append(capacitySection(summary))
        report.append(chartSection(summary))
        report.append(pointSection(summary))
        return report.render()
    }

    private static func capacitySection(_ summary: SweepResultWriter.Summary) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Capacity and demand")
        section.paragraph("Capacity: the highest load at which a configuration meets every objective (and every lower load "
            + "too). Demand: the first configuration, in the order the sweep lists its values, whose capacity covers a load. "
            + "Every point simulates the same customers (common random numbers).")
        if !summary.missingPoints.isEmpty {
            section.notice("\(summary.missingPoints.count) of \(summary.plan.pointCount) points have no result yet: "
                + summary.missingPoints.prefix(20).map(String.init).joined(separator: ", ")
                + (summary.missingPoints.count > 20 ? ", …" : "") + ". Capacity and demand use the points present.")
        }
        let analysis = summary.analysis
        for capacity in analysis.capacities where capacity.nonMonotone {
            section.notice("\(capacity.configuration): a load above its first failing load passed again; the capacity "
                + "stops at the first failure (more replications would tell noise from effect).")
        }
        section.table(Table(caption: "Capacity per configuration", header: ["configuration", "capacity (load)", "loads evaluated"],
                            rows: analysis.capacities.map { [$0.configuration, SweepText.capacity($0), String($0.evaluatedLoads.count)] },
                            numericColumns: [1, 2]))
        if summary.plan.loadAxis != nil {
            section.table(Table(caption: "Demand per load", header: ["load", "smallest configuration meeting every objective"],
                                rows: analysis.demands.map { [SweepText.number($0.load), $0.configuration ?? "none of the configurations"] },
                                numericColumns: [0]))
        }
        return section
    }

    private static func chartSection(_ summary: SweepResultWriter.Summary) -> HTMLReport.Section {
        let plan = summary.plan
        var section = HTMLReport.Section(heading: "Against load")
        let hasLoad = plan.loadAxis != nil
        let xLabel = hasLoad ? "load (× the scenario's rates)" : "configuration (position)"
        let groups = plan.configurations
        let byIndex = Dictionary(summary.points.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        func series(_ metric: String) -> [LineChart.Series] {
            if !hasLoad {
                let points = groups.enumerated().compactMap { position, group in
                    byIndex[group[0]]?.metrics[metric]?.mean.number.map { (x: Double(position + 1), y: $0) }
                }
                return [.init(name: metric, points: points, showsPoints: true)]
            }
            return groups.map { group in
                .init(name: plan.configurationLabel(of: group[0]),
                      points: group.compactMap { i in byIndex[i].flatMap { p in p.metrics[metric]?.mean.number.map { (x: p.load, y: $0) } } },
                      showsPoints: true)
            }
        }
        let latencyBounds = plan.objectives.filter { $0.metric.hasPrefix("latency.p") || $0.metric == "latency.max" }
            .map { ReferenceLine(value: $0.bound, label: "objective \($0.text)") }
        section.chart(LineChart(title: "p99 end-to-end latency", xLabel: xLabel, yLabel: "latency (s)",
                                series: series("latency.p99"), yLogScale: true, referenceLines: latencyBounds))
        section.chart(LineChart(title: "Segmented events per second (virtual time)", xLabel: xLabel, yLabel: "events/s",
                                series: series("throughput.segmented_per_second")))
        section.chart(LineChart(title: "Consumer-lag trend", xLabel: xLabel, yLabel: "records/s",
                                series: series(TrendMetric.consumerLag.rawValue), referenceLines: [ReferenceLine(value: 0, label: "no growth")]))
        if hasLoad {
            let demands = summary.analysis.demands
            let numeric = plan.axes.count == 2 ? plan.axes.enumerated().first { $0.offset != plan.loadAxis }?.element.numbers : nil
            let points = demands.compactMap { demand in
                demand.configurationIndex.map { (x: demand.load, y: numeric?[$0] ?? Double($0 + 1)) }
            }
            let resource = numeric != nil ? plan.axes.first { $0.key != SweepPlan.loadKey }?.key ?? "" : "configuration (position)"
            section.chart(LineChart(title: "Demand: the smallest configuration meeting every objective", xLabel: xLabel,
                                    yLabel: resource, series: [.init(name: "demand", points: points, showsPoints: true)],
                                    interpolation: .step))
        }
        return section
    }

    private static func pointSection(_ summary: SweepResultWriter.Summary) -> HTMLReport.Section {
        var section = HTMLReport.Section(heading: "Every point")
        section.paragraph("Each point's full results (report, CSVs) are in points/<index>/run/.")
        let plan = summary.plan
        let header = ["point"] + plan.axes.map(\.key) + ["offered/s", "p50", "p99", "utilisation", "lag trend /s", "verdict"]
        let rows = summary.points.map { point in
            [String(point.index)] + zip(plan.axes, plan.coordinates(of: point.index)).map { $0.values[$1] }
                + SweepText.cells(point) + [SweepText.verdict(point)]
        }
        section.table(Table(header: header, rows: rows, numericColumns: Set(0..<(header.count - 1))))
        return section
    }
}

/// Text for the sweep's tables, shared by the report and the terminal.
public enum SweepText {
    /// A number in short form.
    public static func number(_ value: Double) -> String { NumberFormatting.decimal(value, fractionDigits: 3) }

    /// A configuration's capacity: `≥ 4`, `2.5`, or `below the lowest load`.
    public static func capacity(_ capacity: SweepAnalysis.Capacity) -> String {
        guard let value = capacity.capacity else { return "below the lowest load" }
        return (capacity.atLeast ? "≥ " : "") + number(value)
    }

    /// Offered load, p50, p99, utilisation and lag trend of a point.
    public static func cells(_ point: SweepPointResult) -> [String] {
        func metric(_ name: String, _ unit: String) -> String {
            point.metrics[name].map { RunReport.format($0.mean, unit: unit) } ?? NumberFormatting.notAvailable
        }
        let trend = point.trends[TrendMetric.consumerLag.rawValue].map { number($0.slope) + " ± " + number($0.halfWidth) } ?? NumberFormatting.notAvailable
        return [metric("throughput.generated_per_second", "events/s"), metric("latency.p50", "s"), metric("latency.p99", "s"),
                metric("pipeline.utilisation_max", "share"), trend]
    }

    /// `✓` or the failed objectives.
    public static func verdict(_ point: SweepPointResult) -> String {
        point.meetsObjectives ? "✓" : "✗ " + point.failures.joined(separator: ", ")
    }
}
