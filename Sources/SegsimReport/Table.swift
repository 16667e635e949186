/// A table of text cells rendered as an HTML `<table>`, with optional right-aligned numeric columns.
///
/// Cells are plain text (escaped on output); format numbers before adding them, e.g. with
/// ``NumberFormatting/decimal(_:fractionDigits:dropsTrailingZeros:)``.
public struct Table: Hashable, Sendable {
    /// An optional caption shown above the table.
    public var caption: String?
    /// The column headings.
    public var header: [String]
    /// The rows; short rows are padded with empty cells to the widest row or header.
    public var rows: [[String]]
    /// Indices of columns that hold numbers: right-aligned with tabular digits so magnitudes line up.
    public var numericColumns: Set<Int>

    /// A table with `header` and `rows`; `numericColumns` lists the 0-based columns to right-align.
    public init(caption: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The table as an HTML fragment (wrapped in a horizontally scrolling container for wide tables).
    public func html() -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func cells(_ values: [String], tag: String, scope: String?) -> String {
            (0..<columns).map { column in
                var open = "<\(tag)"
                if let scope { open += " scope=\"\(scope)\"" }
                if numericColumns.contains(column) { open += " class=\"num\"" }
                let text = values.indices.contains(column) ? Markup.escape(values[column]) : ""
                return open + ">" + text + "</\(tag)>"
            }.joined()
        }
        var html = "<div class=\"table-wrap\">\n<table>\n"
        if let caption { html += "<caption>\(Markup.escape(caption))</caption>\n" }
        if !header.isEmpty { html += "<thead><tr>" + cells(header, tag: "th", scope: "col") + "</tr></thead>\n" }
        html += "<tbody>\n"
        for row in rows { html += "<tr>" + cells(row, tag: "td", scope: nil) + "</tr>\n" }
        return html + "</tbody>\n</table>\n</div>\n"
    }
}
