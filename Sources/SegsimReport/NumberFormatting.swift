import Foundation

/// Fixed, locale-independent number formatting for tick labels, SVG coordinates and table cells.
///
/// The same input always gives the same bytes, and no function ever returns `nan` or `inf`:
/// non-finite values come back as ``notAvailable``, so reports stay deterministic and clean.
public enum NumberFormatting {
    /// The text shown in place of a missing or non-finite value.
    public static let notAvailable = "n/a"

    /// `value` with `fractionDigits` decimals, by default without trailing zeros ("2.50" → "2.5").
    ///
    /// Negative zero prints as "0", so rounding noise never shows up as "-0".
    public static func decimal(_ value: Double, fractionDigits: Int, dropsTrailingZeros: Bool = true) -> String {
        guard value.isFinite else { return notAvailable }
        let digits = min(max(fractionDigits, 0), 17)
        var text = fixed(value, digits: digits)
        if dropsTrailingZeros, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// C's `%.<digits>f` of `value`, by `vsnprintf` into a stack buffer: the bytes `String(format:)`
    /// gives, without its CFString formatting (a report formats every chart coordinate this way).
    private static func fixed(_ value: Double, digits: Int) -> String {
        // |value| < 2¹⁰²⁴ has at most 309 integer digits; sign, point and 17 decimals fit in 400.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let base = buffer.baseAddress!
            _ = withVaList([value]) { vsnprintf(base, 400, "%.\(digits)f", $0) }
            return String(cString: base)
        }
    }

    /// `value` × 100 with exactly `fractionDigits` decimals and a "%" sign (0.1234 → "12.3%").
    public static func percent(_ value: Double, fractionDigits: Int = 1) -> String {
        guard value.isFinite else { return notAvailable }
        return decimal(value * 100, fractionDigits: fractionDigits, dropsTrailingZeros: false) + "%"
    }

    /// A short axis label for a tick on an axis whose ticks are `step` apart: just enough decimals
    /// to tell neighbouring ticks apart ("0.25", "1200"), scientific ("1e6") for huge or tiny values.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return notAvailable }
        if let scientific = scientificIfExtreme(value) { return scientific }
        return decimal(value, fractionDigits: fractionDigits(for: step))
    }

    /// A short label for a value with no known tick spacing, such as a power of ten on a log axis.
    public static func tickLabel(_ value: Double) -> String {
        guard value.isFinite else { return notAvailable }
        if let scientific = scientificIfExtreme(value) { return scientific }
        return decimal(value, fractionDigits: 6)
    }

    /// A compact SVG coordinate: at most two decimals, trailing zeros dropped; never non-finite.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? decimal(value, fractionDigits: 2) : "0"
    }

    /// The number of decimals that represent multiples of `step` exactly (0.25 → 2, 20 → 0).
    static func fractionDigits(for step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var digits = 0
        var scaled = step
        while digits < 12, abs(scaled - scaled.rounded()) > 1e-6 * max(1, scaled) {
            digits += 1
            scaled *= 10
        }
        return digits
    }

    /// "2.5e6" or "1e-5" for magnitudes at or above 10^6 or below 10^-4; `nil` for the rest.
    private static func scientificIfExtreme(_ value: Double) -> String? {
        let magnitude = abs(value)
        guard magnitude != 0, magnitude >= 1e6 || magnitude < 1e-4 else { return nil }
        var exponent = Int(floor(log10(magnitude)))
        var mantissa = (value / pow(10, Double(exponent)) * 100).rounded() / 100
        if abs(mantissa) >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return decimal(mantissa, fractionDigits: 2) + "e" + String(exponent)
    }
}
