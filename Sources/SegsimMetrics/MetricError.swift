/// Structurally invalid input to a metric, naming the field and what is wrong with it.
///
/// Thrown (as a typed error) instead of trapping, so that a bad snapshot in a long run surfaces
/// as a value the caller can report. Input that is valid but on which a metric is undefined
/// yields ``MetricValue/notApplicable(reason:)`` instead.
public enum MetricError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `field` has `actual` entries where `expected` were required (to match another array).
    case mismatchedLengths(field: String, expected: Int, actual: Int)
    /// `field` holds segment `segment` at `index`, but only `0 ..< segmentCount` exist.
    case segmentOutOfRange(field: String, index: Int, segment: Int, segmentCount: Int)
    /// The segment count is `value`; it must be in 1...256 (segments are `UInt8` indices).
    case invalidSegmentCount(Int)
    /// `field` holds a NaN or infinite value at `index` where a finite number is required.
    case notFinite(field: String, index: Int)
    /// The parameter `field` is `value`, outside what it accepts (`requirement`).
    case invalidParameter(field: String, value: Double, requirement: String)
    /// `field` lists segment `segment` more than once, at `index`.
    case duplicateSegment(field: String, index: Int, segment: Int)

    /// A one-line message naming the field and the offending value.
    public var description: String {
        switch self {
        case let .mismatchedLengths(field, expected, actual):
            "\(field): expected \(expected) entries, got \(actual)"
        case let .segmentOutOfRange(field, index, segment, segmentCount):
            "\(field): segment at index \(index) must be below \(segmentCount), got \(segment)"
        case let .invalidSegmentCount(value):
            "segmentCount: must be in 1...256, got \(value)"
        case let .notFinite(field, index):
            "\(field): value at index \(index) must be finite"
        case let .invalidParameter(field, value, requirement):
            "\(field): must be \(requirement), got \(value)"
        case let .duplicateSegment(field, index, segment):
            "\(field): segment \(segment) is listed again at index \(index)"
        }
    }
}
