import Histogram

/// A latency distribution in seconds with percentiles, with HdrHistogram's layout and queries.
///
/// Values are recorded as integer multiples of `resolution` (1 µs by default) with three
/// significant digits, so recording costs a few nanoseconds and memory stays bounded at any
/// count. Percentile queries are expensive (hundreds of µs): ask at report time, not per event.
///
/// **Recording.** A pipeline event records four latencies, so recording is the histogram's own
/// hot path: the counts are kept here, indexed exactly as an HdrHistogram of three significant
/// digits indexes them (``HistogramLayout``), together with the total and the exact largest and
/// smallest non-zero values. **Queries** build the equivalent `Histogram` (see ``histogram``):
/// same counts per bucket, same total, same extremes, so every percentile, mean and share is the
/// library's own answer, bit for bit what recording each value into it gives.
public struct LatencyHistogram: Sendable, Codable {
    /// The smallest distinguishable latency, in seconds.
    public let resolution: Double
    /// Values recorded per bucket, in ``HistogramLayout`` order; grows to the largest bucket used.
    @usableFromInline var counts: [UInt64] = []
    /// The number of values recorded.
    @usableFromInline var total: UInt64 = 0
    /// The largest value recorded (0 when none), in units.
    @usableFromInline var largest: UInt64 = 0
    /// The smallest non-zero value recorded (`UInt64.max` when none), in units.
    @usableFromInline var smallestNonZero: UInt64 = .max

    enum CodingKeys: String, CodingKey { case resolution, histogram }

    /// Creates an empty histogram with the given resolution in seconds.
    /// - Precondition: `resolution > 0`.
    public init(resolution: Double = 1e-6) {
        precondition(resolution > 0, "histogram resolution must be positive")
        self.resolution = resolution
    }

