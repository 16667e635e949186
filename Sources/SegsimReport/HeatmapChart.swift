import Foundation

/// A matrix of values as coloured cells with the value written in each, e.g. the share of
/// customers moving from segment i (row) to segment j (column) between snapshots.
///
/// A single-hue (blue) scale keeps it readable for colour-blind viewers and in greyscale;
/// non-finite or missing cells are grey and marked "n/a".
public struct HeatmapChart: ReportChart, Hashable, Sendable {
    /// How the value inside each cell and on the colour key is written.
    public enum ValueFormat: Hashable, Sendable {
        /// Value × 100 with a "%" sign, e.g. 0.125 → "12.5%" for one fraction digit.
        case percent(fractionDigits: Int)
        /// The value with a fixed number of decimals.
        case decimal(fractionDigits: Int)

        /// `value` written in this format ("n/a" if non-finite).
        public func format(_ value: Double) -> String {
            switch self {
            case let .percent(digits): return NumberFormatting.percent(value, fractionDigits: digits)
            case let .decimal(digits): return NumberFormatting.decimal(value, fractionDigits: digits, dropsTrailingZeros: false)
            }
        }
    }

    /// The chart title.
    public var title: String
    /// The label of each row, top to bottom.
    public var rowLabels: [String]
    /// The label of each column, left to right.
    public var columnLabels: [String]
    /// The values, `values[row][column]`; short rows leave their missing cells "n/a".
    public var values: [[Double]]
    /// What the rows are, e.g. "from segment"; drawn rotated along the left.
    public var rowAxisLabel: String?
    /// What the columns are, e.g. "to segment"; drawn above the column labels.
    public var columnAxisLabel: String?
    /// How cell values are written.
    public var valueFormat: ValueFormat
    /// The values mapped to the lightest and darkest colours; by default `min(0, smallest)...largest`.
    public var colourRange: ClosedRange<Double>?

