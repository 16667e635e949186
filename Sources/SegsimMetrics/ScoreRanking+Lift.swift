extension ScoreRanking {
    /// The positive rate and lift of `groupCount` equal groups of customers by descending score.
    ///
    /// Group g holds ranks ⌊g·n/G⌋ ..< ⌊(g+1)·n/G⌋, so sizes differ by at most one; ties
    /// across a boundary are split by customer index (see ``ScoreRanking``). With fewer
    /// customers than groups some groups are empty and their rate is not applicable.
    /// - Parameter groupCount: the number of groups, 10 for deciles; must be at least 1.
    /// - Throws: ``MetricError/invalidParameter(field:value:requirement:)`` when `groupCount < 1`.
    /// - Complexity: O(n).
    public func liftByQuantile(groupCount: Int) throws(MetricError) -> [LiftGroup] {
        guard groupCount >= 1 else {
            throw .invalidParameter(field: "groupCount", value: Double(groupCount), requirement: ">= 1")
        }
        let n = customers
        let base = overallRate
        return rankedOutcomes.withUnsafeBufferPointer { ranked in
            (0..<groupCount).map { g in
                let start = g * n / groupCount, end = (g + 1) * n / groupCount
                var groupPositives = 0
                for i in start..<end { groupPositives &+= ranked[i] ? 1 : 0 }
                return LiftGroup(customers: end - start, positives: groupPositives, overallRate: base)
            }
        }
    }

    /// The positive rate and lift of each score decile, highest scores first.
    /// - Complexity: O(n).
    public func liftByDecile() -> [LiftGroup] {
        // groupCount 10 is valid, so this cannot throw.
        (try? liftByQuantile(groupCount: 10)) ?? []
    }

    /// The cumulative gains curve: the share of all positives among the top x of customers by
    /// score, for each x in `points`.
    ///
    /// Between whole customers the curve is linear (x·n customers may be fractional), matching
    /// the segment curve of ``SegmentLift/cumulativeGains(order:points:)``.
    /// - Parameter points: customer shares in [0, 1], any order; default every 5%.
    /// - Returns: one point per entry of `points`, in the same order; not applicable when there
    ///   are no customers or no positives.
    /// - Throws: ``MetricError/invalidParameter(field:value:requirement:)`` for a point outside [0, 1].
    /// - Complexity: O(n + p log p) for p points: one pass down the ranking.
    public func cumulativeGains(points: [Double] = GainsPoint.standardGrid) throws(MetricError) -> [GainsPoint] {
        try validateGainsPoints(points)
        guard customers > 0, positives > 0 else {
            let reason = customers > 0 ? "no positive outcomes" : "no customers"
            return points.map { GainsPoint(customerShare: $0, positiveShare: .notApplicable(reason: reason)) }
        }
        let n = customers
        var shares = [MetricValue](repeating: .value(0), count: points.count)
        let byShare = points.indices.sorted { points[$0] < points[$1] }
        rankedOutcomes.withUnsafeBufferPointer { ranked in
            var taken = 0          // customers counted so far (a prefix of the ranking)
            var captured = 0       // positives among them
            for p in byShare {
                let target = points[p] * Double(n)
                let whole = min(n, Int(target.rounded(.down)))
                while taken < whole {
                    captured &+= ranked[taken] ? 1 : 0
                    taken += 1
                }
                let fraction = whole < n && ranked[whole] ? target - Double(whole) : 0
                shares[p] = .value((Double(captured) + fraction) / Double(positives))
            }
        }
        return zip(points, shares).map { GainsPoint(customerShare: $0, positiveShare: $1) }
    }
}
