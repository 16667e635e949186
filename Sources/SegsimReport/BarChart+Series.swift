extension BarChart {
    /// One named set of bars of a ``BarChart``, one value per category.
    public struct Series: Hashable, Sendable {
        /// The name shown in the legend and in bar tooltips.
        public var name: String
        /// The value per category, in category order; `nil` (or a missing trailing entry) means no data.
        public var values: [Double?]

        /// A series named `name` with one value (or `nil`) per category.
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }

        /// The drawable value for category `index`: `nil` if absent or non-finite.
        func value(at index: Int) -> Double? {
            guard values.indices.contains(index), let value = values[index], value.isFinite else { return nil }
            return value
        }
    }
}
