/// How many customers were in segment i in one snapshot and in segment j in the next: the k×k
/// table that the flip rate, the adjusted Rand index, the segment sizes and the transition
/// matrix all derive from, so that one count over the customers serves them all.
public struct SegmentContingency: Sendable, Equatable {
    /// The number of segments k.
    public let segmentCount: Int
    /// The k×k counts, row-major: `counts[previous * segmentCount + current]`.
    public let counts: [Int]
    /// The customers counted: the length of each snapshot.
    public let customers: Int

    /// Counts two snapshots of the same customers: vectorised range checks, then one counting pass.
    /// - Throws: ``MetricError`` on a bad `segmentCount`, mismatched lengths (field `current`)
    ///   or a segment out of range (field `previous`, else `current`).
    /// - Complexity: O(n + k²).
    public init(previous: [UInt8], current: [UInt8], segmentCount: Int) throws(MetricError) {
        try self.init(previous, current, segmentCount: segmentCount, fields: ("previous", "current"))
    }

    /// Counts `first` against `second`; errors name the snapshots `fields`.
    init(_ first: [UInt8], _ second: [UInt8], segmentCount k: Int, fields: (String, String)) throws(MetricError) {
        try validateSegmentCount(k)
        try validateLength(second.count, expected: first.count, field: fields.1)
        // Vectorised range checks first, so that the counting loop needs no branch.
        try validateSegments(first, segmentCount: k, field: fields.0)
        try validateSegments(second, segmentCount: k, field: fields.1)
        var table = [Int](repeating: 0, count: k * k)
        table.withUnsafeMutableBufferPointer { cells in
            first.withUnsafeBufferPointer { a in
                second.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { cells[Int(a[i]) &* k &+ Int(b[i])] &+= 1 }
                }
            }
        }
        segmentCount = k
        counts = table
        customers = first.count
    }

    /// The share of customers whose segment changed: what ``flipRate(previous:current:)`` gives.
    public var flipRate: MetricValue {
        guard customers > 0 else { return .notApplicable(reason: "no customers") }
        let stayed = (0..<segmentCount).reduce(0) { $0 + counts[$1 * segmentCount + $1] }
        return .value(Double(customers - stayed) / Double(customers))
    }

    /// The customers in each segment of the first snapshot (the table's row sums).
    public var previousSizes: [Int] {
        (0..<segmentCount).map { i in counts[i * segmentCount ..< (i + 1) * segmentCount].reduce(0, +) }
    }

    /// The customers in each segment of the second snapshot (the column sums): what
    /// ``segmentSizes(_:segmentCount:)`` gives for it.
    public var currentSizes: [Int] {
        (0..<segmentCount).map { j in (0..<segmentCount).reduce(0) { $0 + counts[$1 * segmentCount + j] } }
    }

    /// The Hubert–Arabie adjusted Rand index between the two snapshots (see
    /// ``adjustedRandIndex(_:_:segmentCount:)``).
    /// - Complexity: O(k²).
    public var adjustedRandIndex: MetricValue {
        let n = customers
        guard n >= 2 else { return .notApplicable(reason: "fewer than two customers: no pairs to compare") }
        // Pair counts stay below C(10⁸, 2) ≈ 5·10¹⁵ < 2⁶³, so the integer sums are exact.
        func pairs(_ m: Int) -> Int { m * (m - 1) / 2 }
        let together = counts.reduce(0) { $0 + pairs($1) }
        let rowPairs = Double(previousSizes.reduce(0) { $0 + pairs($1) })
        let columnPairs = Double(currentSizes.reduce(0) { $0 + pairs($1) })
        let expected = rowPairs * columnPairs / Double(pairs(n))
        let maximum = (rowPairs + columnPairs) / 2
        guard maximum != expected else { return .value(1) }
        return .value((Double(together) - expected) / (maximum - expected))
    }
}
