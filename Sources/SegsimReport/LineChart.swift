import Foundation

/// A line chart of one or more numeric series against a numeric x axis: time series, latency
/// percentiles (optionally on a log y axis), cumulative gains (with the random-targeting diagonal).
///
/// Points with a non-finite coordinate (or a non-positive y on a log axis) are skipped; a series
/// left empty is marked "(no data)" in the legend, and a chart left empty shows "no data".
public struct LineChart: ReportChart, Hashable, Sendable {
    /// How consecutive points of a series are joined.
    public enum Interpolation: Hashable, Sendable {
        /// Straight segments from point to point.
        case linear
        /// Horizontal then vertical segments: the value holds until the next point (step-after),
        /// as for counters and piecewise-constant state.
        case step
    }

    /// The chart title.
    public var title: String
    /// The x axis label, with its unit, e.g. "simulated time (s)".
    public var xLabel: String
    /// The y axis label, with its unit, e.g. "p99 latency (ms)".
    public var yLabel: String
    /// The series, drawn in order with colours from ``ChartPalette``; a legend appears when there are two or more.
    public var series: [Series]
    /// Whether the y axis is base-10 logarithmic, for values spanning decades; ticks are powers of ten.
    public var yLogScale: Bool
    /// Labelled horizontal lines, e.g. an SLO bound; the y axis widens to include them.
    public var referenceLines: [ReferenceLine]
    /// If set, the line y = x is drawn dashed with this label, e.g. "random targeting" on a gains chart.
    public var diagonalLabel: String?
    /// How consecutive points are joined.
    public var interpolation: Interpolation

