import Histogram

/// A latency distribution in seconds with percentiles, backed by an HdrHistogram.
///
/// Values are recorded as integer multiples of `resolution` (1 µs by default) with three
/// significant digits, so recording costs a few nanoseconds and memory stays bounded at any
/// count. Percentile queries are expensive (hundreds of µs): ask at report time, not per event.
public struct LatencyHistogram: Sendable, Codable {
    /// The smallest distinguishable latency, in seconds.
    public let resolution: Double
    private var histogram: Histogram<UInt64>

    /// Creates an empty histogram with the given resolution in seconds.
    /// - Precondition: `resolution > 0`.
    public init(resolution: Double = 1e-6) {
        precondition(resolution > 0, "histogram resolution must be positive")
        self.resolution = resolution
        histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
    }

    /// Records one latency in seconds; negative values count as zero.
    public mutating func record(_ seconds: Double) {
        let units = (seconds / resolution).rounded()
        _ = histogram.record(units > 0 ? UInt64(Swift.min(units, 9.0e18)) : 0)
    }

    /// The number of recorded values.
    public var count: UInt64 { histogram.totalCount }

    /// The mean latency in seconds (within the histogram's precision).
    public var mean: Double { histogram.mean * resolution }

    /// The largest recorded latency in seconds (within the histogram's precision).
    public var maximum: Double { Double(histogram.max) * resolution }

    /// The latency at `percentile` (0–100) in seconds, e.g. `percentile(99)` for p99.
    public func percentile(_ percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) * resolution
    }

    /// The share of recorded values at or below `seconds` (SLO compliance), in [0, 1].
    public func fraction(atOrBelow seconds: Double) -> Double {
        guard count > 0 else { return 1 }
        let units = (seconds / resolution).rounded(.down)
        guard units >= 0 else { return 0 }
        return Double(histogram.count(within: 0...UInt64(Swift.min(units, 9.0e18)))) / Double(count)
    }

    /// Adds every value of `other` (same resolution required).
    public mutating func merge(_ other: LatencyHistogram) {
        precondition(other.resolution == resolution, "cannot merge histograms of different resolution")
        histogram.add(other.histogram)
    }
}
