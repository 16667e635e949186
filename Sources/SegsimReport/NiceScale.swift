import Foundation

/// An axis range widened to round bounds, with ticks at multiples of 1, 2, 2.5 or 5 × 10^k
/// (linear) or at powers of ten (logarithmic), so tick labels are short and easy to read.
public struct NiceScale: Hashable, Sendable {
    /// Whether positions are proportional to log10 of the value rather than to the value.
    public let isLogarithmic: Bool
    /// The lower end of the axis; always the first tick.
    public let lower: Double
    /// The upper end of the axis; always the last tick.
    public let upper: Double
    /// The spacing of ticks: a value for a linear scale, a number of decades for a logarithmic one.
    public let step: Double
    /// The tick values, ascending, from ``lower`` to ``upper``.
    public let ticks: [Double]

    private init(isLogarithmic: Bool, step: Double, ticks: [Double]) {
        self.isLogarithmic = isLogarithmic
        self.step = step
        self.ticks = ticks
        lower = ticks.first ?? 0
        upper = ticks.last ?? 1
    }

    /// A linear scale covering `minimum...maximum` with at most `maximumTickCount` ticks.
    ///
    /// A zero-width range is widened around its value; non-finite bounds give `0...1`.
    public static func linear(from minimum: Double, to maximum: Double, maximumTickCount: Int = 6) -> NiceScale {
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        (low, high) = (max(low, -1e300), min(high, 1e300))
        if high == low {
            let widening = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - widening, high + widening)
        }
        let intervals = max(1, maximumTickCount - 1)
        let rawStep = (high - low) / Double(intervals)
        var exponent = Int(floor(log10(rawStep)))
        let mantissas = [1.0, 2, 2.5, 5]
        while true {
            for mantissa in mantissas {
                let step = scaled(mantissa, exponent)
                let first = floor(low / step + 1e-9), last = ceil(high / step - 1e-9)
                guard last - first <= Double(intervals) else { continue }
                let ticks = stride(from: first, through: last, by: 1).map { scaled($0 * mantissa, exponent) }
                return NiceScale(isLogarithmic: false, step: step, ticks: ticks)
            }
            exponent += 1
        }
    }

    /// A base-10 logarithmic scale covering `minimum...maximum` (both must be positive) with ticks
    /// at powers of ten, skipping decades evenly so there are at most `maximumTickCount` ticks.
    ///
    /// Non-positive or non-finite bounds give `1...10`; the axis never extends past 10^±300.
    public static func logarithmic(from minimum: Double, to maximum: Double, maximumTickCount: Int = 8) -> NiceScale {
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if !(low > 0) || !high.isFinite { (low, high) = (1, 10) }
        let firstDecade = min(299, max(-300, Int(floor(log10(low) + 1e-9))))
        var lastDecade = min(300, max(-300, Int(ceil(log10(high) - 1e-9))))
        if lastDecade <= firstDecade { lastDecade = firstDecade + 1 }
        let intervals = max(1, maximumTickCount - 1)
        let decadesPerTick = max(1, (lastDecade - firstDecade + intervals - 1) / intervals)
        let tickCount = (lastDecade - firstDecade + decadesPerTick - 1) / decadesPerTick
        let ticks = (0...tickCount).map { scaled(1, firstDecade + $0 * decadesPerTick) }
        return NiceScale(isLogarithmic: true, step: Double(decadesPerTick), ticks: ticks)
    }

    /// Unlabelled ticks between the labelled ones: 2…9 × 10^k on a log scale with one decade per
    /// tick and at most five decades (so the grid stays light); empty otherwise.
    public var minorTicks: [Double] {
        guard isLogarithmic, step == 1, ticks.count <= 6 else { return [] }
        return ticks.dropLast().flatMap { decade in (2...9).map { Double($0) * decade } }
    }

    /// Where `value` sits along the axis, 0 at ``lower`` and 1 at ``upper`` (outside for values
    /// beyond). On a log scale `value` must be positive.
    public func fraction(of value: Double) -> Double {
        if isLogarithmic {
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// The text for tick `value`: ``NumberFormatting/tickLabel(_:step:)`` for linear scales and
    /// ``NumberFormatting/tickLabel(_:)`` for logarithmic ones.
    public func label(for value: Double) -> String {
        isLogarithmic ? NumberFormatting.tickLabel(value) : NumberFormatting.tickLabel(value, step: step)
    }

    /// `mantissa` × 10^`exponent`, dividing for negative exponents so decimals such as 0.3 are
    /// the closest doubles to the decimal value, not accumulated products.
    private static func scaled(_ mantissa: Double, _ exponent: Int) -> Double {
        exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
    }
}
