/// A bad input to a segmentation strategy, naming the field and what is wrong with it.
///
/// Every strategy validates its inputs and throws this instead of trapping, so a degenerate window
/// in a simulation run (no customers yet, one class only, a NaN feature) surfaces as a value the
/// pipeline can report or fall back from.
public enum SegmentationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input `field` has no rows.
    case empty(field: String)
    /// `field` holds a NaN or infinite value at flat index `index` (row-major for matrices).
    case notFinite(field: String, index: Int, value: Double)
    /// `field` has `actual` entries where `expected` were required.
    case mismatchedLengths(field: String, expected: Int, actual: Int)
    /// k-means was asked for `k` clusters from `rows` rows; it needs `1 <= k <= rows`.
    case invalidClusterCount(k: Int, rows: Int)
    /// The parameter `field` is `value`, outside what it accepts (`requirement`).
    case invalidParameter(field: String, value: Double, requirement: String)
    /// The labels in `field` are all `value`: a classifier cannot be fitted.
    case singleClass(field: String, value: Bool)

    /// A one-line message naming the field and the offending value.
    public var description: String {
        switch self {
        case let .empty(field): "\(field): must not be empty"
        case let .notFinite(field, index, value): "\(field): value at index \(index) must be finite, got \(value)"
        case let .mismatchedLengths(field, expected, actual): "\(field): expected \(expected) entries, got \(actual)"
        case let .invalidClusterCount(k, rows): "k: must satisfy 1 <= k <= rows (\(rows)), got \(k)"
        case let .invalidParameter(field, value, requirement): "\(field): must be \(requirement), got \(value)"
        case let .singleClass(field, value): "\(field): all labels are \(value); both classes are needed"
        }
    }
}
