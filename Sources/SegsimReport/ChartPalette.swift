/// The Okabe–Ito colour-blind-safe palette, ordered so the first colours contrast best on white.
///
/// Series beyond the eighth reuse the colours with a dash pattern, so they stay distinguishable.
public enum ChartPalette {
    /// Blue, orange, bluish green, vermillion, reddish purple, sky blue, black, yellow.
    public static let okabeIto = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#000000", "#f0e442"]

    /// The colour of series number `index` (0-based).
    public static func colour(forSeries index: Int) -> String {
        okabeIto[max(index, 0) % okabeIto.count]
    }

    /// The SVG `stroke-dasharray` of series number `index`: `nil` (solid) for the first cycle of
    /// colours, then dashes, then dots.
    public static func dashPattern(forSeries index: Int) -> String? {
        switch max(index, 0) / okabeIto.count {
        case 0: return nil
        case 1: return "7 4"
        default: return "2 3"
        }
    }
}
