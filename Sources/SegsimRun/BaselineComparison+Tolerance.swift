import Foundation

/// How far a metric may move from its baseline before `segsim check` reports it.
///
/// A tolerance is an amount — relative to the baseline mean (`5%`) or absolute, in the metric's
/// unit (`0.01`) — allowed either on both sides of the baseline (`±5%`) or in the bad direction
/// only (`5%`). With a bad-direction-only tolerance, a move in the good direction is never
/// reported, however large; for a neutral metric (no good direction) both forms are two-sided.
public struct MetricTolerance: Sendable, Hashable, CustomStringConvertible {
    /// The size of the allowed move.
    public enum Amount: Sendable, Hashable {
        /// A fraction of the baseline mean's magnitude: 0.05 allows a 5% move.
        case relative(Double)
        /// An amount in the metric's own unit.
        case absolute(Double)
    }

    /// The allowed move.
    public var amount: Amount
    /// Whether the amount bounds the bad direction only (the good direction is unbounded).
    public var badDirectionOnly: Bool

    /// A tolerance of `amount`, on both sides or in the bad direction only.
    public init(_ amount: Amount, badDirectionOnly: Bool = false) {
        self.amount = amount
        self.badDirectionOnly = badDirectionOnly
    }

    /// `±5%`, `5%`, `±0.01` or `0.01`: the form `--tolerance` accepts.
    public var description: String {
        let sign = badDirectionOnly ? "" : "±"
        switch amount {
        case let .relative(fraction): return sign + Self.format(fraction * 100) + "%"
        case let .absolute(value): return sign + Self.format(value)
        }
    }

    /// Ten significant digits at most, without trailing zeros (`5`, `12.5`, `0.01`), so that a
    /// percentage stored as a fraction prints as it was typed.
    static func format(_ value: Double) -> String { String(format: "%.10g", value) }
}

/// One `--tolerance PATTERN=AMOUNT` option: a tolerance for every metric whose name matches
/// `pattern`, an exact name (`lift.top_segment`) or a glob (`latency.*`, `lift.?uc`).
public struct ToleranceOverride: Sendable, Hashable, CustomStringConvertible {
    /// An exact metric name or a glob: `*` matches any run of characters (dots included), `?` one.
    public var pattern: String
    /// The tolerance for the matching metrics.
    public var tolerance: MetricTolerance

    /// A tolerance for the metrics matching `pattern`.
    public init(pattern: String, tolerance: MetricTolerance) {
        self.pattern = pattern
        self.tolerance = tolerance
    }

    /// Parses `metric=±x%`, `metric=x%` (bad direction only), `metric=±x` (absolute) or `metric=x`.
    /// `+-` and `+/-` may stand for `±`.
    /// - Throws: ``ToleranceSyntaxError`` quoting the text when it has none of those forms.
    public init(parsing text: String) throws(ToleranceSyntaxError) {
        let syntaxError = ToleranceSyntaxError(text: text)
        guard let equals = text.firstIndex(of: "=") else { throw syntaxError }
        let pattern = String(text[..<equals]).trimmingSpaces
        var amount = Substring(String(text[text.index(after: equals)...]).trimmingSpaces)
        guard !pattern.isEmpty, !pattern.contains(where: { $0 == " " || $0 == "=" }) else { throw syntaxError }
        var twoSided = false
        for prefix in ["±", "+/-", "+-"] where amount.hasPrefix(prefix) {
            amount = amount.dropFirst(prefix.count)
            twoSided = true
            break
        }
        var relative = false
        if amount.hasSuffix("%") {
            amount = amount.dropLast()
            relative = true
        }
        // Digits and one point only: no sign, exponent, `inf` or `nan`.
        guard !amount.isEmpty, amount.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              amount.filter({ $0 == "." }).count <= 1, amount != ".",
              let number = Double(amount), number.isFinite
        else { throw syntaxError }
        self.pattern = pattern
        tolerance = MetricTolerance(relative ? .relative(number / 100) : .absolute(number), badDirectionOnly: !twoSided)
    }

    /// Whether the pattern names no metric but matches many (it holds `*` or `?`).
    public var isGlob: Bool { pattern.contains(where: { $0 == "*" || $0 == "?" }) }

    /// Whether `name` matches the pattern.
    public func matches(_ name: String) -> Bool { Self.glob(Array(pattern), Array(name)) }

    /// `pattern=tolerance`, as given on the command line.
    public var description: String { "\(pattern)=\(tolerance)" }

    /// Glob match with `*` and `?`, by backtracking over the last `*` (linear for one star).
    private static func glob(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0, n = 0
        var star: Int?, resume = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = n
                p += 1
            } else if let s = star {
                p = s + 1
                resume += 1
                n = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The override that applies to `name`: an exact name before any glob, then the longest
    /// matching glob (the most specific), then the last given.
    static func applying(to name: String, among overrides: [ToleranceOverride]) -> ToleranceOverride? {
        if let exact = overrides.last(where: { !$0.isGlob && $0.pattern == name }) { return exact }
        var best: ToleranceOverride?
        for candidate in overrides where candidate.isGlob && candidate.matches(name) {
            if best == nil || candidate.pattern.count >= best!.pattern.count { best = candidate }
        }
        return best
    }
}

/// A `--tolerance` value that is not `metric=±x%`, `metric=x%`, `metric=±x` or `metric=x`.
public struct ToleranceSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public var text: String

    /// The error for `text`.
    public init(text: String) { self.text = text }

    /// `expected metric=±x% or metric=±x, got 'foo'`.
    public var description: String {
        "expected metric=±x% or metric=±x (or metric=x% for the bad direction only), got '\(text)'"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
