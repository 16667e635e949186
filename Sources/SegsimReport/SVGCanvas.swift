/// Accumulates SVG elements with consistently formatted coordinates and escaped text.
struct SVGCanvas {
    /// Horizontal alignment of text relative to its anchor point.
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double = ChartGeometry.width, height: Double = ChartGeometry.height) {
        self.width = width
        self.height = height
    }

    static func number(_ value: Double) -> String { NumberFormatting.coordinate(value) }

    /// Appends already-built markup verbatim.
    mutating func raw(_ markup: String) {
        body += markup
        body += "\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       width strokeWidth: Double = 1, dash: String? = nil) {
        var element = "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
        element += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        raw(element + "/>")
    }

    mutating func rect(x: Double, y: Double, width rectWidth: Double, height rectHeight: Double, fill: String,
                       stroke: String? = nil, dash: String? = nil, tooltip: String? = nil) {
        var element = "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, rectWidth)))\""
        element += " height=\"\(Self.number(max(0, rectHeight)))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\"" }
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        raw(Self.close(element, tag: "rect", tooltip: tooltip))
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, tooltip: String? = nil) {
        let element = "<circle cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(r))\" fill=\"\(fill)\""
        raw(Self.close(element, tag: "circle", tooltip: tooltip))
    }

    /// An unfilled polyline through `points`, or a step path (horizontal then vertical) if `steps`.
    mutating func polyline(_ points: [(x: Double, y: Double)], steps: Bool, stroke: String, width strokeWidth: Double,
                           dash: String?, tooltip: String?) {
        let style = " fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        if steps {
            var d = ""
            for (index, point) in points.enumerated() {
                if index == 0 {
                    d += "M\(Self.number(point.x)) \(Self.number(point.y))"
                } else {
                    d += " H\(Self.number(point.x)) V\(Self.number(point.y))"
                }
            }
            raw(Self.close("<path d=\"\(d)\"" + style, tag: "path", tooltip: tooltip))
        } else {
            let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
            raw(Self.close("<polyline points=\"\(list)\"" + style, tag: "polyline", tooltip: tooltip))
        }
    }

    /// Text at (`x`, `y`) (the baseline), optionally rotated about that point and with a white halo
    /// so it stays legible over grid lines and data.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                       bold: Bool = false, fill: String = ChartGeometry.ink, rotation: Double? = nil,
                       halo: Bool = false) {
        var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        if size != 12 { element += " font-size=\"\(Self.number(size))\"" }
        if bold { element += " font-weight=\"bold\"" }
        element += " fill=\"\(fill)\""
        if let rotation { element += " transform=\"rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))\"" }
        if halo { element += " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        raw(element + ">" + Markup.escape(content) + "</text>")
    }

    /// The complete SVG document: namespace, `viewBox` (so CSS can scale it), accessible title,
    /// white background, then the accumulated body.
    func document(title: String) -> String {
        let w = Self.number(width), h = Self.number(height)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        svg += " role=\"img\" font-family=\"\(ChartGeometry.fontFamily)\" font-size=\"12\">\n"
        svg += "<title>\(Markup.escape(title))</title>\n"
        svg += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        return svg + body + "</svg>\n"
    }

    /// Closes `element` (an open `<tag …` start) as empty, or around a `<title>` tooltip.
    private static func close(_ element: String, tag: String, tooltip: String?) -> String {
        guard let tooltip else { return element + "/>" }
        return element + "><title>" + Markup.escape(tooltip) + "</title></" + tag + ">"
    }
}
