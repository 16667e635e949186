// Input checks shared by the metrics: each throws a `MetricError` naming the field.

/// Throws unless `count` is a valid number of `UInt8`-indexed segments (1...256).
@usableFromInline
func validateSegmentCount(_ count: Int) throws(MetricError) {
    guard (1...256).contains(count) else { throw .invalidSegmentCount(count) }
}

/// Throws unless `field` has `expected` entries.
@usableFromInline
func validateLength(_ actual: Int, expected: Int, field: String) throws(MetricError) {
    guard actual == expected else { throw .mismatchedLengths(field: field, expected: expected, actual: actual) }
}

/// Throws unless every segment index in `segments` is below `segmentCount`.
///
/// The common path is one branch-free maximum over the bytes (vectorised); the offending index is
/// searched for only on failure.
/// - Complexity: O(n).
@usableFromInline
func validateSegments(_ segments: [UInt8], segmentCount: Int, field: String) throws(MetricError) {
    guard segmentCount < 256 else { return }
    var largest: UInt8 = 0
    segments.withUnsafeBufferPointer { buffer in
        for s in buffer { largest = Swift.max(largest, s) }
    }
    guard Int(largest) >= segmentCount else { return }
    let index = segments.firstIndex { Int($0) >= segmentCount } ?? 0
    throw .segmentOutOfRange(field: field, index: index, segment: Int(segments[index]), segmentCount: segmentCount)
}

/// Throws unless every value in `values` is finite.
func validateFinite(_ values: [Double], field: String) throws(MetricError) {
    if let index = values.firstIndex(where: { !$0.isFinite }) { throw .notFinite(field: field, index: index) }
}

/// Throws unless `level` is a confidence level strictly between 0 and 1.
func validateLevel(_ level: Double) throws(MetricError) {
    guard level > 0, level < 1 else {
        throw .invalidParameter(field: "level", value: level, requirement: "strictly between 0 and 1")
    }
}