    /// A line chart; only `title`, axis labels and `series` are required.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], yLogScale: Bool = false,
                referenceLines: [ReferenceLine] = [], diagonalLabel: String? = nil, interpolation: Interpolation = .linear) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yLogScale = yLogScale
        self.referenceLines = referenceLines
        self.diagonalLabel = diagonalLabel
        self.interpolation = interpolation
    }

    /// The chart as a standalone 720 × 320 SVG document (scalable through its `viewBox`).
    public func svg() -> String {
        let drawable = series.map { $0.points.filter(isDrawable) }
        let references = referenceLines.filter { $0.value.isFinite && (!yLogScale || $0.value > 0) }
        let legend = series.count < 2 ? [] : series.indices.map { index in
            LegendEntry(name: series[index].name + (drawable[index].isEmpty ? " (no data)" : ""),
                        colour: ChartPalette.colour(forSeries: index), dash: ChartPalette.dashPattern(forSeries: index),
                        swatch: .line)
        }
        let points = drawable.joined()
        guard let firstPoint = points.first else {
            let layout = PlotLayout(legend: legend, yTickLabels: [])
            var canvas = SVGCanvas(height: layout.chartHeight)
            canvas.drawNoData(layout)
            canvas.drawAxisLabels(layout, x: xLabel, y: yLabel)
            canvas.drawLegend(layout)
            canvas.drawTitle(title)
            return canvas.document(title: title)
        }

        var (xMin, xMax, yMin, yMax) = (firstPoint.x, firstPoint.x, firstPoint.y, firstPoint.y)
        for point in points {
            (xMin, xMax) = (min(xMin, point.x), max(xMax, point.x))
            (yMin, yMax) = (min(yMin, point.y), max(yMax, point.y))
        }
        for reference in references {
            (yMin, yMax) = (min(yMin, reference.value), max(yMax, reference.value))
        }
        let xScale = NiceScale.linear(from: xMin, to: xMax, maximumTickCount: 8)
        let yScale = yLogScale ? NiceScale.logarithmic(from: yMin, to: yMax) : NiceScale.linear(from: yMin, to: yMax)
        let layout = PlotLayout(legend: legend, yTickLabels: yScale.ticks.map(yScale.label(for:)))
        var canvas = SVGCanvas(height: layout.chartHeight)
        func position(_ point: ChartPoint) -> (x: Double, y: Double) {
            (layout.x(xScale.fraction(of: point.x)), layout.y(yScale.fraction(of: point.y)))
        }

        canvas.drawYAxis(yScale, layout)
        for tick in xScale.ticks {
            let x = layout.x(xScale.fraction(of: tick))
            canvas.line(x1: x, y1: layout.top, x2: x, y2: layout.bottom, stroke: ChartGeometry.grid)
            canvas.line(x1: x, y1: layout.bottom, x2: x, y2: layout.bottom + 4, stroke: ChartGeometry.axis)
            canvas.text(xScale.label(for: tick), x: x, y: layout.bottom + 17, anchor: .middle, size: 11, fill: ChartGeometry.mutedInk)
        }
        canvas.drawAxes(layout)
        canvas.drawAxisLabels(layout, x: xLabel, y: yLabel)
        if let diagonalLabel { drawDiagonalLine(diagonalLabel, on: &canvas, xScale: xScale, yScale: yScale, layout: layout) }
        for reference in references {
            canvas.drawReferenceLine(atY: layout.y(yScale.fraction(of: reference.value)), layout)
        }
        let screenLines = drawable.map { $0.map(position) }
        for (index, line) in series.enumerated() where !drawable[index].isEmpty {
            let colour = ChartPalette.colour(forSeries: index)
            let positions = screenLines[index]
            if positions.count > 1 {
                canvas.polyline(positions, steps: interpolation == .step, stroke: colour, width: 2,
                                dash: ChartPalette.dashPattern(forSeries: index), tooltip: line.name)
            }
            if line.showsPoints || positions.count == 1 {
                for (point, at) in zip(drawable[index], positions) {
                    canvas.circle(cx: at.x, cy: at.y, r: 3, fill: colour, tooltip: "\(line.name): "
                        + "(\(NumberFormatting.tickLabel(point.x)), \(NumberFormatting.tickLabel(point.y)))")
                }
            }
        }
        for reference in references {
            canvas.drawReferenceLabel(reference.label, atY: layout.y(yScale.fraction(of: reference.value)), layout,
                                      avoiding: screenLines)
        }
        if let diagonalLabel { drawDiagonalLabel(diagonalLabel, on: &canvas, xScale: xScale, yScale: yScale, layout: layout) }
        canvas.drawLegend(layout)
        canvas.drawTitle(title)
        return canvas.document(title: title)
    }

    private func isDrawable(_ point: ChartPoint) -> Bool {
        point.isFinite && (!yLogScale || point.y > 0)
    }

    /// The part of y = x inside both axis ranges, as values: `nil` if the ranges do not overlap.
    private func diagonalSpan(xScale: NiceScale, yScale: NiceScale) -> (start: Double, end: Double)? {
        let start = max(xScale.lower, yScale.lower), end = min(xScale.upper, yScale.upper)
        guard start < end, !yLogScale || start > 0 else { return nil }
        return (start, end)
    }

    /// The value `fraction` of the way along the diagonal span (geometrically on a log axis, so
    /// the points are evenly spaced on screen).
    private func diagonalValue(_ fraction: Double, _ span: (start: Double, end: Double)) -> Double {
        yLogScale ? span.start * pow10(log10(span.end / span.start) * fraction) : span.start + (span.end - span.start) * fraction
    }

    /// The diagonal y = x, dashed, under the data (a curve on a log y axis, hence many points there).
    private func drawDiagonalLine(_ label: String, on canvas: inout SVGCanvas, xScale: NiceScale, yScale: NiceScale,
                                  layout: PlotLayout) {
        guard let span = diagonalSpan(xScale: xScale, yScale: yScale) else { return }
        let steps = yLogScale ? 48 : 1
        let positions = (0...steps).map { step -> (x: Double, y: Double) in
            let t = diagonalValue(Double(step) / Double(steps), span)
            return (layout.x(xScale.fraction(of: t)), layout.y(yScale.fraction(of: t)))
        }
        canvas.polyline(positions, steps: false, stroke: ChartGeometry.reference, width: 1.5, dash: "6 4", tooltip: label)
    }

    /// The diagonal's label, three quarters of the way up, just below-right of the line (where a
    /// gains curve, which lies above the diagonal, leaves room).
    private func drawDiagonalLabel(_ label: String, on canvas: inout SVGCanvas, xScale: NiceScale, yScale: NiceScale,
                                   layout: PlotLayout) {
        guard let span = diagonalSpan(xScale: xScale, yScale: yScale) else { return }
        let t = diagonalValue(0.75, span)
        let x = layout.x(xScale.fraction(of: t)) + 10, y = layout.y(yScale.fraction(of: t)) + 6
        canvas.text(label, x: x, y: y, size: 11, fill: ChartGeometry.reference, halo: true)
    }
}

private func pow10(_ exponent: Double) -> Double { Foundation.pow(10, exponent) }
