import SegsimRandom

/// The trend of a windowed series over a run — consumer lag, latency — as the least-squares slope
/// against time with a 95% interval. The scalability-benchmarking literature uses the lag trend to
/// tell a keeping-up consumer group (lag bounded, slope ≈ 0) from a falling-behind one (lag growing
/// at λ − capacity); the latency trend does the same for any bottleneck, the profile store included.
///
/// Neighbouring windows are strongly correlated (a backlog drains slowly), so the ordinary
/// least-squares standard error is widened by the AR(1) factor √((1 + r₁)/(1 − r₁)), r₁ the
/// lag-1 autocorrelation of the residuals; otherwise a stable queue at high utilisation would
/// often look "significantly" growing.
public struct LinearTrend: Sendable, Equatable, Codable {
    /// Slope against time, in the series' unit per second.
    public var slope: Double
    /// Half-width of its 95% interval (AR(1)-corrected), in the same unit.
    public var halfWidth: Double
    /// Number of windows fitted.
    public var windows: Int

    /// Fits the trend of `values` (lag, latency, …) observed at `times` (seconds).
    /// - Throws: ``MetricError`` when the lengths differ, a value is not finite, or fewer than
    ///   three windows are given (a line through two points has no error estimate).
    /// - Complexity: O(n).
    public init(times: [Double], values: [Double]) throws(MetricError) {
        guard times.count == values.count else {
            throw .mismatchedLengths(field: "values", expected: times.count, actual: values.count)
        }
        try validateFinite(times, field: "times")
        try validateFinite(values, field: "values")
        let n = times.count
        guard n >= 3 else {
            throw .invalidParameter(field: "windows", value: Double(n), requirement: "at least 3 windows")
        }
        let meanTime = times.reduce(0, +) / Double(n), meanValue = values.reduce(0, +) / Double(n)
        var sxx = 0.0, sxy = 0.0
        for i in 0..<n {
            sxx += (times[i] - meanTime) * (times[i] - meanTime)
            sxy += (times[i] - meanTime) * (values[i] - meanValue)
        }
        guard sxx > 0 else {
            throw .invalidParameter(field: "times", value: times[0], requirement: "at least two distinct times")
        }
        let slope = sxy / sxx
        let residuals = (0..<n).map { values[$0] - meanValue - slope * (times[$0] - meanTime) }
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        var lagged = 0.0
        for i in 1..<n { lagged += residuals[i] * residuals[i - 1] }
        // Clamp r₁ below 1 so that a perfectly smooth residual series still gives a finite width.
        let r1 = rss > 0 ? min(0.95, max(0, lagged / rss)) : 0
        let standardError = (rss / Double(n - 2) / sxx).squareRoot() * ((1 + r1) / (1 - r1)).squareRoot()
        self.slope = slope
        halfWidth = Quantiles.studentT(0.975, degreesOfFreedom: Double(n - 2)) * standardError
        windows = n
    }

    /// Whether the slope is significantly above `bound` (its interval lies wholly above it): the
    /// test a `lag-trend<=bound` or `latency-trend<=bound` objective fails.
    public func isSignificantlyAbove(_ bound: Double) -> Bool { slope - halfWidth > bound }
}
