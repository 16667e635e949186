/// One point of a cumulative gains curve: the share of all positives captured by acting on the
/// top `customerShare` of customers.
///
/// A random ordering gives the diagonal (positiveShare = customerShare); the further above it,
/// the better the ordering concentrates positives.
public struct GainsPoint: Sendable, Hashable, Codable {
    /// The share of customers acted on, in [0, 1].
    public let customerShare: Double
    /// The share of all positives among them; not applicable when there are no positives.
    public let positiveShare: MetricValue

    /// A point of the curve.
    public init(customerShare: Double, positiveShare: MetricValue) {
        self.customerShare = customerShare
        self.positiveShare = positiveShare
    }

    /// The customer shares 0, 0.05, …, 1 (21 points, every 5%).
    public static let standardGrid: [Double] = (0...20).map { Double($0) / 20 }
}

/// Throws unless every point is a finite share in [0, 1].
func validateGainsPoints(_ points: [Double]) throws(MetricError) {
    if let index = points.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
        throw .invalidParameter(field: "points[\(index)]", value: points[index], requirement: "a share in [0, 1]")
    }
}
