/// A validated, row-major matrix of numeric features: the training input of the fitted strategies.
///
/// Strategies take plain numbers rather than feature-store types so that any source of features can
/// feed them; this type only guarantees the shape (at least one row and column, equal row lengths)
/// and that every value is finite, once, so the fitting loops need no checks.
public struct TrainingMatrix: Sendable, Equatable {
    /// The number of rows (customers).
    public let rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The values, row-major: row `i`, column `j` is `values[i * columns + j]`.
    public let values: [Double]

    /// Wraps a flat row-major array of `columns` columns.
    /// - Throws: ``SegmentationError`` if it is empty, `columns < 1`, the count is not a multiple of
    ///   `columns`, or a value is not finite.
    public init(flat values: [Double], columns: Int, field: String = "features") throws(SegmentationError) {
        guard columns >= 1 else {
            throw .invalidParameter(field: "\(field).columns", value: Double(columns), requirement: ">= 1")
        }
        guard !values.isEmpty else { throw .empty(field: field) }
        guard values.count % columns == 0 else {
            throw .mismatchedLengths(field: field, expected: (values.count / columns + 1) * columns, actual: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(field: field, index: bad, value: values[bad])
        }
        self.values = values
        self.columns = columns
        self.rows = values.count / columns
    }

    /// Flattens one array per row; every row must have the length of the first.
    /// - Throws: ``SegmentationError`` if there are no rows, a row is empty or of another length,
    ///   or a value is not finite.
    public init(rows: [[Double]], field: String = "features") throws(SegmentationError) {
        guard let first = rows.first else { throw .empty(field: field) }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw .mismatchedLengths(field: "\(field)[\(index)]", expected: first.count, actual: row.count)
        }
        try self.init(flat: rows.flatMap { $0 }, columns: first.count, field: field)
    }

    /// Row `row` as a new array (for tests and reports; the fitting loops index `values` directly).
    public func row(_ row: Int) -> [Double] { Array(values[row * columns ..< (row + 1) * columns]) }
}

/// Per-column centring and scaling, fitted on training data and applied unchanged at assignment.
///
/// Both k-means and logistic regression standardise so that features in seconds, counts and money
/// weigh comparably (k-means) and Newton steps are well conditioned (logistic regression). The
/// statistics come from the training window only, so assigning a customer never looks ahead.
public struct ColumnStandardisation: Sendable, Equatable {
    /// The training mean of each column.
    public let means: [Double]
    /// The training standard deviation of each column (population form, divisor n); a constant
    /// column gets 1 so that it standardises to 0 instead of dividing by zero.
    public let scales: [Double]

    /// Fits the means and standard deviations of `matrix`'s columns.
    /// - Complexity: O(rows · columns).
    public init(fitting matrix: TrainingMatrix) {
        let (n, d) = (matrix.rows, matrix.columns)
        var means = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { means[j] += matrix.values[i * d + j] } }
        for j in 0..<d { means[j] /= Double(n) }
        var squares = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let deviation = matrix.values[i * d + j] - means[j]
                squares[j] += deviation * deviation
            }
        }
        self.means = means
        self.scales = squares.map { sum in
            let sd = (sum / Double(n)).squareRoot()
            return sd > 0 ? sd : 1
        }
    }

    /// `matrix` with every column centred and scaled, row-major.
    /// - Complexity: O(rows · columns).
    public func standardised(_ matrix: TrainingMatrix) -> [Double] {
        let d = columns
        var out = matrix.values
        for index in out.indices { out[index] = (out[index] - means[index % d]) / scales[index % d] }
        return out
    }

    /// The number of columns.
    public var columns: Int { means.count }
}

extension Array where Element == Double {
    /// Throws unless `self` has `expected` entries, all finite: the check every `assign` makes
    /// before touching a customer's features. O(count), no allocation.
    func validateFeatureRow(expected: Int, field: String) throws(SegmentationError) {
        guard count == expected else { throw .mismatchedLengths(field: field, expected: expected, actual: count) }
        for index in indices where !self[index].isFinite {
            throw .notFinite(field: field, index: index, value: self[index])
        }
    }
}
