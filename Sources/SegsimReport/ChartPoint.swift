/// One (x, y) point of a line-chart series.
public struct ChartPoint: Hashable, Sendable {
    /// The horizontal value, in the x axis's unit.
    public var x: Double
    /// The vertical value, in the y axis's unit.
    public var y: Double

    /// A point at (`x`, `y`); non-finite coordinates are allowed and simply not drawn.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite, so the point can be drawn.
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
