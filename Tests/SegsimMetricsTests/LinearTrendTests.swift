import Testing
import SegsimMetrics
import SegsimRandom

@Suite("Linear trend of a windowed series")
struct LinearTrendTests {
    @Test("A straight line gives its slope with no width")
    func exactLine() throws {
        let times = (0..<10).map(Double.init)
        let trend = try LinearTrend(times: times, values: times.map { 3 + 0.5 * $0 })
        #expect(abs(trend.slope - 0.5) < 1e-12)
        #expect(trend.halfWidth < 1e-9)
        #expect(trend.windows == 10)
    }

    @Test("Slope and half-width match a hand computation")
    func handComputed() throws {
        // x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → slope 1.1; residuals −0.1, 0.8, −1.3, 0.6 (RSS 2.7,
        // negative lag-1 autocorrelation, so no widening); SE = √(2.7 / 2 / 5); t(0.975, 2) = 4.302653.
        let trend = try LinearTrend(times: [0, 1, 2, 3], values: [1, 3, 2, 5])
        #expect(abs(trend.slope - 1.1) < 1e-12)
        #expect(abs(trend.halfWidth - 4.302653 * (0.27).squareRoot()) < 1e-5)
    }

    /// A stationary AR(1) lag series (φ = 0.9) around 10 records, or with a drift.
    func series(seed: UInt64, drift: Double, count: Int = 168) -> (times: [Double], lags: [Double]) {
        var random = SplitMix64(state: seed)
        var noise = 0.0
        var lags: [Double] = []
        for i in 0..<count {
            noise = 0.9 * noise + random.standardNormal()
            lags.append(10 + noise + drift * Double(i))
        }
        return ((0..<count).map(Double.init), lags)
    }

    @Test("A stable, strongly autocorrelated lag is rarely called growing (the AR(1) widening works)")
    func stableLagIsNotGrowing() throws {
        // Without the widening about a third of these series look significantly growing; with it the
        // rate should be near the nominal 2.5% (one-sided), allowing for the approximation.
        var growing = 0
        for seed in 1...200 {
            let (times, lags) = series(seed: UInt64(seed), drift: 0)
            if try LinearTrend(times: times, values: lags).isSignificantlyAbove(0) { growing += 1 }
        }
        #expect(growing <= 16)
    }

    @Test("A lag growing by 0.2 records per window is detected")
    func growingLagIsDetected() throws {
        for seed in 1...20 {
            let (times, lags) = series(seed: UInt64(seed), drift: 0.2)
            let trend = try LinearTrend(times: times, values: lags)
            #expect(trend.isSignificantlyAbove(0))
            #expect(abs(trend.slope - 0.2) < 0.1)
        }
    }

    @Test("Bad input is an error, not a trap")
    func badInput() {
        #expect(throws: MetricError.self) { try LinearTrend(times: [0, 1, 2], values: [1, 2]) }
        #expect(throws: MetricError.self) { try LinearTrend(times: [0, 1], values: [1, 2]) }
        #expect(throws: MetricError.self) { try LinearTrend(times: [1, 1, 1], values: [1, 2, 3]) }
        #expect(throws: MetricError.self) { try LinearTrend(times: [0, 1, 2], values: [1, .nan, 3]) }
    }
}
