/// The bucket layout of an HdrHistogram with three significant digits and a lowest discernible
/// value of 1: values 0 … 2047 one per bucket, then, for each further power of two, 1024 buckets
/// 2ᵏ wide. ``LatencyHistogram`` counts values in this layout itself (recording is its hot path)
/// and hands the counts to the library for queries, so the formulas are the library's own.
public enum HistogramLayout {
    /// Buckets per power of two above the first range (half of the first range's 2048).
    public static let halfBucket = 1_024
    /// log₂ of ``halfBucket``.
    @usableFromInline static let halfBucketMagnitude = 10
    /// Leading zeros of the largest value of the first range (2047), the library's
    /// `leadingZeroCountBase`.
    @usableFromInline static let leadingZeroCountBase = 53

    /// The index of the bucket holding `value` (the library's `countsIndexForValue`).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func index(of value: UInt64) -> Int {
        let range = leadingZeroCountBase - (value | UInt64(2 * halfBucket - 1)).leadingZeroBitCount
        let position = Int(truncatingIfNeeded: value >> UInt64(range))
        return ((range + 1) << halfBucketMagnitude) + position - halfBucket
    }

    /// The lowest value of bucket `index` ≥ 0 (the library's `valueFromIndex`).
    /// - Complexity: O(1).
    @inlinable
    public static func lowestValue(ofIndex index: Int) -> UInt64 {
        var range = (index >> halfBucketMagnitude) - 1
        var position = (index & (halfBucket - 1)) + halfBucket
        if range < 0 {
            position -= halfBucket
            range = 0
        }
        return UInt64(position) << UInt64(range)
    }
}
