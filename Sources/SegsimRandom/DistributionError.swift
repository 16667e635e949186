/// A distribution or rate parameter that segsim refuses, with where it came from and what was wrong.
///
/// Every bad parameter is reported through this one error, whether it was decoded from a scenario
/// file or built in code, so that a bad input never reaches GSL (whose own checks would either abort
/// or silently return garbage). The description reads like
/// `pipeline.service: exponential mean must be > 0, got -1`.
public struct DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the field and carrying the offending value.
    public enum Problem: Sendable, Equatable {
        /// `field` must be strictly positive.
        case notPositive(field: String, value: Double)
        /// `field` must be zero or positive.
        case negative(field: String, value: Double)
        /// `field` must be a finite number (not NaN or ±infinity).
        case notFinite(field: String, value: Double)
        /// `field` must lie in `range`.
        case outOfRange(field: String, value: Double, range: ClosedRange<Double>)
        /// The list `field` must not be empty.
        case empty(field: String)
        /// The weights in `field` must not all be zero.
        case allZero(field: String)
        /// The list `field` must have exactly `expected` entries.
        case wrongCount(field: String, expected: Int, actual: Int)
        /// The interval `field` must have `start < end`.
        case emptyInterval(field: String, start: Double, end: Double)
        /// The configuration names a distribution segsim does not know.
        case unknownDistribution(name: String, known: [String])
        /// The configuration must name exactly one distribution, but named `keys` (possibly none).
        case notExactlyOneDistribution(keys: [String], known: [String])
        /// A distribution was given a parameter it does not take (usually a typo).
        case unknownParameter(distribution: String, name: String, known: [String])
        /// A distribution is missing a required parameter.
        case missingParameter(distribution: String, name: String)
        /// The value is not a mapping like `{ exponential: { mean: 0.002 } }`.
        case notAMapping(known: [String])
        /// A mapping has the key `name`, which it does not take (usually a typo); `known` lists those it does.
        case unknownKey(name: String, known: [String])
        /// A mapping lacks the required key `name`.
        case missingKey(name: String)
        /// The value must be exactly one of the forms `known` (a word or a one-key mapping), but
        /// named `found` (possibly none, or several).
        case notOneOf(found: [String], known: [String])
        /// `text` is not a duration such as `90s`, `1.5h` or `2 d`.
        case badDuration(text: String)
        /// Anything else, with the reason in words.
        case invalid(reason: String)
    }

    /// Where the value sits in the configuration, e.g. `pipeline.service`; empty for values built in code.
    public var path: String
    /// What is wrong with it.
    public var problem: Problem

    /// Creates an error for `problem` at the dotted configuration `path`.
    public init(path: String = "", _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// Finds the ``DistributionError`` in `error`: `error` itself, or the underlying error of a
    /// (possibly nested) `DecodingError`. Some decoders re-wrap errors thrown by `init(from:)` —
    /// Yams' `YAMLDecoder.decode(_:from: String)` turns them into `DecodingError.dataCorrupted`
    /// ("The given data was not valid YAML") — while decoding from a composed `Node` or with
    /// Foundation's `JSONDecoder` passes them through unchanged.
    /// Returns `nil` when `error` holds no ``DistributionError``.
    public init?(unwrapping error: any Error) {
        var current: (any Error)? = error
        while let candidate = current {
            if let found = candidate as? DistributionError {
                self = found
                return
            }
            current = Self.underlyingError(of: candidate)
        }
        return nil
    }

    private static func underlyingError(of error: any Error) -> (any Error)? {
        switch error as? DecodingError {
        case let .dataCorrupted(context)?, let .keyNotFound(_, context)?,
             let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            return context.underlyingError
        default:
            return nil
        }
    }

    /// The one-line message, prefixed by the configuration path when there is one.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }

    /// The message without the path.
    public var message: String {
        let r: (Double) -> String = Self.render(_:)
        switch problem {
        case let .notPositive(field, value):
            return "\(field) must be > 0, got \(r(value))"
        case let .negative(field, value):
            return "\(field) must be ≥ 0, got \(r(value))"
        case let .notFinite(field, value):
            return "\(field) must be a finite number, got \(r(value))"
        case let .outOfRange(field, value, range):
            return "\(field) must be in [\(r(range.lowerBound)), \(r(range.upperBound))], got \(r(value))"
        case let .empty(field):
            return "\(field) must not be empty"
        case let .allZero(field):
            return "\(field) must not all be zero"
        case let .wrongCount(field, expected, actual):
            return "\(field) must have \(expected) entries, got \(actual)"
        case let .emptyInterval(field, start, end):
            return "\(field) must have start < end, got [\(r(start)), \(r(end)))"
        case let .unknownDistribution(name, known):
            return "unknown distribution '\(name)'; known: \(known.joined(separator: ", "))"
        case let .notExactlyOneDistribution(keys, known):
            let found = keys.isEmpty ? "none" : keys.joined(separator: ", ")
            return "expected exactly one distribution (\(known.joined(separator: ", "))), got \(found)"
        case let .unknownParameter(distribution, name, known):
            return "\(distribution) has no parameter '\(name)'; expected: \(known.joined(separator: ", "))"
        case let .missingParameter(distribution, name):
            return "\(distribution) needs the parameter '\(name)'"
        case let .notAMapping(known):
            return "expected a mapping with one distribution (\(known.joined(separator: ", "))), "
                + "e.g. { exponential: { mean: 0.002 } }"
        case let .unknownKey(name, known):
            let suggestion = Self.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
            return "unknown key '\(name)'; \(suggestion)known keys: \(known.joined(separator: ", "))"
        case let .missingKey(name):
            return "missing the required key '\(name)'"
        case let .notOneOf(found, known):
            let got = found.isEmpty ? "none" : found.map { "'\($0)'" }.joined(separator: ", ")
            return "expected one of \(known.joined(separator: ", ")); got \(got)"
        case let .invalid(reason):
            return reason
        case let .badDuration(text):
            return "'\(text)' is not a duration: write seconds ≥ 0 as a number, or a number with a unit "
                + "ms, s, m (minutes), h, d or w, e.g. 250ms, 90s, 1.5h, 2 d"
        }
    }

    /// Renders a number as a person would write it: `-1` rather than `-1.0`, `nan`, `inf`.
    static func render(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Renders a decoder's coding path as `pipeline.stages[2].service`.
    public static func render(codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// Checks that `value` is finite and > 0.
    public static func requirePositive(_ value: Double, _ field: String, at path: String) throws(DistributionError) {
        guard value.isFinite else { throw DistributionError(path: path, .notFinite(field: field, value: value)) }
        guard value > 0 else { throw DistributionError(path: path, .notPositive(field: field, value: value)) }
    }

    /// Checks that `value` is finite and ≥ 0.
    public static func requireNonNegative(_ value: Double, _ field: String, at path: String) throws(DistributionError) {
        guard value.isFinite else { throw DistributionError(path: path, .notFinite(field: field, value: value)) }
        guard value >= 0 else { throw DistributionError(path: path, .negative(field: field, value: value)) }
    }

    /// Checks that `value` lies in `range` (NaN never does, and is reported with its value).
    public static func requireInRange(_ value: Double, _ field: String, _ range: ClosedRange<Double>,
                                      at path: String) throws(DistributionError) {
        guard range.contains(value) else { throw DistributionError(path: path, .outOfRange(field: field, value: value, range: range)) }
    }
}

extension DistributionError {
    /// The known name nearest to `name` by edit distance, if it is close enough to be a typo
    /// (at most a third of the name's length, and at least one edit allowed).
    static func closest(to name: String, in known: [String]) -> String? {
        let limit = max(1, name.count / 3)
        return known.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
