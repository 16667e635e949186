import Foundation
import Testing
import SegsimMetrics

@Suite struct TransitionMatrixTests {
    /// Three customers over four snapshots two hours apart, three segments (segment 2 unused):
    ///   customer 1: 0 0 0 1
    ///   customer 2: 0 1 1 1
    ///   customer 3: 1 1 0 0
    static let snapshots: [[UInt8]] = [[0, 0, 1], [0, 1, 1], [0, 1, 0], [1, 1, 0]]

    static func matrix() throws -> TransitionMatrix {
        var matrix = try TransitionMatrix(segmentCount: 3)
        for (previous, current) in zip(snapshots, snapshots.dropFirst()) {
            try matrix.add(previous: previous, current: current)
        }
        return matrix
    }

    @Test func countsMoves() throws {
        // Pairs: customer 1: 0→0, 0→0, 0→1; customer 2: 0→1, 1→1, 1→1; customer 3: 1→1, 1→0, 0→0.
        let matrix = try Self.matrix()
        #expect(matrix.counts == [3, 2, 0,
                                  1, 3, 0,
                                  0, 0, 0])
        #expect(matrix.pairCount == 3)
        #expect(matrix.intervals(in: 0) == 5)
        #expect(matrix.exits(from: 1) == 1)
        #expect(matrix.rowShares(from: 0) == [.value(0.6), .value(0.4), .value(0)])
        let unoccupiedRow = matrix.rowShares(from: 2)
        let rowNotApplicable = unoccupiedRow.count == 3 && unoccupiedRow.allSatisfy(isNotApplicable)
        #expect(rowNotApplicable)
        #expect(matrix.count(from: 7, to: 0) == 0)
    }

    @Test func meanDwellTimeByExitRate() throws {
        // Segment 0: 5 customer-intervals × 2 h = 10 h at risk, 2 exits → 5 h.
        // Segment 1: 4 customer-intervals × 2 h = 8 h, 1 exit (customers 1 and 2 are still in it at
        // the end: censored) → 8 h. Segment 2: never occupied. Exact in binary floating point.
        let dwell = try Self.matrix().meanDwellTimes(snapshotInterval: 2)
        #expect(dwell[0] == .value(5))
        #expect(dwell[1] == .value(8))
        #expect(isNotApplicable(dwell[2]))
    }

    @Test func dwellTimeNotApplicableWithoutExits() throws {
        var matrix = try TransitionMatrix(segmentCount: 2)
        try matrix.add(previous: [0, 1], current: [0, 1])
        let dwell = matrix.meanDwellTime(segment: 0, snapshotInterval: 60)
        #expect(dwell.notApplicableReason?.contains("no exits") == true)
        #expect(isNotApplicable(matrix.meanDwellTime(segment: 5, snapshotInterval: 60)))
        #expect(isNotApplicable(matrix.meanDwellTime(segment: 0, snapshotInterval: 0)))
    }

    @Test func mergeAddsCounts() throws {
        var merged = try Self.matrix()
        try merged.merge(Self.matrix())
        #expect(merged.counts == (try Self.matrix()).counts.map { 2 * $0 })
        #expect(merged.pairCount == 6)
        #expect(throws: MetricError.self) { try merged.merge(TransitionMatrix(segmentCount: 2)) }
    }

    @Test func invalidInputThrowsAndLeavesMatrixUnchanged() throws {
        var matrix = try Self.matrix()
        let before = matrix
        #expect(throws: MetricError.segmentOutOfRange(field: "current", index: 1, segment: 3, segmentCount: 3)) {
            try matrix.add(previous: [0, 1], current: [0, 3])
        }
        #expect(throws: MetricError.mismatchedLengths(field: "current", expected: 2, actual: 1)) {
            try matrix.add(previous: [0, 1], current: [0])
        }
        #expect(matrix == before)
        #expect(throws: MetricError.invalidSegmentCount(0)) { try TransitionMatrix(segmentCount: 0) }
    }

    @Test func codableRoundTripAndValidation() throws {
        let matrix = try Self.matrix()
        let data = try JSONEncoder().encode(matrix)
        #expect(try JSONDecoder().decode(TransitionMatrix.self, from: data) == matrix)
        let corrupt = Data(#"{"segmentCount":2,"counts":[1,2,3],"pairCount":1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TransitionMatrix.self, from: corrupt) }
    }
}
