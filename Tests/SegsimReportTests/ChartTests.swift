import Foundation
import SegsimReport
import Testing

@Suite("Charts")
struct ChartTests {
    private let twoSeries = LineChart(
        title: "Throughput by consumer group",
        xLabel: "simulated time (s)",
        yLabel: "events per second",
        series: [
            .init(name: "scoring", points: [(0, 10), (10, 12), (20, 15), (30, 14)]),
            .init(name: "profile store", points: [(0, 8), (10, 9), (20, 11), (30, 13)]),
        ]
    )

    @Test("a two-series line chart has one polyline and one legend entry per series, and its title")
    func lineChartStructure() {
        let svg = twoSeries.svg()
        #expect(occurrences(of: "<polyline", in: svg) == 2)
        #expect(svg.contains(">scoring</text>"))
        #expect(svg.contains(">profile store</text>"))
        #expect(occurrences(of: ">Throughput by consumer group</text>", in: svg) == 1)
        #expect(svg.contains("<title>Throughput by consumer group</title>"))
        #expect(svg.contains(">simulated time (s)</text>"))
        #expect(svg.contains(">events per second</text>"))
        #expect(svg.contains("viewBox=\"0 0 720 320\""))
        #expect(svg.contains(ChartPalette.okabeIto[0]) && svg.contains(ChartPalette.okabeIto[1]))
        #expect(xmlParseError(svg) == nil)
    }

    @Test("a single series has no legend")
    func singleSeriesHasNoLegend() {
        var chart = twoSeries
        chart.series.removeLast()
        let svg = chart.svg()
        #expect(!svg.contains(">scoring</text>"))
        #expect(occurrences(of: "<polyline", in: svg) == 1)
    }

    @Test("step interpolation draws one path per series")
    func stepChart() {
        var chart = twoSeries
        chart.interpolation = .step
        let svg = chart.svg()
        #expect(occurrences(of: "<path", in: svg) == 2)
        #expect(!svg.contains("<polyline"))
        #expect(xmlParseError(svg) == nil)
    }

    @Test("non-finite points are skipped and never printed")
    func nonFinitePointsAreSkipped() {
        let chart = LineChart(
            title: "Wait", xLabel: "t (s)", yLabel: "wait (s)",
            series: [
                .init(name: "good", points: [(0, 1), (1, .nan), (2, 3), (.infinity, 4), (3, -.infinity), (4, 2)]),
                .init(name: "broken", points: [(0, .nan), (1, .infinity)]),
            ],
            referenceLines: [ReferenceLine(value: .nan, label: "bad bound")]
        )
        let svg = chart.svg()
        let lowered = svg.lowercased()
        #expect(!lowered.contains("nan"))
        #expect(!lowered.contains("inf"))
        #expect(occurrences(of: "<polyline", in: svg) == 1)
        #expect(svg.contains(">broken (no data)</text>"))
        #expect(!svg.contains("bad bound"))
        #expect(xmlParseError(svg) == nil)
    }

    @Test("a chart with no finite points shows no data", arguments: [false, true])
    func allInvalidShowsNoData(logScale: Bool) {
        let chart = LineChart(title: "Empty", xLabel: "x", yLabel: "y",
                              series: [.init(name: "s", points: [(.nan, 1), (1, .infinity), (2, -.nan)])],
                              yLogScale: logScale)
        let svg = chart.svg()
        #expect(svg.contains(">no data</text>"))
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
        #expect(!svg.contains("<polyline"))
        #expect(xmlParseError(svg) == nil)
        #expect(LineChart(title: "None", xLabel: "x", yLabel: "y", series: []).svg().contains(">no data</text>"))
    }

    @Test("a log-scale chart labels powers of ten, skips non-positive values and draws the reference line")
    func logScaleChart() {
        let chart = LineChart(
            title: "p99 latency", xLabel: "t (s)", yLabel: "latency (ms)",
            series: [.init(name: "p99", points: [(0, 3), (1, 0), (2, 40), (3, -5), (4, 4500)])],
            yLogScale: true, referenceLines: [ReferenceLine(value: 250, label: "SLO 250 ms")]
        )
        let svg = chart.svg()
        for label in ["1", "10", "100", "1000", "10000"] {
            #expect(svg.contains(">\(label)</text>"), "missing tick \(label)")
        }
        #expect(!svg.contains(">5000</text>"))
        #expect(svg.contains(">SLO 250 ms</text>"))
        #expect(svg.contains("stroke-dasharray"))
        #expect(occurrences(of: "<polyline", in: svg) == 1)
        #expect(xmlParseError(svg) == nil)
    }

    @Test("the diagonal reference is drawn and labelled")
    func diagonal() {
        let chart = LineChart(title: "Gains", xLabel: "share targeted", yLabel: "share reached",
                              series: [.init(name: "model", x: [0, 0.5, 1], y: [0, 0.8, 1])],
                              diagonalLabel: "random targeting")
        let svg = chart.svg()
        #expect(svg.contains(">random targeting</text>"))
        #expect(occurrences(of: "<polyline", in: svg) == 2)
    }

