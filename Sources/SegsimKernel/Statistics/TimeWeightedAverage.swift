/// The time average of a piecewise-constant quantity (queue length, busy servers, lag).
///
/// Call `update(to:at:)` whenever the value changes; the area under the path accumulates.
public struct TimeWeightedAverage: Sendable, Equatable, Codable {
    /// The value since the last update.
    public private(set) var current: Double
    /// The largest value seen.
    public private(set) var maximum: Double
    private var startTime: Double
    private var lastTime: Double
    private var area: Double = 0

    /// Starts observing `value` at `time`.
    public init(initialValue value: Double = 0, at time: Double = 0) {
        current = value
        maximum = value
        startTime = time
        lastTime = time
    }

    /// Records that the value becomes `value` at `time` (not earlier than the previous update).
    public mutating func update(to value: Double, at time: Double) {
        area += current * (time - lastTime)
        lastTime = time
        current = value
        if value > maximum { maximum = value }
    }

    /// Restarts the average at `time`, keeping the current value (drops a warm-up period).
    public mutating func reset(at time: Double) {
        area = 0
        startTime = time
        lastTime = time
        maximum = current
    }

    /// The time average over [start, `time`]; the current value when no time has passed.
    public func average(until time: Double) -> Double {
        let span = time - startTime
        guard span > 0 else { return current }
        return (area + current * (time - lastTime)) / span
    }
}
