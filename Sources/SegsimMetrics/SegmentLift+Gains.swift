extension SegmentLift {
    /// The cumulative gains curve of a segment-only strategy that acts on whole segments in
    /// `order`.
    ///
    /// A rule without a score cannot rank customers inside a segment, so within a segment
    /// positives are taken at the segment's average rate and the curve is linear between segment
    /// boundaries. Segments missing from `order` are taken last, in index order, so the curve
    /// always reaches (1, 1).
    /// - Parameters:
    ///   - order: the segments from best to worst, each at most once.
    ///   - points: customer shares in [0, 1], any order; default every 5%.
    /// - Returns: one point per entry of `points`, in the same order; the positive shares are not
    ///   applicable when there are no customers or no positives.
    /// - Throws: ``MetricError`` when `order` lists a segment out of range or twice, or a point
    ///   is outside [0, 1].
    /// - Complexity: O(k · p) for p points.
    public func cumulativeGains(order: [UInt8], points: [Double] = GainsPoint.standardGrid) throws(MetricError) -> [GainsPoint] {
        try validateGainsPoints(points)
        var listed = [Bool](repeating: false, count: segmentCount)
        for (index, segment) in order.enumerated() {
            guard Int(segment) < segmentCount else {
                throw .segmentOutOfRange(field: "order", index: index, segment: Int(segment), segmentCount: segmentCount)
            }
            guard !listed[Int(segment)] else { throw .duplicateSegment(field: "order", index: index, segment: Int(segment)) }
            listed[Int(segment)] = true
        }
        let fullOrder = order.map(Int.init) + (0..<segmentCount).filter { !listed[$0] }
        guard customers > 0, positives > 0 else {
            let reason = customers > 0 ? "no positive outcomes" : "no customers"
            return points.map { GainsPoint(customerShare: $0, positiveShare: .notApplicable(reason: reason)) }
        }
        return points.map { share in
            let target = share * Double(customers)
            var taken = 0.0, captured = 0.0
            for s in fullOrder {
                let group = segments[s]
                guard group.customers > 0 else { continue }
                let size = Double(group.customers)
                if taken + size >= target {
                    captured += (target - taken) / size * Double(group.positives)
                    break
                }
                taken += size
                captured += Double(group.positives)
            }
            return GainsPoint(customerShare: share, positiveShare: .value(min(1, captured / Double(positives))))
        }
    }
}
