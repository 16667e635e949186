/// Scoring retail features straight from ``RetailFeatures``, for the per-event streaming path.
extension LogisticRegression {
    /// The fitted probability for one customer's retail features: exactly `score(features.vector)`
    /// — the same row values, summed in the same order — without building the row.
    /// - Returns: nil where `score(_:)` throws: a model not fitted on the retail features, or a
    ///   feature that is not finite.
    /// - Complexity: O(1), no allocation.
    @inline(__always)
    public func score(_ features: RetailFeatures) -> Double? {
        let row = features.row
        guard coefficients.count == RetailFeatures.Row.count + 1 else { return nil }
        let eta = coefficients.withUnsafeBufferPointer { coefficient in
            // Term by term as `score(_:)` adds them: b₀ + b₁x₁ + … (no reassociation).
            var eta = coefficient[0]
            eta += coefficient[1] * row.recencyDays
            eta += coefficient[2] * row.hasPurchased
            eta += coefficient[3] * row.frequency
            eta += coefficient[4] * row.monetaryTotal
            eta += coefficient[5] * row.monetaryMean
            eta += coefficient[6] * row.viewEngagement
            eta += coefficient[7] * row.cartEngagement
            eta += coefficient[8] * row.sessionEngagement
            eta += coefficient[9] * row.sessionDepth
            eta += coefficient[10] * row.browsingBreadth
            eta += coefficient[11] * row.cartAbandonment
            return eta
        }
        // A non-finite feature makes η non-finite (±∞, or NaN through 0 · ∞), so a finite η needs
        // no check of the row; an infinite η from finite features still scores.
        guard eta.isFinite || row.isFinite else { return nil }
        return Self.sigmoid(eta)
    }
}
