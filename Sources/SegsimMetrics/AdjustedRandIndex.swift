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
    try SegmentContingency(first, second, segmentCount: segmentCount, fields: ("first", "second")).adjustedRandIndex
}
