/// Counts of segment-to-segment moves, accumulated over consecutive snapshot pairs.
///
/// Entry (from, to) counts customer-intervals that began in segment `from` and ended in `to`,
/// so row sums are customer-intervals spent in each segment and off-diagonal entries are exits.
/// Stored flat, row-major, k×k `Int`s (at most 512 KiB for 256 segments).
public struct TransitionMatrix: Sendable, Hashable {
    /// The number of segments k.
    public let segmentCount: Int
    /// The k×k counts, row-major: `counts[from * segmentCount + to]`.
    public private(set) var counts: [Int]
    /// The number of snapshot pairs added.
    public private(set) var pairCount: Int = 0

    /// An empty matrix for `segmentCount` segments.
    /// - Throws: ``MetricError/invalidSegmentCount(_:)`` unless `segmentCount` is in 1...256.
    public init(segmentCount: Int) throws(MetricError) {
        try validateSegmentCount(segmentCount)
        self.segmentCount = segmentCount
        self.counts = [Int](repeating: 0, count: segmentCount * segmentCount)
    }

    /// A matrix from validated parts (decoding).
    init(validatedSegmentCount segmentCount: Int, counts: [Int], pairCount: Int) {
        self.segmentCount = segmentCount
        self.counts = counts
        self.pairCount = pairCount
    }

    /// Adds the moves between two consecutive snapshots of the same customers.
    ///
    /// Validates both snapshots before counting, so a throw leaves the matrix unchanged.
    /// - Throws: ``MetricError`` on mismatched lengths or an out-of-range segment.
    /// - Complexity: O(n).
    public mutating func add(previous: [UInt8], current: [UInt8]) throws(MetricError) {
        add(try SegmentContingency(previous: previous, current: current, segmentCount: segmentCount))
    }

    /// Adds the moves counted in `table`, two consecutive snapshots over the same segments.
    /// - Precondition: `table.segmentCount == segmentCount`.
    /// - Complexity: O(k²).
    public mutating func add(_ table: SegmentContingency) {
        precondition(table.segmentCount == segmentCount, "a transition table over other segments")
        for index in counts.indices { counts[index] += table.counts[index] }
        pairCount += 1
    }

    /// Adds the counts of another matrix over the same segments (another shard or replication).
    /// - Throws: ``MetricError/mismatchedLengths(field:expected:actual:)`` when the segment
    ///   counts differ.
    public mutating func merge(_ other: TransitionMatrix) throws(MetricError) {
        try validateLength(other.segmentCount, expected: segmentCount, field: "other.segmentCount")
        for i in counts.indices { counts[i] += other.counts[i] }
        pairCount += other.pairCount
    }

    /// The number of customer-intervals that began in `from` and ended in `to` (0 when either
    /// index is out of range).
    public func count(from: Int, to: Int) -> Int {
        guard (0..<segmentCount).contains(from), (0..<segmentCount).contains(to) else { return 0 }
        return counts[from * segmentCount + to]
    }

    /// Customer-intervals that began in `segment` (the row sum; 0 when out of range).
    public func intervals(in segment: Int) -> Int {
        guard (0..<segmentCount).contains(segment) else { return 0 }
        return counts[segment * segmentCount ..< (segment + 1) * segmentCount].reduce(0, +)
    }

    /// Customer-intervals that began in `segment` and ended elsewhere (0 when out of range).
    public func exits(from segment: Int) -> Int {
        intervals(in: segment) - count(from: segment, to: segment)
    }

    /// The shares of row `from`: where customers in `from` were one snapshot later — an estimate
    /// of the one-step transition probabilities. Not applicable when nobody was in `from`.
    public func rowShares(from: Int) -> [MetricValue] {
        let total = intervals(in: from)
        guard total > 0 else {
            let reason = (0..<segmentCount).contains(from)
                ? "no customer-intervals began in segment \(from)"
                : "segment \(from) is out of range 0..<\(segmentCount)"
            return Array(repeating: .notApplicable(reason: reason), count: segmentCount)
        }
        return (0..<segmentCount).map { .value(Double(count(from: from, to: $0)) / Double(total)) }
    }
}
