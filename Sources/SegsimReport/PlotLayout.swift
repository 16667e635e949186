/// The placement of a cartesian plot area inside the chart: room for the title, a wrapped legend,
/// y tick labels, the rotated y label, x tick labels and the x label. The chart is 720 × 320
/// unless the legend needs more than two rows or x labels are rotated, when it grows taller so
/// the plot keeps its height.
struct PlotLayout {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    /// The height of the whole chart.
    var chartHeight: Double
    /// Legend entries with the baseline position of each.
    var legend: [(entry: LegendEntry, x: Double, y: Double)]

    static let titleBaseline = 24.0
    static let legendRowHeight = 18.0

    /// A layout for `entries` (no legend if empty), the given y tick labels, `xLabelDepth` extra
    /// points below the plot and a left margin of at least `minimumLeft` for rotated category labels.
    init(legend entries: [LegendEntry], yTickLabels: [String], xLabelDepth: Double = 0, minimumLeft: Double = 0) {
        let widestTick = yTickLabels.map { ChartGeometry.textWidth($0, size: 11) }.max() ?? 0
        left = max(56, 34 + widestTick + 8, minimumLeft)
        right = ChartGeometry.width - 20
        var placed: [(entry: LegendEntry, x: Double, y: Double)] = []
        var x = left, row = 0
        for entry in entries {
            let entryWidth = (entry.swatch == .line ? 28 : 18) + ChartGeometry.textWidth(entry.name, size: 12) + 18
            if x > left, x + entryWidth > right {
                row += 1
                x = left
            }
            placed.append((entry, x, 46 + Double(row) * Self.legendRowHeight))
            x += entryWidth
        }
        legend = placed
        let legendRows = entries.isEmpty ? 0 : row + 1
        top = 44 + Double(legendRows) * Self.legendRowHeight + (legendRows > 0 ? 4 : 0)
        chartHeight = ChartGeometry.height + Double(max(0, legendRows - 2)) * Self.legendRowHeight + max(0, xLabelDepth)
        bottom = chartHeight - 46 - max(0, xLabelDepth)
    }

    var width: Double { right - left }
    var height: Double { bottom - top }

    /// The x coordinate of a fraction (0…1) of the plot width.
    func x(_ fraction: Double) -> Double { left + fraction * width }

    /// The y coordinate of a fraction (0…1) of the plot height, measured upwards.
    func y(_ fraction: Double) -> Double { bottom - fraction * height }
}
