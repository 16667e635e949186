/// The number of customers in each segment of a snapshot, indexed by segment.
///
/// The input to ``populationStabilityIndex(expected:actual:epsilon:)`` and the marginal of
/// most other metrics.
/// - Throws: ``MetricError`` when `segmentCount` is not in 1...256 or a segment index is
///   out of range.
/// - Complexity: O(n + k), one pass into a flat 256-entry table.
public func segmentSizes(_ segments: [UInt8], segmentCount: Int) throws(MetricError) -> [Int] {
    try validateSegmentCount(segmentCount)
    var table = [Int](repeating: 0, count: 256)
    table.withUnsafeMutableBufferPointer { counts in
        segments.withUnsafeBufferPointer { buffer in
            for s in buffer { counts[Int(s)] += 1 }
        }
    }
    if let segment = table[segmentCount...].firstIndex(where: { $0 > 0 }) {
        let index = segments.firstIndex(of: UInt8(segment)) ?? 0
        throw .segmentOutOfRange(field: "segments", index: index, segment: segment, segmentCount: segmentCount)
    }
    return Array(table[..<segmentCount])
}
