/// Four ``Tally`` values that always receive an observation together, updated lane by lane in
/// vector registers: the same numbers as four `Tally.add` calls, for a quarter of the work. A
/// pipeline tallies several stage latencies of every event it completes.
public struct TallyBundle: Sendable {
    /// Observations per lane (the same in every lane).
    public var count: Int { storedCount }
    @usableFromInline var storedCount = 0
    @usableFromInline var shift = SIMD4<Double>()
    @usableFromInline var sumOfDeviations = SIMD4<Double>()
    @usableFromInline var sumOfSquaredDeviations = SIMD4<Double>()
    @usableFromInline var minimum = SIMD4<Double>(repeating: .infinity)
    @usableFromInline var maximum = SIMD4<Double>(repeating: -.infinity)

    /// Four empty tallies.
    public init() {}

    /// Adds one observation to each lane: lane i as `Tally.add(x[i])` (the same shift, sums and
    /// extremes, bit for bit).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func add(_ x: SIMD4<Double>) {
        if storedCount == 0 { shift = x }
        storedCount &+= 1
        let d = x - shift
        sumOfDeviations += d
        sumOfSquaredDeviations += d * d
        // As `Swift.min(minimum, x)` and `Swift.max(maximum, x)` choose, NaN and signed zeros included.
        minimum.replace(with: x, where: x .< minimum)
        maximum.replace(with: x, where: x .>= maximum)
    }

    /// Lane `lane` as a tally.
    /// - Precondition: `0 <= lane < 4`.
    public func tally(lane: Int) -> Tally {
        precondition((0..<4).contains(lane), "a bundle has lanes 0 to 3")
        return Tally(count: count, minimum: minimum[lane], maximum: maximum[lane], shift: shift[lane],
                     sumOfDeviations: sumOfDeviations[lane], sumOfSquaredDeviations: sumOfSquaredDeviations[lane])
    }
}
