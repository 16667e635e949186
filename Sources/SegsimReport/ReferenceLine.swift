/// A labelled horizontal line at a fixed y value, such as an SLO bound or "lift = 1".
public struct ReferenceLine: Hashable, Sendable {
    /// The y value the line is drawn at, in the y axis's unit.
    public var value: Double
    /// The text written next to the line, e.g. "SLO 250 ms".
    public var label: String

    /// A reference line at `value` labelled `label`; the y axis always widens to include it.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
