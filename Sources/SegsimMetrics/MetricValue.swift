/// The value of a metric, or the reason it does not apply.
///
/// Used wherever a metric can be undefined — the AUC of a rule without a score, the dwell time
/// of a segment nobody left, a lift with no positives — so that "not applicable" is never
/// confused with a 0 or hidden in a NaN.
public enum MetricValue: Sendable, Hashable {
    /// A defined, finite value.
    case value(Double)
    /// The metric is undefined for this input; `reason` says why, for reports.
    case notApplicable(reason: String)

    /// The number, or `nil` when the metric does not apply.
    public var number: Double? {
        if case let .value(x) = self { return x }
        return nil
    }

    /// Whether the metric applies.
    public var isApplicable: Bool { number != nil }

    /// The reason the metric does not apply, or `nil` when it does.
    public var notApplicableReason: String? {
        if case let .notApplicable(reason) = self { return reason }
        return nil
    }

    /// Applies `transform` to the number, keeping a not-applicable value (and its reason) as is.
    public func map(_ transform: (Double) -> Double) -> MetricValue {
        switch self {
        case let .value(x): .value(transform(x))
        case .notApplicable: self
        }
    }
}

extension MetricValue: CustomStringConvertible {
    /// The number as Swift prints it, or `n/a (reason)`.
    public var description: String {
        switch self {
        case let .value(x): "\(x)"
        case let .notApplicable(reason): "n/a (\(reason))"
        }
    }
}
