import Foundation
import SegsimReport
import Testing

@Suite("NiceScale and number formatting")
struct NiceScaleTests {
    @Test("linear ticks land on 1, 2, 2.5 or 5 × 10^k", arguments: [
        (0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 97.0, [0, 20, 40, 60, 80, 100]),
        (3.0, 47.0, [0, 10, 20, 30, 40, 50]),
        (-0.3, 0.7, [-0.5, -0.25, 0, 0.25, 0.5, 0.75]),
        (1200.0, 1850.0, [1200, 1400, 1600, 1800, 2000]),
        (0.3, 0.9, [0.2, 0.4, 0.6, 0.8, 1.0]),
    ])
    func linearTicks(lower: Double, upper: Double, expected: [Double]) {
        let scale = NiceScale.linear(from: lower, to: upper, maximumTickCount: 6)
        #expect(scale.ticks == expected)
        #expect(scale.lower <= lower && scale.upper >= upper)
        #expect(scale.ticks.count <= 6)
    }

    @Test("tick labels are short and exact")
    func tickLabels() {
        #expect(NiceScale.linear(from: -0.3, to: 0.7).ticks.map(NiceScale.linear(from: -0.3, to: 0.7).label(for:))
            == ["-0.5", "-0.25", "0", "0.25", "0.5", "0.75"])
        let tenths = NiceScale.linear(from: 0, to: 1)
        #expect(tenths.ticks.map(tenths.label(for:)) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(NumberFormatting.tickLabel(2_500_000) == "2.5e6")
        #expect(NumberFormatting.tickLabel(0.00001) == "1e-5")
        #expect(NumberFormatting.tickLabel(1000) == "1000")
    }

    @Test("degenerate ranges are widened, non-finite ranges fall back")
    func degenerateRanges() {
        let single = NiceScale.linear(from: 5, to: 5)
        #expect(single.lower < 5 && single.upper > 5)
        let zero = NiceScale.linear(from: 0, to: 0)
        #expect(zero.lower < 0 && zero.upper > 0)
        let broken = NiceScale.linear(from: .nan, to: .infinity)
        #expect(broken.ticks.allSatisfy { $0.isFinite })
        #expect(NiceScale.logarithmic(from: -1, to: 0).ticks == [1, 10])
    }

    @Test("log ticks are powers of ten covering the range", arguments: [
        (3.0, 4500.0), (0.002, 0.9), (1e-3, 1e9), (7.0, 8.0), (10.0, 1000.0),
    ])
    func logTicks(lower: Double, upper: Double) {
        let scale = NiceScale.logarithmic(from: lower, to: upper)
        #expect(scale.isLogarithmic)
        #expect(scale.ticks.count >= 2 && scale.ticks.count <= 8)
        #expect(scale.lower <= lower && scale.upper >= upper)
        for tick in scale.ticks {
            let exponent = log10(tick)
            #expect(abs(exponent - exponent.rounded()) < 1e-12, "\(tick) is not a power of ten")
        }
    }

    @Test("log ticks by hand")
    func logTicksByHand() {
        #expect(NiceScale.logarithmic(from: 3, to: 4500).ticks == [1, 10, 100, 1000, 10000])
        #expect(NiceScale.logarithmic(from: 10, to: 1000).ticks == [10, 100, 1000])
        #expect(NiceScale.logarithmic(from: 0.002, to: 0.9).ticks == [0.001, 0.01, 0.1, 1])
        let wide = NiceScale.logarithmic(from: 1e-3, to: 1e9)
        #expect(wide.step == 2)
        #expect(wide.ticks.map(wide.label(for:)) == ["0.001", "0.1", "10", "1000", "100000", "1e7", "1e9"])
    }

    @Test("number formatting is fixed, drops trailing zeros, never prints nan or -0")
    func numberFormatting() {
        #expect(NumberFormatting.decimal(2.50, fractionDigits: 2) == "2.5")
        #expect(NumberFormatting.decimal(3, fractionDigits: 3) == "3")
        #expect(NumberFormatting.decimal(2.5, fractionDigits: 2, dropsTrailingZeros: false) == "2.50")
        #expect(NumberFormatting.decimal(-0.0001, fractionDigits: 2) == "0")
        #expect(NumberFormatting.decimal(-0.0001, fractionDigits: 2, dropsTrailingZeros: false) == "0.00")
        #expect(NumberFormatting.decimal(.nan, fractionDigits: 2) == "n/a")
        #expect(NumberFormatting.decimal(-.infinity, fractionDigits: 2) == "n/a")
        #expect(NumberFormatting.percent(0.1234, fractionDigits: 1) == "12.3%")
        #expect(NumberFormatting.decimal(1234567.891, fractionDigits: 1) == "1234567.9")
    }
}
