/// One entry of a chart legend: a name and how its series is drawn.
struct LegendEntry {
    enum Swatch { case line, block }

    var name: String
    var colour: String
    var dash: String?
    var swatch: Swatch
}
