import Foundation
import SegsimReport
import Testing

@Suite("HTMLReport")
struct HTMLReportTests {
    @Test("the report has one <svg per chart and one TOC link per section")
    func structure() {
        let report = makeExampleReport()
        let html = report.render()
        let charts = report.sections.flatMap(\.blocks).filter { if case .chart = $0 { true } else { false } }.count
        #expect(charts == 6)
        #expect(occurrences(of: "<svg", in: html) == charts)
        #expect(occurrences(of: "<section id=", in: html) == report.sections.count)
        for index in report.sections.indices {
            let anchor = report.anchor(forSection: index)
            #expect(occurrences(of: "href=\"#\(anchor)\"", in: html) == 1)
            #expect(occurrences(of: "id=\"\(anchor)\"", in: html) == 1)
        }
        #expect(report.anchor(forSection: 1) == "s2-latency-throughput")
        #expect(html.contains("<p class=\"notice\" role=\"note\">The oracle reads ground truth"))
        #expect(html.contains("<td class=\"num\">0.812</td>"))
        #expect(html.contains("<dt>seed</dt><dd>42</dd>"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("rendering is byte-identical for the same input")
    func deterministic() {
        let first = makeExampleReport().render()
        let second = makeExampleReport().render()
        #expect(first == second)
        #expect(Data(first.utf8) == Data(second.utf8))
    }

    @Test("text is escaped everywhere: title, metadata, headings, paragraphs, tables")
    func escaping() {
        var section = HTMLReport.Section(heading: "<script>alert(1)</script>")
        section.paragraph("a < b && c > d")
        section.table(Table(header: ["<th>"], rows: [["\"quoted\" 'single'"]]))
        let report = HTMLReport(title: "<script>alert('title')</script>", metadata: [("k<", "v&")], sections: [section])
        let html = report.render()
        #expect(!html.contains("<script>"))
        #expect(html.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>"))
        #expect(html.contains("<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>"))
        #expect(html.contains("<p>a &lt; b &amp;&amp; c &gt; d</p>"))
        #expect(html.contains("<td>&quot;quoted&quot; &#39;single&#39;</td>"))
        #expect(html.contains("<dt>k&lt;</dt><dd>v&amp;</dd>"))
    }

    @Test("no network references other than the SVG namespace")
    func offline() {
        let html = makeExampleReport().render()
        #expect(urls(in: html, scheme: "https").isEmpty)
        #expect(Set(urls(in: html, scheme: "http")) == ["http://www.w3.org/2000/svg"])
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"))
        #expect(!html.lowercased().contains("nan") && !html.contains("inf<") && !html.contains("\"inf"))
    }

    @Test("a table pads short rows and right-aligns numeric columns")
    func table() {
        let html = Table(caption: "c", header: ["name", "value"], rows: [["a", "1"], ["b"]], numericColumns: [1]).html()
        #expect(html.contains("<th scope=\"col\" class=\"num\">value</th>"))
        #expect(html.contains("<tr><td>b</td><td class=\"num\"></td></tr>"))
        #expect(html.contains("<caption>c</caption>"))
    }

    /// Writes the example report (and its charts as standalone SVGs) when SEGSIM_REPORT_EXAMPLE
    /// names an output path, for looking at by eye; does nothing otherwise.
    @Test("the example report can be written to disk")
    func writeExample() throws {
        guard let path = ProcessInfo.processInfo.environment["SEGSIM_REPORT_EXAMPLE"] else { return }
        let report = makeExampleReport()
        try report.write(to: URL(fileURLWithPath: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == report.render())
        let charts = report.sections.flatMap(\.blocks).compactMap { if case let .chart(chart) = $0 { chart } else { nil } }
        for (index, chart) in charts.enumerated() {
            try chart.svg().write(toFile: path + ".chart\(index + 1).svg", atomically: true, encoding: .utf8)
        }
    }
}
