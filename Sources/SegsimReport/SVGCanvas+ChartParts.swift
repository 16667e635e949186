/// The parts every cartesian chart shares: title, legend, axes, reference lines, "no data".
extension SVGCanvas {
    /// The chart title, left-aligned at the top; long titles shrink rather than overflow.
    mutating func drawTitle(_ title: String) {
        let available = ChartGeometry.width - 32
        let size = max(10, min(15, available / (Double(max(title.count, 1)) * 0.58)))
        text(title, x: 16, y: PlotLayout.titleBaseline, size: size, bold: true)
    }

    /// The legend entries placed by `layout`.
    mutating func drawLegend(_ layout: PlotLayout) {
        for (entry, x, y) in layout.legend {
            switch entry.swatch {
            case .line:
                line(x1: x, y1: y - 4, x2: x + 22, y2: y - 4, stroke: entry.colour, width: 2.5, dash: entry.dash)
            case .block:
                rect(x: x, y: y - 10, width: 12, height: 12, fill: entry.colour)
            }
            text(entry.name, x: x + (entry.swatch == .line ? 28 : 18), y: y)
        }
    }

    /// Axis labels: the x label centred under the plot, the y label rotated along its left side.
    mutating func drawAxisLabels(_ layout: PlotLayout, x xLabel: String?, y yLabel: String?) {
        if let xLabel, !xLabel.isEmpty {
            text(xLabel, x: layout.left + layout.width / 2, y: layout.chartHeight - 8, anchor: .middle, fill: ChartGeometry.ink)
        }
        if let yLabel, !yLabel.isEmpty {
            let y = layout.top + layout.height / 2
            text(yLabel, x: 16, y: y, anchor: .middle, rotation: -90)
        }
    }

    /// Horizontal grid lines and labels for the ticks of `scale` (plus unlabelled minor grid lines).
    mutating func drawYAxis(_ scale: NiceScale, _ layout: PlotLayout) {
        for tick in scale.minorTicks {
            let y = layout.y(scale.fraction(of: tick))
            line(x1: layout.left, y1: y, x2: layout.right, y2: y, stroke: "#f1f1f1")
        }
        for tick in scale.ticks {
            let y = layout.y(scale.fraction(of: tick))
            line(x1: layout.left, y1: y, x2: layout.right, y2: y, stroke: ChartGeometry.grid)
            line(x1: layout.left - 4, y1: y, x2: layout.left, y2: y, stroke: ChartGeometry.axis)
            text(scale.label(for: tick), x: layout.left - 7, y: y + 4, anchor: .end, size: 11, fill: ChartGeometry.mutedInk)
        }
    }

    /// The left and bottom axis lines of the plot.
    mutating func drawAxes(_ layout: PlotLayout) {
        line(x1: layout.left, y1: layout.top, x2: layout.left, y2: layout.bottom, stroke: ChartGeometry.axis)
        line(x1: layout.left, y1: layout.bottom, x2: layout.right, y2: layout.bottom, stroke: ChartGeometry.axis)
    }

    /// A dashed horizontal reference line across the plot (drawn under the data).
    mutating func drawReferenceLine(atY y: Double, _ layout: PlotLayout) {
        line(x1: layout.left, y1: y, x2: layout.right, y2: y, stroke: ChartGeometry.reference, width: 1.5, dash: "6 4")
    }

    /// The label of a reference line with a translucent backing box, drawn over the data. Of the
    /// four spots (right or left end, above or below the line) it takes the first that meets
    /// the fewest data segments and bars, so labels rarely hide a series.
    mutating func drawReferenceLabel(_ label: String, atY y: Double, _ layout: PlotLayout,
                                     avoiding lines: [[(x: Double, y: Double)]] = [],
                                     boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []) {
        let width = ChartGeometry.textWidth(label, size: 11)
        let above = y - layout.top >= 16 ? y - 5 : y + 15
        let below = layout.bottom - y >= 18 ? y + 15 : y - 5
        let candidates: [(x: Double, baseline: Double, anchor: Anchor)] = [
            (layout.right - 4, above, .end), (layout.right - 4, below, .end),
            (layout.left + 6, above, .start), (layout.left + 6, below, .start),
        ]
        func box(_ spot: (x: Double, baseline: Double, anchor: Anchor)) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
            let minX = spot.anchor == .end ? spot.x - width : spot.x
            return (minX - 2, spot.baseline - 11, minX + width + 2, spot.baseline + 3)
        }
        func crossings(_ spot: (x: Double, baseline: Double, anchor: Anchor)) -> Int {
            let area = box(spot)
            let overlaps = boxes.filter { $0.minX < area.maxX && area.minX < $0.maxX && $0.minY < area.maxY && area.minY < $0.maxY }
            return overlaps.count + lines.reduce(0) { count, line in
                count + zip(line, line.dropFirst()).filter { ChartGeometry.segment($0, $1, intersects: area) }.count
                    + (line.count == 1 && ChartGeometry.segment(line[0], line[0], intersects: area) ? 1 : 0)
            }
        }
        var best = candidates[0], fewest = crossings(best)
        for candidate in candidates.dropFirst() where fewest > 0 {
            let count = crossings(candidate)
            if count < fewest { (best, fewest) = (candidate, count) }
        }
        let area = box(best)
        raw("<rect x=\"\(Self.number(area.minX))\" y=\"\(Self.number(area.minY))\" width=\"\(Self.number(area.maxX - area.minX))\" "
            + "height=\"\(Self.number(area.maxY - area.minY))\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>")
        text(label, x: best.x, y: best.baseline, anchor: best.anchor, size: 11, fill: ChartGeometry.reference)
    }

    /// "no data" centred in the plot area, for charts with nothing finite to draw.
    mutating func drawNoData(_ layout: PlotLayout) {
        rect(x: layout.left, y: layout.top, width: layout.width, height: layout.height, fill: "#fafafa", stroke: ChartGeometry.grid)
        text("no data", x: layout.left + layout.width / 2, y: layout.top + layout.height / 2 + 5, anchor: .middle,
             size: 14, fill: ChartGeometry.mutedInk)
    }
}
