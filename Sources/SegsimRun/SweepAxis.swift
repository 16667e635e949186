import Foundation

/// One `--vary key=values` dimension of a sweep: a scenario path and the values it takes, as YAML
/// text (`--set` semantics), with their numbers when every value is numeric.
///
/// Values are a list `2,4,8,16` or an inclusive range `start:end:step` (`0.5:4:0.5`).
public struct SweepAxis: Sendable, Equatable, Codable {
    /// The scenario path, e.g. `pipeline.workers`.
    public var key: String
    /// The values as YAML text, in the order given.
    public var values: [String]

    /// The values as numbers, or nil when one is not numeric.
    public var numbers: [Double]? {
        let numbers = values.compactMap(Double.init)
        return numbers.count == values.count ? numbers : nil
    }

    /// An axis with explicit values.
    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Parses `key=a,b,c` or `key=start:end:step`.
    /// - Throws: ``RunError`` at `--vary` saying what is wrong and what is expected.
    public init(parsing text: String) throws(RunError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw RunError(path: "--vary", message: "expected key.path=a,b,c or key.path=start:end:step, got '\(text)'")
        }
        key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let spec = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 3 {
            guard let start = Double(parts[0]), let end = Double(parts[1]), let step = Double(parts[2]),
                  start.isFinite, end.isFinite, step.isFinite, step > 0, end >= start else {
                throw RunError(path: "--vary \(key)", message: "a range is start:end:step with numbers, end ≥ start and step > 0, got '\(spec)'")
            }
            let count = Int(((end - start) / step + 1e-9).rounded(.down)) + 1
            guard count <= 1_000 else {
                throw RunError(path: "--vary \(key)", message: "the range '\(spec)' has \(count) values; at most 1000")
            }
            // Values computed from the index, not by accumulation, so 0.1 steps do not drift.
            values = (0..<count).map { Self.text(start + Double($0) * step) }
        } else {
            values = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else {
                throw RunError(path: "--vary \(key)", message: "no values: write key.path=a,b,c or key.path=start:end:step")
            }
        }
        guard Set(values).count == values.count else {
            throw RunError(path: "--vary \(key)", message: "a value is listed twice in '\(spec)'")
        }
    }

    /// A number as short YAML text: `2` not `2.0`, and 12 significant digits at most.
    static func text(_ value: Double) -> String {
        let rounded = (value * 1e12).rounded() / 1e12
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(format: "%.12g", rounded)
    }
}