    /// A heatmap of `values` with the given labels.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double]],
                rowAxisLabel: String? = nil, columnAxisLabel: String? = nil,
                valueFormat: ValueFormat = .percent(fractionDigits: 1), colourRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.rowAxisLabel = rowAxisLabel
        self.columnAxisLabel = columnAxisLabel
        self.valueFormat = valueFormat
        self.colourRange = colourRange
    }

    /// The chart as a standalone SVG document 720 wide, as tall as the rows need.
    public func svg() -> String {
        let rows = max(rowLabels.count, values.count)
        let columns = max(columnLabels.count, values.map(\.count).max() ?? 0)
        let finite = values.joined().filter(\.isFinite)
        guard rows > 0, columns > 0, !finite.isEmpty else {
            let layout = PlotLayout(legend: [], yTickLabels: [])
            var canvas = SVGCanvas(height: layout.chartHeight)
            canvas.drawNoData(layout)
            canvas.drawTitle(title)
            return canvas.document(title: title)
        }

        let range = colourRange.flatMap { $0.lowerBound.isFinite && $0.upperBound.isFinite ? $0 : nil }
            ?? min(0, finite.min() ?? 0)...(finite.max() ?? 1)
        let rowLabelWidth = min(180, rowLabels.map { ChartGeometry.textWidth($0, size: 12) }.max() ?? 0)
        let left = (rowAxisLabel == nil ? 16 : 36) + rowLabelWidth + 10
        var cellWidth = min(96, (ChartGeometry.width - 20 - left) / Double(columns))
        // Column labels too wide for their cells are written at 45°, with room above and to the right.
        let labelWidths = (0..<columns).map { min(150, ChartGeometry.textWidth(label(columnLabels, $0), size: 11)) }
        let rotated = labelWidths.contains { $0 > cellWidth - 4 }
        let rise = rotated ? (labelWidths.max() ?? 0) * 0.71 : 0
        if rotated {
            cellWidth = min(96, (ChartGeometry.width - 10 - left - rise) / (Double(columns) - 0.5))
        }
        let cellHeight = rows <= 12 ? 30.0 : max(14, 360 / Double(rows))
        let gridTop = (columnAxisLabel == nil ? 58.0 : 76.0) + max(0, rise - 6)
        let gridBottom = gridTop + cellHeight * Double(rows)
        let gridRight = left + cellWidth * Double(columns)
        var canvas = SVGCanvas(width: ChartGeometry.width, height: gridBottom + 56)

        if let columnAxisLabel {
            canvas.text(columnAxisLabel, x: (left + gridRight) / 2, y: 46, anchor: .middle)
        }
        if let rowAxisLabel {
            canvas.text(rowAxisLabel, x: 18, y: (gridTop + gridBottom) / 2, anchor: .middle, rotation: -90)
        }
        for column in 0..<columns {
            let x = left + cellWidth * (Double(column) + 0.5)
            if rotated {
                let text = ChartGeometry.truncated(label(columnLabels, column), toWidth: 150, size: 11)
                canvas.text(text, x: x - 3, y: gridTop - 6, size: 11, rotation: -45)
            } else {
                canvas.text(label(columnLabels, column), x: x, y: gridTop - 8, anchor: .middle, size: 11)
            }
        }
        for row in 0..<rows {
            let y = gridTop + cellHeight * Double(row)
            let rowLabel = ChartGeometry.truncated(label(rowLabels, row), toWidth: rowLabelWidth, size: 12)
            canvas.text(rowLabel, x: left - 8, y: y + cellHeight / 2 + 4, anchor: .end)
            for column in 0..<columns {
                let x = left + cellWidth * Double(column)
                let value = values.indices.contains(row) && values[row].indices.contains(column) ? values[row][column] : .nan
                let text = valueFormat.format(value)
                let tooltip = "\(label(rowLabels, row)) → \(label(columnLabels, column)): \(text)"
                let intensity = value.isFinite ? Self.intensity(of: value, in: range) : nil
                canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight,
                            fill: intensity.map(Self.colour(at:)) ?? "#eeeeee", stroke: "#ffffff", tooltip: tooltip)
                let size = min(11, cellHeight * 0.45)
                if ChartGeometry.textWidth(text, size: size) <= cellWidth - 4 {
                    canvas.text(text, x: x + cellWidth / 2, y: y + cellHeight / 2 + size * 0.36, anchor: .middle, size: size,
                                fill: (intensity ?? 0) > 0.55 ? "#ffffff" : (intensity == nil ? ChartGeometry.mutedInk : ChartGeometry.ink))
                }
            }
        }
        drawKey(on: &canvas, range: range, left: left, top: gridBottom + 16)
        canvas.drawTitle(title)
        return canvas.document(title: title)
    }

    private func label(_ labels: [String], _ index: Int) -> String {
        labels.indices.contains(index) ? labels[index] : ""
    }

    /// Five swatches from the lightest to the darkest colour, labelled with the values they stand for.
    private func drawKey(on canvas: inout SVGCanvas, range: ClosedRange<Double>, left: Double, top: Double) {
        canvas.text("scale", x: left - 8, y: top + 10, anchor: .end, size: 11, fill: ChartGeometry.mutedInk)
        for step in 0...4 {
            let fraction = Double(step) / 4
            let x = left + Double(step) * 56
            canvas.rect(x: x, y: top, width: 52, height: 12, fill: Self.colour(at: fraction), stroke: "#cccccc")
            let value = range.lowerBound + fraction * (range.upperBound - range.lowerBound)
            canvas.text(valueFormat.format(value), x: x + 26, y: top + 26, anchor: .middle, size: 10, fill: ChartGeometry.mutedInk)
        }
    }

    /// Where `value` sits in `range`, clamped to 0…1.
    static func intensity(of value: Double, in range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return value > range.lowerBound ? 1 : 0 }
        return min(1, max(0, (value - range.lowerBound) / span))
    }

    /// A blue from near-white (0) through mid blue (0.5) to dark navy (1), as "#rrggbb".
    static func colour(at fraction: Double) -> String {
        let stops: [(Double, Double, Double)] = [(247, 251, 255), (107, 174, 214), (8, 48, 107)]
        let t = min(1, max(0, fraction)) * 2
        let index = min(1, Int(t))
        let local = t - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * local).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }
}
