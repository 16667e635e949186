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
    ///
    /// Against a previous snapshot, one pass builds their contingency table, which gives the flip
    /// rate, the adjusted Rand index, the transitions and the sizes (a snapshot with a segment out
    /// of range has no table; its flip rate and sizes are then measured on their own).
    /// - Complexity: O(customers + segments²).
    mutating func snapshot(_ segments: [UInt8], at time: Double) {
        var tableSizes: [Int]?
        var flip: Double?
        var ari: Double?
        if let previous {
            if let table = try? SegmentContingency(previous: previous, current: segments, segmentCount: segmentCount) {
                flip = table.flipRate.number
                ari = table.adjustedRandIndex.number
                transitions.add(table)
                tableSizes = table.currentSizes
            } else {
                flip = (try? flipRate(previous: previous, current: segments))?.number
            }
        }
        let sizes = tableSizes ?? (try? segmentSizes(segments, segmentCount: segmentCount)) ?? []
        let first = firstSizes ?? sizes
        firstSizes = first
        let psi = (try? populationStabilityIndex(expected: first, actual: sizes))?.number
        rows.append(SegmentSnapshotRow(time: time, sizes: sizes, flipRate: flip, adjustedRandIndex: ari,
                                       populationStabilityIndex: psi))
        previous = segments
    }
}
