import Testing
import SegsimMetrics

/// One pass over two snapshots gives the same flip rate, sizes and transitions as the metrics'
/// own passes, and the adjusted Rand index that counting pairs of customers gives.
@Suite struct SegmentContingencyTests {
    /// Two related snapshots of `n` customers over `k` segments: about a third move.
    static func snapshots(n: Int, k: Int, seed: UInt64) -> ([UInt8], [UInt8]) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let previous = (0..<n).map { _ in UInt8(next(k)) }
        let current = previous.map { next(3) == 0 ? UInt8(next(k)) : $0 }
        return (previous, current)
    }

    @Test(arguments: [(2_000, 5), (300, 1), (1, 3)])
    func derivedMetricsEqualTheirOwnPasses(n: Int, k: Int) throws {
        let (previous, current) = Self.snapshots(n: n, k: k, seed: UInt64(n * k))
        let table = try SegmentContingency(previous: previous, current: current, segmentCount: k)
        #expect(table.customers == n && table.counts.reduce(0, +) == n)
        #expect(table.flipRate == (try flipRate(previous: previous, current: current)))
        #expect(table.currentSizes == (try segmentSizes(current, segmentCount: k)))
        var matrix = try TransitionMatrix(segmentCount: k)
        matrix.add(table)
        for from in 0..<k {
            for to in 0..<k {
                let moved = zip(previous, current).filter { Int($0) == from && Int($1) == to }.count
                #expect(matrix.count(from: from, to: to) == moved)
            }
        }
    }

    /// The Hubert–Arabie index from its definition, by counting every pair of customers.
    @Test func adjustedRandIndexEqualsCountingPairs() throws {
        let (a, b) = Self.snapshots(n: 400, k: 4, seed: 3)
        var together = 0.0, sameA = 0.0, sameB = 0.0
        for i in 0..<a.count {
            for j in (i + 1)..<a.count {
                if a[i] == a[j] { sameA += 1 }
                if b[i] == b[j] { sameB += 1 }
                if a[i] == a[j] && b[i] == b[j] { together += 1 }
            }
        }
        let pairs = Double(a.count * (a.count - 1) / 2)
        let expected = sameA * sameB / pairs
        let ari = (together - expected) / ((sameA + sameB) / 2 - expected)
        let table = try SegmentContingency(previous: a, current: b, segmentCount: 4)
        let measured = try #require(table.adjustedRandIndex.number)
        #expect(abs(measured - ari) < 1e-12 && measured > 0.2 && measured < 0.9)
        #expect(try adjustedRandIndex(a, b, segmentCount: 4) == table.adjustedRandIndex)
    }

    @Test func badSnapshotsNameTheirField() {
        #expect(throws: MetricError.segmentOutOfRange(field: "previous", index: 2, segment: 7, segmentCount: 3)) {
            try SegmentContingency(previous: [0, 1, 7, 0], current: [0, 1, 2, 9], segmentCount: 3)
        }
        #expect(throws: MetricError.segmentOutOfRange(field: "current", index: 3, segment: 9, segmentCount: 3)) {
            try SegmentContingency(previous: [0, 1, 2, 0], current: [0, 1, 2, 9], segmentCount: 3)
        }
        #expect(throws: MetricError.mismatchedLengths(field: "current", expected: 2, actual: 1)) {
            try SegmentContingency(previous: [0, 1], current: [0], segmentCount: 3)
        }
        #expect(throws: MetricError.invalidSegmentCount(0)) {
            try SegmentContingency(previous: [0], current: [0], segmentCount: 0)
        }
    }
}
