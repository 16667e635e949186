/// A scenario the tool refuses, located as precisely as the input allows: the file, the line and
/// column when the YAML gives them, the field path, and what is wrong.
///
/// Its description reads `scenarios/retail.yaml:12:10: retail.purchases.alpha: must be > 0, got -1`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file as the user named it.
    public var file: String
    /// 1-based line of the offending value, when known.
    public var line: Int?
    /// 1-based column of the offending value, when known.
    public var column: Int?
    /// The dotted field path, e.g. `retail.purchases.alpha`; empty for the document as a whole.
    public var path: String
    /// What is wrong and what is expected.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
