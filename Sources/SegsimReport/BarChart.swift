import Foundation

/// A grouped bar chart: one group per category (e.g. segment) with one bar per series (e.g.
/// strategy), bars rising from zero, with optional reference lines such as "lift = 1".
///
/// A missing (`nil`) or non-finite value leaves its slot empty, marked "n/a", so absent data is
/// never mistaken for zero.
public struct BarChart: ReportChart, Hashable, Sendable {
    /// The chart title.
    public var title: String
    /// The category names along the x axis, one bar group each.
    public var categories: [String]
    /// The series, one bar per category each, coloured from ``ChartPalette``; a legend appears when there are two or more.
    public var series: [Series]
    /// The y axis label, with its unit, e.g. "lift (×)".
    public var yLabel: String
    /// An optional x axis label naming what the categories are, e.g. "segment".
    public var xLabel: String?
    /// Labelled horizontal lines, e.g. lift = 1; the y axis widens to include them.
    public var referenceLines: [ReferenceLine]

    /// A grouped bar chart; `series[s].values[c]` is the bar of series `s` in category `c`.
    public init(title: String, categories: [String], series: [Series], yLabel: String, xLabel: String? = nil,
                referenceLines: [ReferenceLine] = []) {
        self.title = title
        self.categories = categories
        self.series = series
        self.yLabel = yLabel
        self.xLabel = xLabel
        self.referenceLines = referenceLines
    }

    /// The chart as a standalone 720 × 320 SVG document (scalable through its `viewBox`).
    public func svg() -> String {
        let references = referenceLines.filter { $0.value.isFinite }
        let legend = series.count < 2 ? [] : series.indices.map { index in
            LegendEntry(name: series[index].name, colour: ChartPalette.colour(forSeries: index), dash: nil, swatch: .block)
        }
        let values = series.flatMap { line in categories.indices.compactMap { line.value(at: $0) } }
        guard !values.isEmpty else {
            let layout = PlotLayout(legend: legend, yTickLabels: [])
            var canvas = SVGCanvas(height: layout.chartHeight)
            canvas.drawNoData(layout)
            canvas.drawAxisLabels(layout, x: xLabel, y: yLabel)
            canvas.drawLegend(layout)
            canvas.drawTitle(title)
            return canvas.document(title: title)
        }

        let bounds = values + references.map(\.value) + [0]
        let yScale = NiceScale.linear(from: bounds.min() ?? 0, to: bounds.max() ?? 1)
        let tickLabels = yScale.ticks.map(yScale.label(for:))
        var layout = PlotLayout(legend: legend, yTickLabels: tickLabels)
        var groupWidth = layout.width / Double(categories.count)
        // Labels too wide for their group are written at an angle; the chart grows to fit them
        // below, and the left margin grows so the first one is not cut off.
        let labelWidths = categories.map { min(Self.maximumLabelWidth, ChartGeometry.textWidth($0, size: 11)) }
        let rotated = labelWidths.contains { $0 > groupWidth - 6 }
        if rotated {
            let angle = Self.labelAngle * .pi / 180
            let overhang = (labelWidths.first ?? 0) * cos(angle) - groupWidth / 2 + 12
            layout = PlotLayout(legend: legend, yTickLabels: tickLabels,
                                xLabelDepth: (labelWidths.max() ?? 0) * sin(angle) + 4, minimumLeft: overhang)
            groupWidth = layout.width / Double(categories.count)
        }
        var canvas = SVGCanvas(height: layout.chartHeight)
        let zero = layout.y(yScale.fraction(of: 0))
        let barWidth = min(56, groupWidth * 0.8 / Double(max(series.count, 1)))
        let groupPadding = (groupWidth - barWidth * Double(series.count)) / 2

        var bars: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
        canvas.drawYAxis(yScale, layout)
        for (categoryIndex, category) in categories.enumerated() {
            let groupLeft = layout.left + groupWidth * Double(categoryIndex)
            if rotated {
                let label = ChartGeometry.truncated(category, toWidth: Self.maximumLabelWidth, size: 11)
                canvas.text(label, x: groupLeft + groupWidth / 2 + 4, y: layout.bottom + 14, anchor: .end, size: 11,
                            rotation: -Self.labelAngle)
            } else {
                canvas.text(category, x: groupLeft + groupWidth / 2, y: layout.bottom + 17, anchor: .middle, size: 11)
            }
            for (seriesIndex, line) in series.enumerated() {
                let x = groupLeft + groupPadding + barWidth * Double(seriesIndex)
                guard let value = line.value(at: categoryIndex) else {
                    drawMissing(on: &canvas, x: x, width: barWidth, baseline: zero)
                    continue
                }
                let top = layout.y(yScale.fraction(of: value))
                let tooltip = "\(category), \(line.name): \(NumberFormatting.decimal(value, fractionDigits: 4))"
                bars.append((x, min(top, zero), x + barWidth, max(top, zero)))
                canvas.rect(x: x + 0.5, y: min(top, zero), width: barWidth - 1, height: abs(zero - top),
                            fill: ChartPalette.colour(forSeries: seriesIndex), tooltip: tooltip)
            }
        }
        canvas.drawAxes(layout)
        canvas.line(x1: layout.left, y1: zero, x2: layout.right, y2: zero, stroke: ChartGeometry.axis)
        canvas.drawAxisLabels(layout, x: xLabel, y: yLabel)
        for reference in references {
            let y = layout.y(yScale.fraction(of: reference.value))
            canvas.drawReferenceLine(atY: y, layout)
            canvas.drawReferenceLabel(reference.label, atY: y, layout, boxes: bars)
        }
        canvas.drawLegend(layout)
        canvas.drawTitle(title)
        return canvas.document(title: title)
    }

    /// The longest a category label may be, in points, before it is shortened with "…".
    private static let maximumLabelWidth = 200.0
    /// The angle, in degrees, of category labels too wide to sit level under their group.
    private static let labelAngle = 35.0

    /// An empty slot: "n/a" just above the zero line, written upwards if the slot is narrow.
    private func drawMissing(on canvas: inout SVGCanvas, x: Double, width: Double, baseline: Double) {
        if width >= 18 {
            canvas.text(NumberFormatting.notAvailable, x: x + width / 2, y: baseline - 4, anchor: .middle, size: 9,
                        fill: ChartGeometry.mutedInk)
        } else {
            canvas.text(NumberFormatting.notAvailable, x: x + width / 2 + 3, y: baseline - 4, size: 9,
                        fill: ChartGeometry.mutedInk, rotation: -90)
        }
    }
}
