/// Per-segment outcome rates and lift of one snapshot against ground-truth outcomes.
///
/// Built in one pass into flat per-segment counts; answers which segment a strategy would act
/// on, how well it concentrates positives, and (with ``cumulativeGains(order:points:)``) the
/// gains curve of acting on whole segments in order.
public struct SegmentLift: Sendable, Hashable, Codable {
    /// The number of segments k.
    public let segmentCount: Int
    /// Customer count, positives, rate and lift of each segment, in index order.
    public let segments: [LiftGroup]
    /// All customers.
    public let customers: Int
    /// All customers with a positive outcome.
    public let positives: Int
    /// `positives / customers`; not applicable without customers.
    public let overallRate: MetricValue

    /// Tallies `outcomes` by segment.
    /// - Parameters:
    ///   - segments: each customer's segment index.
    ///   - outcomes: each customer's ground-truth outcome (e.g. purchased within the horizon).
    ///   - segmentCount: the number of segments k (1...256).
    /// - Throws: ``MetricError`` on mismatched lengths, a bad `segmentCount` or an out-of-range
    ///   segment.
    /// - Complexity: O(n + k).
    public init(segments: [UInt8], outcomes: [Bool], segmentCount: Int) throws(MetricError) {
        try validateSegmentCount(segmentCount)
        try validateLength(outcomes.count, expected: segments.count, field: "outcomes")
        try validateSegments(segments, segmentCount: segmentCount, field: "segments")
        var customerCounts = [Int](repeating: 0, count: segmentCount)
        var positiveCounts = [Int](repeating: 0, count: segmentCount)
        customerCounts.withUnsafeMutableBufferPointer { customerTable in
            positiveCounts.withUnsafeMutableBufferPointer { positiveTable in
                segments.withUnsafeBufferPointer { segment in
                    outcomes.withUnsafeBufferPointer { outcome in
                        for i in 0..<segment.count {
                            let s = Int(segment[i])
                            customerTable[s] &+= 1
                            positiveTable[s] &+= outcome[i] ? 1 : 0
                        }
                    }
                }
            }
        }
        self.init(customersBySegment: customerCounts, positivesBySegment: positiveCounts)
    }

    /// Lift from per-segment counts already tallied elsewhere (e.g. merged across shards).
    /// - Precondition: both arrays have the same length in 1...256, with
    ///   `0 <= positives[s] <= customers[s]`.
    init(customersBySegment: [Int], positivesBySegment: [Int]) {
        segmentCount = customersBySegment.count
        customers = customersBySegment.reduce(0, +)
        positives = positivesBySegment.reduce(0, +)
        let base = SegsimMetrics.overallRate(customers: customers, positives: positives)
        overallRate = base
        segments = zip(customersBySegment, positivesBySegment).map {
            LiftGroup(customers: $0, positives: $1, overallRate: base)
        }
    }

    /// The segment a strategy acts on first: the first segment of `order` (the strategy's own
    /// ranking, e.g. the "high" tier first) that has customers in this snapshot.
    ///
    /// Returns `nil` when no listed, in-range segment has customers.
    public func topSegment(order: [UInt8]) -> UInt8? {
        order.first { Int($0) < segmentCount && segments[Int($0)].customers > 0 }
    }

    /// The lift of ``topSegment(order:)``; not applicable when there is none.
    public func topLift(order: [UInt8]) -> MetricValue {
        guard let top = topSegment(order: order) else {
            return .notApplicable(reason: "no segment of the order has customers")
        }
        return segments[Int(top)].lift
    }

    /// The non-empty segment with the highest positive rate (the lowest index among ties), or
    /// `nil` when there are no customers: the segment an oracle reading these outcomes would pick.
    public var bestSegmentByRate: UInt8? {
        var best: Int?
        var bestRate = -Double.infinity
        for (s, group) in segments.enumerated() {
            if let rate = group.rate.number, rate > bestRate {
                best = s
                bestRate = rate
            }
        }
        return best.map { UInt8($0) }
    }
}
