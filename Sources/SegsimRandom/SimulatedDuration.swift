import Foundation
/// A span of virtual time, in seconds, as scenario files write it: a number of seconds (`90`) or a
/// number with a unit — `250ms`, `90s`, `15m`, `36h`, `2d`, `1w` — with fractions and a space
/// allowed (`1.5h`, `2 d`).
///
/// Scenarios are easier to read and check as `4d` than as `345600`; the simulation itself works in
/// seconds, so a duration always encodes back as a plain number of seconds. Durations are never
/// negative: times in a scenario count from the Monday 00:00 epoch.
public struct SimulatedDuration: Codable, Sendable, Equatable {
    /// The length in seconds of virtual time.
    public var seconds: Double

    /// The accepted units (`m` is minutes): one of each is `multiplier / divisor` seconds, one of
    /// the two being 1 so that converting rounds once (0.001 itself is inexact).
    static let units: [(name: String, multiplier: Double, divisor: Double)] = [
        ("ms", 1, 1_000), ("s", 1, 1), ("m", 60, 1), ("h", 3_600, 1), ("d", 86_400, 1), ("w", 604_800, 1),
    ]

    /// A duration of `seconds` seconds, unchecked (values built in code are the caller's to validate).
    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// Parses `text` as written in a scenario: a non-negative number with an optional unit
    /// (ms, s, m, h, d, w; seconds if none), e.g. `1.5h` or `2 d`.
    /// - Throws: ``DistributionError`` (`.badDuration`) quoting the text and the accepted units.
    public init(_ text: String) throws(DistributionError) {
        try self.init(parsing: text, at: "")
    }

    /// Parses `text`, reporting an error at the configuration `path`.
    init(parsing text: String, at path: String) throws(DistributionError) {
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed.removeFirst() }
        while trimmed.last == " " { trimmed.removeLast() }
        // Only plain ASCII digits with at most one point: no sign, exponent, `inf` or `nan`.
        let number = trimmed.prefix(while: { ("0"..."9").contains($0) || $0 == "." })
        let unitName = String(trimmed.dropFirst(number.count).drop(while: { $0 == " " }))
        guard number.contains(where: { $0 != "." }), number.filter({ $0 == "." }).count <= 1,
              let value = Double(String(number)),
              let unit = unitName.isEmpty ? ("s", 1, 1) : Self.units.first(where: { $0.name == unitName })
        else { throw DistributionError(path: path, .badDuration(text: text)) }
        let seconds = value * unit.multiplier / unit.divisor
        guard seconds.isFinite else { throw DistributionError(path: path, .badDuration(text: text)) }
        self.seconds = seconds
    }

    /// Decodes a number of seconds (finite, ≥ 0) or a string with a unit.
    /// - Throws: ``DistributionError`` at the coding path for a negative or non-finite number or an
    ///   unparsable string; the decoder's `DecodingError` if the value is neither number nor string.
    public init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            try DistributionError.requireNonNegative(seconds, "duration", at: path)
            self.init(seconds: seconds)
        } else {
            try self.init(parsing: try container.decode(String.self), at: path)
        }
    }

    /// The duration as a person would write it, in the largest unit that divides it exactly:
    /// `"5m"`, `"2d"`, `"1500ms"`, `"0s"`; other values in seconds with up to 6 decimals.
    public var text: String {
        guard seconds != 0 else { return "0s" }
        for (name, factor) in [("w", 604_800.0), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001)] {
            let count = seconds / factor
            if count >= 1, count == count.rounded(), count < 1e15 { return "\(Int64(count))\(name)" }
        }
        return String(format: "%.6gs", seconds)
    }

    /// Encodes the number of seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }
}
