import SegsimMetrics

/// Stability between consecutive segment snapshots: flip rate and adjusted Rand index against the
/// previous snapshot, PSI of the sizes against the first, and the accumulated transition matrix.
/// Keeps one previous snapshot (1 byte a customer).
struct StabilityTracker {
    let segmentCount: Int
    private var previous: [UInt8]?
    private var firstSizes: [Int]?
    private(set) var transitions: TransitionMatrix
    private(set) var rows: [SegmentSnapshotRow] = []

    /// - Throws: ``MetricError`` unless `segmentCount` is in 1...256.
    init(segmentCount: Int) throws(MetricError) {
        self.segmentCount = segmentCount
        transitions = try TransitionMatrix(segmentCount: segmentCount)
    }

    /// Records the snapshot `segments` taken at `time`.
    /// - Complexity: O(customers + segments²).
    mutating func snapshot(_ segments: [UInt8], at time: Double) {
        let sizes = (try? segmentSizes(segments, segmentCount: segmentCount)) ?? []
        var flip: Double?
        var ari: Double?
        if let previous {
            flip = (try? flipRate(previous: previous, current: segments))?.number
            ari = (try? adjustedRandIndex(previous, segments, segmentCount: segmentCount))?.number
            try? transitions.add(previous: previous, current: segments)
        }
        let first = firstSizes ?? sizes
        firstSizes = first
        let psi = (try? populationStabilityIndex(expected: first, actual: sizes))?.number
        rows.append(SegmentSnapshotRow(time: time, sizes: sizes, flipRate: flip, adjustedRandIndex: ari,
                                       populationStabilityIndex: psi))
        previous = segments
    }
}
