/// The Hubert–Arabie adjusted Rand index between two partitions of the same customers.
///
/// Counts pairs of customers placed together in both partitions, corrected for the agreement
/// expected by chance: 1 for identical partitions (whatever the labels), about 0 for unrelated
/// ones, negative for less agreement than chance. Built from the k×k contingency table:
///
///     ARI = (Σ C(nᵢⱼ,2) − E) / (½(Σ C(aᵢ,2) + Σ C(bⱼ,2)) − E),  E = Σ C(aᵢ,2) · Σ C(bⱼ,2) / C(n,2)
///
/// Degenerate cases: the denominator is 0 only when both partitions put everyone in one cluster,
/// or both put everyone in a cluster of their own; the partitions are then identical and the
/// index is defined as 1. With fewer than two customers there are no pairs and the index is
/// not applicable.
/// - Parameter segmentCount: the number of segments k (1...256) of both snapshots.
/// - Throws: ``MetricError`` on mismatched lengths, a bad `segmentCount` or an out-of-range segment.
/// - Complexity: O(n + k²) time, O(k²) memory.
public func adjustedRandIndex(_ first: [UInt8], _ second: [UInt8], segmentCount: Int) throws(MetricError) -> MetricValue {
    try validateSegmentCount(segmentCount)
    try validateLength(second.count, expected: first.count, field: "second")
    try validateSegments(first, segmentCount: segmentCount, field: "first")
    try validateSegments(second, segmentCount: segmentCount, field: "second")
    let n = first.count
    guard n >= 2 else { return .notApplicable(reason: "fewer than two customers: no pairs to compare") }

    let k = segmentCount
    var table = [Int](repeating: 0, count: k * k)
    table.withUnsafeMutableBufferPointer { cells in
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                for i in 0..<n { cells[Int(a[i]) &* k &+ Int(b[i])] &+= 1 }
            }
        }
    }
    // Pair counts stay below C(10⁸, 2) ≈ 5·10¹⁵ < 2⁶³, so the integer sums are exact.
    func pairs(_ m: Int) -> Int { m * (m - 1) / 2 }
    var rowSizes = [Int](repeating: 0, count: k)
    var columnSizes = [Int](repeating: 0, count: k)
    var together = 0
    for i in 0..<k {
        for j in 0..<k {
            let m = table[i * k + j]
            rowSizes[i] += m
            columnSizes[j] += m
            together += pairs(m)
        }
    }
    let rowPairs = Double(rowSizes.reduce(0) { $0 + pairs($1) })
    let columnPairs = Double(columnSizes.reduce(0) { $0 + pairs($1) })
    let expected = rowPairs * columnPairs / Double(pairs(n))
    let maximum = (rowPairs + columnPairs) / 2
    guard maximum != expected else { return .value(1) }
    return .value((Double(together) - expected) / (maximum - expected))
}
