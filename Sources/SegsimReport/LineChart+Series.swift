extension LineChart {
    /// One named line of a ``LineChart``.
    public struct Series: Hashable, Sendable {
        /// The name shown in the legend and as the line's tooltip.
        public var name: String
        /// The points, drawn in the given order (sort by x for time series).
        public var points: [ChartPoint]
        /// Whether each point also gets a marker dot (useful for sparse series); a series with a
        /// single drawable point always gets one.
        public var showsPoints: Bool

        /// A series named `name` through `points`.
        public init(name: String, points: [ChartPoint], showsPoints: Bool = false) {
            self.name = name
            self.points = points
            self.showsPoints = showsPoints
        }

        /// A series named `name` through `(x, y)` pairs, for call sites that already hold tuples.
        public init(name: String, points: [(x: Double, y: Double)], showsPoints: Bool = false) {
            self.init(name: name, points: points.map { ChartPoint(x: $0.x, y: $0.y) }, showsPoints: showsPoints)
        }

        /// A series named `name` pairing `x[i]` with `y[i]` (extra values of the longer array are ignored).
        public init(name: String, x: [Double], y: [Double], showsPoints: Bool = false) {
            self.init(name: name, points: zip(x, y).map { ChartPoint(x: $0, y: $1) }, showsPoints: showsPoints)
        }
    }
}
