import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SegsimReport

/// Records what `XMLParser` saw: the root element, unbalanced tags and the first error.
private final class WellFormednessRecorder: NSObject, XMLParserDelegate {
    var root: String?
    var depth = 0
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = elementName }
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if error == nil { error = parseError }
    }
}

/// A description of the problem if `xml` is not a well-formed document with root element `root`,
/// `nil` if it is. (swift-corelibs' `parse()` can return `true` yet set `parserError`, e.g. for
/// an unclosed tag, so both are checked, as is tag balance.)
func xmlParseError(_ xml: String, root expectedRoot: String = "svg") -> String? {
    let parser = XMLParser(data: Data(xml.utf8))
    let recorder = WellFormednessRecorder()
    parser.delegate = recorder
    let succeeded = parser.parse()
    if let error = parser.parserError ?? recorder.error { return String(describing: error) }
    if !succeeded { return "parse() failed without an error" }
    if recorder.root != expectedRoot { return "root element is \(recorder.root ?? "missing"), not \(expectedRoot)" }
    if recorder.depth != 0 { return "unbalanced tags (depth \(recorder.depth) at the end)" }
    return nil
}

/// How many times `needle` occurs in `haystack` (non-overlapping).
func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// Every `scheme` URL in `text` ("http://…", up to the next quote, space or angle bracket).
func urls(in text: String, scheme: String) -> [String] {
    text.components(separatedBy: scheme + "://").dropFirst().map { rest in
        scheme + "://" + rest.prefix { !"\"' <>)".contains($0) }
    }
}

/// A report exercising every chart type and block kind, with awkward input on purpose: markup in
/// text, non-finite values, a missing bar, a log axis spanning decades.
func makeExampleReport() -> HTMLReport {
    let times = (0...60).map { Double($0) * 10 }
    let latency = LineChart(
        title: "Decision latency percentiles",
        xLabel: "simulated time (s)",
        yLabel: "latency (ms)",
        series: [
            .init(name: "p50", x: times, y: times.map { 4 + 2 * sin($0 / 80) }),
            .init(name: "p95", x: times, y: times.map { 30 + 12 * sin($0 / 60) + $0 / 40 }),
            .init(name: "p99", x: times, y: times.map { $0 == 300 ? .nan : 120 + 80 * sin($0 / 70) + $0 / 4 }),
            .init(name: "max", x: times, y: times.map { 900 + 1500 * abs(sin($0 / 45)) }),
        ],
        yLogScale: true,
        referenceLines: [ReferenceLine(value: 250, label: "SLO p99 ≤ 250 ms")]
    )
    let deciles = (0...10).map { Double($0) / 10 }
    let gains = LineChart(
        title: "Cumulative gains: share of churners reached",
        xLabel: "share of customers targeted",
        yLabel: "share of churners reached",
        series: [
            .init(name: "oracle (ground truth)", x: deciles, y: deciles.map { min(1, $0 / 0.2) }),
            .init(name: "logistic regression", x: deciles, y: deciles.map { 1 - pow(1 - $0, 2.6) }),
            .init(name: "RFM rules", x: deciles, y: deciles.map { 1 - pow(1 - $0, 1.6) }, showsPoints: true),
        ],
        diagonalLabel: "random targeting"
    )
    let backlog = LineChart(
        title: "Consumer backlog",
        xLabel: "simulated time (s)",
        yLabel: "events waiting",
        series: [.init(name: "backlog", points: [(0, 0), (40, 12), (90, 30), (130, 7), (200, 0), (260, 3)])],
        interpolation: .step
    )
    let lift = BarChart(
        title: "Lift in the top decile by segment",
        categories: ["Champions", "Loyal", "At risk", "Hibernating", "New"],
        series: [
            .init(name: "k-means", values: [2.4, 1.8, 1.2, 0.7, 1.05]),
            .init(name: "RFM rules", values: [2.1, 1.6, nil, 0.5, 0.95]),
            .init(name: "logistic", values: [2.6, 1.9, 1.4, 0.8, .infinity]),
        ],
        yLabel: "lift (×)",
        xLabel: "segment",
        referenceLines: [ReferenceLine(value: 1, label: "lift = 1 (random)")]
    )
    let segments = ["Champions", "Loyal", "At risk", "Hibernating"]
    let transitions = HeatmapChart(
        title: "Segment transitions between consecutive snapshots",
        rowLabels: segments, columnLabels: segments,
        values: [[0.82, 0.12, 0.05, 0.01], [0.08, 0.74, 0.15, 0.03], [0.02, 0.10, 0.61, 0.27], [0.0, 0.01, 0.09, .nan]],
        rowAxisLabel: "from segment", columnAxisLabel: "to segment",
        colourRange: 0...1
    )
    let empty = LineChart(title: "Warm-up detection (no data yet)", xLabel: "batch", yLabel: "mean (s)",
                          series: [.init(name: "MSER", points: [(.nan, 1), (2, .infinity)])])

    var overview = HTMLReport.Section(heading: "Overview")
    overview.paragraph("Retail scenario, 10 000 customers, 4 strategies. Values <b>are</b> plain text & escaped.")
    overview.notice("The oracle reads ground truth: treat it as an upper bound, not a competitor.")
    overview.table(Table(caption: "Strategies", header: ["strategy", "AUC", "flip rate", "p99 (ms)"],
                         rows: [["oracle", "1.000", "0.0%", "3.1"], ["logistic", "0.812", "4.2%", "184.0"],
                                ["k-means", "0.744", "11.9%", "96.5"], ["RFM rules", "0.701", "2.3%", "12.7"]],
                         numericColumns: [1, 2, 3]))
    var performance = HTMLReport.Section(heading: "Latency & throughput")
    performance.chart(latency)
    performance.chart(backlog)
    performance.chart(empty)
    var quality = HTMLReport.Section(heading: "Targeting quality")
    quality.chart(gains)
    quality.chart(lift)
    var stability = HTMLReport.Section(heading: "Stability")
    stability.chart(transitions)
    stability.append(.preformatted("scenario: retail-baseline\nseed: 42\n"))

    return HTMLReport(
        title: "segsim report: retail-baseline",
        subtitle: "Real-time segmentation under load",
        metadata: [("scenario", "retail-baseline.yaml"), ("seed", "42"), ("replications", "10"), ("code version", "0.4.0-dev")],
        sections: [overview, performance, quality, stability]
    )
}
