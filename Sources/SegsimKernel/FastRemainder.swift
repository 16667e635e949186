/// `x mod d` for 32-bit `x` by two multiplications instead of a division (Lemire, Kaser and
/// Kurz, "Faster remainder by direct computation", 2019), exact for every 32-bit `x` and divisor.
/// A pipeline takes one such remainder per event (its partition), where a 32-bit division
/// costs tens of cycles.
public struct FastRemainder: Sendable {
    /// The divisor d, 1 ≤ d < 2³².
    public let divisor: UInt64
    /// ⌈2⁶⁴ / d⌉, wrapped to 0 for d = 1.
    @usableFromInline let multiplier: UInt64

    /// Prepares remainders by `divisor`.
    /// - Precondition: `1 <= divisor < 2³²`.
    public init(divisor: Int) {
        precondition(divisor >= 1 && divisor <= Int(UInt32.max), "divisor outside 1 ..< 2³²")
        self.divisor = UInt64(divisor)
        multiplier = UInt64.max / UInt64(divisor) &+ 1
    }

    /// `x mod divisor`.
    /// - Complexity: O(1): two multiplications.
    @inlinable @inline(__always)
    public func remainder(_ x: UInt32) -> Int {
        let fraction = multiplier &* UInt64(x)
        return Int(truncatingIfNeeded: fraction.multipliedFullWidth(by: divisor).high)
    }
}
