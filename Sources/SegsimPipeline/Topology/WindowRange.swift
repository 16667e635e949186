/// The exact range of times [lower, upper) that fall in one window of a timeline, where time t
/// is in window ⌊t / width⌋ (0 for t ≤ 0).
///
/// Rounding makes ⌊t / width⌋ differ from the real quotient's floor for times next to a
/// boundary, so the bounds are not simply index × width: they are found by stepping from that
/// estimate one representable time at a time (a few steps at most) until the computed window
/// changes. Looking a time up against them then gives exactly what the division gives.
public struct WindowRange: Sendable, Equatable {
    /// The window's index.
    public let index: Int
    /// The smallest time in the window (−∞ for window 0).
    public let lower: Double
    /// The smallest time in the next window.
    public let upper: Double

    /// The range of window `index` ≥ 0 of windows `width` > 0 seconds wide.
    /// - Complexity: O(1): a few steps of one ulp from index × width.
    public init(index: Int, width: Double) {
        precondition(index >= 0 && width > 0, "a window has an index >= 0 and a positive width")
        self.index = index
        lower = index == 0 ? -.infinity : Self.firstTime(ofWindow: index, width: width)
        upper = Self.firstTime(ofWindow: index + 1, width: width)
    }

    /// A range that contains no time (before any lookup).
    public static let empty = WindowRange(index: 0, lower: .infinity, upper: -.infinity)

    private init(index: Int, lower: Double, upper: Double) {
        self.index = index
        self.lower = lower
        self.upper = upper
    }

    /// The window of `t` as a timeline computes it: ⌊t / width⌋ for t > 0, else 0.
    @inlinable
    public static func index(of t: Double, width: Double) -> Int {
        t > 0 ? Int((t / width).rounded(.down)) : 0
    }

    /// Whether `t` falls in this window (false for NaN).
    @inlinable
    public func contains(_ t: Double) -> Bool { t >= lower && t < upper }

    /// The smallest time whose window is at least `index` ≥ 1: the window is nondecreasing in
    /// time, so step down while still in it, then up until in it.
    private static func firstTime(ofWindow index: Int, width: Double) -> Double {
        var time = Double(index) * width
        guard time.isFinite else { return .infinity }
        while time > 0, Self.index(of: time.nextDown, width: width) >= index { time = time.nextDown }
        while Self.index(of: time, width: width) < index { time = time.nextUp }
        return time
    }
}
