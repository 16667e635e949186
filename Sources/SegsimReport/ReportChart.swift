/// A chart that renders itself as a standalone SVG document, so a report can embed any kind of chart.
public protocol ReportChart: Sendable {
    /// The chart's title, drawn at the top and used as the SVG's accessible `<title>`.
    var title: String { get }

    /// The chart as a complete, well-formed SVG document with a `viewBox`, so it scales to its
    /// container; deterministic and free of non-finite numbers.
    func svg() -> String
}