    /// Decodes what ``encode(to:)`` wrote: a resolution and an HdrHistogram.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resolution = try container.decode(Double.self, forKey: .resolution)
        let histogram = try container.decode(Histogram<UInt64>.self, forKey: .histogram)
        for bucket in histogram.recordedValues() { add(bucket.value, count: UInt64(bucket.count)) }
        // The recorded extremes, not the bucket bounds the iteration gives.
        if histogram.totalCount > 0 {
            largest = histogram.maxRecorded
            if histogram.min > 0 { smallestNonZero = histogram.min }
        }
    }

    /// Encodes the resolution and the equivalent HdrHistogram.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(histogram, forKey: .histogram)
    }

    /// Records one latency in seconds; negative values count as zero.
    /// - Complexity: O(1), no libm call and no allocation once the buckets cover the value.
    @inlinable @inline(__always)
    public mutating func record(_ seconds: Double) {
        let value = units(ofSeconds: seconds)
        let index = HistogramLayout.index(of: value)
        if index >= counts.count { grow(toCover: index) }
        counts[index] &+= 1
        total &+= 1
        if value > largest { largest = value }
        if value < smallestNonZero, value != 0 { smallestNonZero = value }
    }

    /// Records `count` copies of one latency: exactly what recording each in turn gives.
    /// - Complexity: O(1).
    public mutating func record(_ seconds: Double, count: Int) {
        add(units(ofSeconds: seconds), count: UInt64(Swift.max(0, count)))
    }

    /// `seconds` in units of the resolution, as recorded.
    @inlinable @inline(__always)
    func units(ofSeconds seconds: Double) -> UInt64 {
        // units(0 / resolution) is 0, as for a negative or NaN value: no division for them.
        seconds > 0 ? Self.units(seconds / resolution) : 0
    }

    /// `units.rounded()` (half away from zero) as a count, 0 for negative or NaN values and at
    /// most 9 × 10¹⁸: what recording has always stored.
    @inlinable @inline(__always)
    static func units(_ units: Double) -> UInt64 {
        guard units > 0 else { return 0 }
        guard units < 9.0e18 else { return 9_000_000_000_000_000_000 }
        // Below 2⁶³ the truncation is exact, and so is the fraction left over (Sterbenz).
        let whole = Int64(units)
        // Branch-free: the fraction is as likely to round up as down, so a branch would be
        // mispredicted about every other value.
        return UInt64(truncatingIfNeeded: whole) &+ (units - Double(whole) >= 0.5 ? 1 : 0)
    }

    /// Counts `count` values equal to `value` (decoding).
    private mutating func add(_ value: UInt64, count: UInt64) {
        guard count > 0 else { return }
        let index = HistogramLayout.index(of: value)
        if index >= counts.count { grow(toCover: index) }
        counts[index] &+= count
        total &+= count
        largest = Swift.max(largest, value)
        if value != 0 { smallestNonZero = Swift.min(smallestNonZero, value) }
    }

    /// Extends the counts to bucket `index` and the rest of its power-of-two range.
    @usableFromInline
    mutating func grow(toCover index: Int) {
        let end = (index | (HistogramLayout.halfBucket - 1)) + 1
        counts.append(contentsOf: repeatElement(0, count: end - counts.count))
    }

    /// The HdrHistogram (three significant digits, auto-resizing) holding exactly these values'
    /// counts and extremes: each bucket is recorded once, at the recorded extreme it holds, else
    /// at its lowest value (all values of a bucket share its count).
    /// - Complexity: O(buckets).
    public var histogram: Histogram<UInt64> {
        var result = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        result.autoResize = true
        guard total > 0 else { return result }
        let largestIndex = HistogramLayout.index(of: largest)
        let smallestIndex = smallestNonZero == .max ? -1 : HistogramLayout.index(of: smallestNonZero)
        for (index, count) in counts.enumerated() where count > 0 {
            if index == largestIndex, index == smallestIndex, smallestNonZero != largest {
                _ = result.record(smallestNonZero, count: 1)
                if count > 1 { _ = result.record(largest, count: count - 1) }
            } else if index == largestIndex {
                _ = result.record(largest, count: count)
            } else if index == smallestIndex {
                _ = result.record(smallestNonZero, count: count)
            } else {
                _ = result.record(HistogramLayout.lowestValue(ofIndex: index), count: count)
            }
        }
        return result
    }

    /// The number of recorded values.
    public var count: UInt64 { total }

    /// The mean latency in seconds (within the histogram's precision).
    public var mean: Double { histogram.mean * resolution }

    /// The largest recorded latency in seconds (within the histogram's precision).
    public var maximum: Double { Double(histogram.max) * resolution }

    /// The latency at `percentile` (0–100) in seconds, e.g. `percentile(99)` for p99.
    public func percentile(_ percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) * resolution
    }

    /// The latencies at each of `percentiles` (0–100) and the largest, in seconds: exactly what
    /// ``percentile(_:)`` and ``maximum`` give, from one build of the histogram instead of one per
    /// query (a build visits every bucket). The mean, which iterates the values, is left to ``mean``.
    /// - Complexity: O(buckets + percentiles.count × buckets) at worst, one build.
    public func summary(percentiles: [Double]) -> LatencySummary {
        let histogram = histogram
        return LatencySummary(percentiles: percentiles.map { Double(histogram.valueAtPercentile($0)) * resolution },
                              maximum: Double(histogram.max) * resolution)
    }

    /// The share of recorded values at or below `seconds` (SLO compliance), in [0, 1].
    public func fraction(atOrBelow seconds: Double) -> Double {
        guard count > 0 else { return 1 }
        let units = (seconds / resolution).rounded(.down)
        guard units >= 0 else { return 0 }
        return Double(histogram.count(within: 0...UInt64(Swift.min(units, 9.0e18)))) / Double(count)
    }

    /// Adds every value of `other` (same resolution required).
    /// - Complexity: O(buckets of `other`).
    public mutating func merge(_ other: LatencyHistogram) {
        precondition(other.resolution == resolution, "cannot merge histograms of different resolution")
        if other.counts.count > counts.count {
            counts.append(contentsOf: repeatElement(0, count: other.counts.count - counts.count))
        }
        for (index, count) in other.counts.enumerated() where count > 0 { counts[index] &+= count }
        total &+= other.total
        largest = Swift.max(largest, other.largest)
        smallestNonZero = Swift.min(smallestNonZero, other.smallestNonZero)
    }
}

/// Percentiles and maximum of a ``LatencyHistogram``, in seconds (see
/// ``LatencyHistogram/summary(percentiles:)``).
public struct LatencySummary: Sendable, Equatable {
    /// The latency at each requested percentile, in the order requested.
    public var percentiles: [Double]
    /// The largest latency, within the histogram's precision.
    public var maximum: Double
}
