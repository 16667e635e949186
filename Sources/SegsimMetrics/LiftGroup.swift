/// The outcome rate of one group of customers (a segment, or a score decile) and its lift.
///
/// Lift is the group's positive rate divided by the overall rate: 2 means the group holds
/// positives at twice the base rate, which is what acting on it first would gain.
public struct LiftGroup: Sendable, Hashable, Codable {
    /// Customers in the group.
    public let customers: Int
    /// Customers in the group with a positive outcome.
    public let positives: Int
    /// `positives / customers`; not applicable for an empty group.
    public let rate: MetricValue
    /// `rate / overallRate`; not applicable for an empty group or when there are no positives
    /// at all.
    public let lift: MetricValue

    /// A group of `customers` with `positives`, in a population whose positive rate is
    /// `overallRate`.
    public init(customers: Int, positives: Int, overallRate: MetricValue) {
        self.customers = customers
        self.positives = positives
        if customers > 0 {
            rate = .value(Double(positives) / Double(customers))
        } else {
            rate = .notApplicable(reason: "empty group")
        }
        switch (rate, overallRate) {
        case let (.value(r), .value(base)) where base > 0:
            lift = .value(r / base)
        case (.notApplicable, _):
            lift = rate
        case (_, .notApplicable):
            lift = overallRate
        case (.value, .value):
            lift = .notApplicable(reason: "no positive outcomes overall")
        }
    }
}

/// The positive rate of a population, not applicable when it is empty.
func overallRate(customers: Int, positives: Int) -> MetricValue {
    customers > 0 ? .value(Double(positives) / Double(customers)) : .notApplicable(reason: "no customers")
}
