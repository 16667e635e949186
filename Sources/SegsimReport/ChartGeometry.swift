/// Shared sizes, colours and text metrics of the charts, so every chart in a report looks alike.
enum ChartGeometry {
    static let width = 720.0
    static let height = 320.0
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    /// Main text colour.
    static let ink = "#222222"
    /// Secondary text (tick labels, notes).
    static let mutedInk = "#555555"
    /// Axis lines.
    static let axis = "#444444"
    /// Grid lines.
    static let grid = "#e3e3e3"
    /// Reference lines (SLO bounds, diagonals).
    static let reference = "#555555"

    /// A rough width of `text` at font `size`: proportional fonts average a little over half an em.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }

    /// Whether the segment from `a` to `b` touches the axis-aligned box (Liang–Barsky clipping).
    static func segment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double),
                        intersects box: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> Bool {
        var (enter, exit) = (0.0, 1.0)
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        for (p, q) in [(-dx, a.x - box.minX), (dx, box.maxX - a.x), (-dy, a.y - box.minY), (dy, box.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { enter = max(enter, r) } else { exit = min(exit, r) }
                if enter > exit { return false }
            }
        }
        return true
    }

    /// `text` shortened with "…" so its estimated width fits `width`.
    static func truncated(_ text: String, toWidth width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        let keep = max(1, Int(width / (size * 0.56)) - 1)
        return String(text.prefix(keep)) + "…"
    }
}