    @Test("bar chart: a rect per present value, n/a for missing and non-finite, a legend, the reference line")
    func barChart() {
        let chart = BarChart(
            title: "Lift by segment", categories: ["A", "B", "C"],
            series: [.init(name: "k-means", values: [1.5, nil, 0.8]), .init(name: "rules", values: [1.2, .nan])],
            yLabel: "lift (×)", referenceLines: [ReferenceLine(value: 1, label: "lift = 1")]
        )
        let svg = chart.svg()
        #expect(occurrences(of: "<title>", in: svg) == 1 + 3)  // the chart title and one tooltip per bar
        #expect(occurrences(of: ">n/a</text>", in: svg) == 3)
        #expect(svg.contains(">lift = 1</text>"))
        #expect(svg.contains(">k-means</text>") && svg.contains(">rules</text>"))
        #expect(!svg.lowercased().contains("nan"))
        #expect(xmlParseError(svg) == nil)
        let empty = BarChart(title: "Nothing", categories: ["A"], series: [.init(name: "s", values: [nil])], yLabel: "y")
        #expect(empty.svg().contains(">no data</text>"))
    }

    @Test("heatmap: a cell per entry with its value, n/a for non-finite, a single-hue scale")
    func heatmap() {
        let chart = HeatmapChart(
            title: "Transitions", rowLabels: ["A", "B"], columnLabels: ["A", "B"],
            values: [[0.9, 0.1], [0.25, .nan]], rowAxisLabel: "from", columnAxisLabel: "to",
            valueFormat: .percent(fractionDigits: 0)
        )
        let svg = chart.svg()
        #expect(svg.contains(">90%</text>") && svg.contains(">10%</text>") && svg.contains(">25%</text>"))
        #expect(svg.contains(">n/a</text>"))
        #expect(occurrences(of: "<title>", in: svg) == 1 + 4)
        #expect(!svg.lowercased().contains("nan"))
        #expect(HeatmapChart.ValueFormat.decimal(fractionDigits: 2).format(0.5) == "0.50")
        #expect(xmlParseError(svg) == nil)
    }

    @Test("every chart of the example report is well-formed XML")
    func chartsAreWellFormed() {
        for section in makeExampleReport().sections {
            for case let .chart(chart) in section.blocks {
                let svg = chart.svg()
                #expect(xmlParseError(svg) == nil, "\(chart.title): \(xmlParseError(svg) ?? "")")
                #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
            }
        }
    }

    @Test("markup in chart text is escaped and stays well-formed")
    func chartEscaping() {
        let chart = BarChart(title: "<script>alert('x')</script> & \"quotes\"", categories: ["a<b", "c&d"],
                             series: [.init(name: "s>1", values: [1, 2])], yLabel: "y \u{1}")
        let svg = chart.svg()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(xmlParseError(svg) == nil)
    }

    @Test("long labels are angled and the chart grows to fit them; so does a long legend")
    func crowdedCharts() {
        let names = (0..<12).map { "Segment with a long name \($0)" }
        let bars = BarChart(title: "Many", categories: names, series: [.init(name: "s", values: names.map { _ in 1 })],
                            yLabel: "y").svg()
        #expect(occurrences(of: "transform=\"rotate(-35 ", in: bars) == 12)
        #expect(!bars.contains("viewBox=\"0 0 720 320\""))
        #expect(xmlParseError(bars) == nil)
        let heatmap = HeatmapChart(title: "Wide", rowLabels: names, columnLabels: names,
                                   values: names.map { _ in names.map { _ in 0.5 } }).svg()
        #expect(occurrences(of: "transform=\"rotate(-45 ", in: heatmap) == 12)
        #expect(xmlParseError(heatmap) == nil)
        let lines = LineChart(title: "Legend", xLabel: "x", yLabel: "y",
                              series: names.map { .init(name: $0 + " (a variant)", points: [(0, 1), (1, 2)]) }).svg()
        #expect(!lines.contains("viewBox=\"0 0 720 320\""))
        #expect(occurrences(of: "<polyline", in: lines) == 12)
        #expect(lines.contains("stroke-dasharray=\"7 4\""))
    }

    @Test("the well-formedness check itself rejects malformed markup")
    func xmlCheckRejectsMalformed() {
        #expect(xmlParseError("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>") != nil)
        #expect(xmlParseError("<svg>a & b</svg>") != nil)
        #expect(xmlParseError("<svg><text>ok</text></svg>") == nil)
    }

    @Test("extreme finite values still give finite coordinates and labels", arguments: [false, true])
    func extremeValues(logScale: Bool) {
        let chart = LineChart(title: "Extremes", xLabel: "x", yLabel: "y",
                              series: [.init(name: "s", points: [(-1e308, 1.7e308), (0, Double.leastNonzeroMagnitude), (1e308, 1), (2, -1e308)])],
                              yLogScale: logScale)
        let svg = chart.svg()
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
        #expect(!svg.contains("n/a"))
        #expect(xmlParseError(svg) == nil)
    }
}
