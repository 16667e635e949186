extension HTMLReport {
    /// One titled part of a report, holding paragraphs, notices, tables and charts in order.
    public struct Section: Sendable {
        /// One piece of content of a section.
        public enum Block: Sendable {
            /// A paragraph of plain text (escaped; no markup).
            case paragraph(String)
            /// A paragraph set apart as a caveat, e.g. "oracle reads ground truth: an upper bound".
            case notice(String)
            /// Preformatted text in a monospace block, e.g. the scenario file.
            case preformatted(String)
            /// A table.
            case table(Table)
            /// A chart, embedded as inline SVG.
            case chart(any ReportChart)
        }

        /// The section heading, also its table-of-contents entry.
        public var heading: String
        /// The content, in page order.
        public var blocks: [Block]

        /// A section titled `heading` with optional initial content.
        public init(heading: String, blocks: [Block] = []) {
            self.heading = heading
            self.blocks = blocks
        }

        /// Adds `block` at the end of the section.
        public mutating func append(_ block: Block) {
            blocks.append(block)
        }

        /// Adds a plain-text paragraph.
        public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }

        /// Adds a distinctly styled caveat paragraph.
        public mutating func notice(_ text: String) { blocks.append(.notice(text)) }

        /// Adds a table.
        public mutating func table(_ table: Table) { blocks.append(.table(table)) }

        /// Adds a chart.
        public mutating func chart(_ chart: any ReportChart) { blocks.append(.chart(chart)) }

        /// The section as an HTML `<section>` with the given anchor id.
        func html(id: String) -> String {
            var html = "<section id=\"\(id)\">\n<h2>\(Markup.escape(heading))</h2>\n"
            for block in blocks {
                switch block {
                case let .paragraph(text):
                    html += "<p>\(Markup.escape(text))</p>\n"
                case let .notice(text):
                    html += "<p class=\"notice\" role=\"note\">\(Markup.escape(text))</p>\n"
                case let .preformatted(text):
                    html += "<pre>\(Markup.escape(text))</pre>\n"
                case let .table(table):
                    html += table.html()
                case let .chart(chart):
                    html += "<figure class=\"chart\">\n\(chart.svg())</figure>\n"
                }
            }
            return html + "</section>\n"
        }
    }
}
