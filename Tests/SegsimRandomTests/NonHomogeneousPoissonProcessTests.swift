import Foundation
import SegsimRandom
import Testing

@Suite("Non-homogeneous Poisson process")
struct NonHomogeneousPoissonProcessTests {
    static let hour = RateProfile.secondsPerHour
    static let day = RateProfile.secondsPerDay

    /// Counts the arrivals of `profile` in consecutive slots of `slot` seconds over [0, horizon).
    private func counts(_ profile: RateProfile, slot: Double, horizon: Double, purpose: String)
        -> (counts: [Int], process: NonHomogeneousPoissonProcess)
    {
        let stream = RandomStream(runSeed: 31, purpose: purpose)
        var process = NonHomogeneousPoissonProcess(profile: profile)
        var counts = Array(repeating: 0, count: Int((horizon / slot).rounded(.up)))
        var t = process.next(after: 0, using: stream)
        while t < horizon {
            counts[Int(t / slot)] += 1
            t = process.next(after: t, using: stream)
        }
        return (counts, process)
    }

    /// Checks each slot's count against the integral of the rate: a Poisson count with mean Λ has
    /// standard deviation √Λ, and 5 of them bound all slots together with probability > 1 − 10⁻⁴.
    private func expectCountsMatchRate(_ counts: [Int], _ profile: RateProfile, slot: Double,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, count) in counts.enumerated() {
            let expected = profile.expectedCount(from: Double(index) * slot, to: Double(index + 1) * slot)
            // 5 Poisson standard deviations √Λ (plus 1 for Λ = 0 slots, which must stay empty).
            #expect(abs(Double(count) - expected) <= 5 * expected.squareRoot() + (expected == 0 ? 0 : 1),
                    "slot \(index): \(count) arrivals, expected \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test("a daily sinusoid: arrivals per hour match the integral of the rate over 2 days")
    func sinusoid() throws {
        let profile = try RateProfile(baseRate: 2, daily: .sinusoid(amplitude: 0.8, peakHour: 18))
        // The closed-form integral over whole days is base × 86,400 (the wave averages out);
        // 1e-9 relative covers the rounding of 24 summed hourly pieces.
        #expect(abs(profile.expectedCount(from: 0, to: Self.day) - 2 * Self.day) <= 1e-9 * 2 * Self.day)
        let result = counts(profile, slot: Self.hour, horizon: 2 * Self.day, purpose: "nhpp.sinusoid")
        expectCountsMatchRate(result.counts, profile, slot: Self.hour)
        // The peak really is busier than the trough: 17:00–19:00 vs 05:00–07:00 is ≈ 1.77 : 0.23.
        #expect(result.counts[17] + result.counts[18] > 4 * (result.counts[5] + result.counts[6]))
    }

    @Test("hourly and weekly cycles: daily counts match over a week, and no candidate is rejected")
    func hourlyAndWeekly() throws {
        let hourly = (0..<24).map { hour in hour < 7 ? 0.1 : hour < 19 ? 1.5 : 0.6 }
        let weekly = [1, 1, 1, 1.2, 1.4, 0.5, 0.3]
        let profile = try RateProfile(baseRate: 0.2, daily: .hourly(hourly), weekly: weekly)
        let result = counts(profile, slot: Self.day, horizon: 7 * Self.day, purpose: "nhpp.weekly")
        expectCountsMatchRate(result.counts, profile, slot: Self.day)
        // The hourly majorant equals the piecewise-constant rate, so thinning accepts every proposal.
        #expect(result.process.proposals == result.process.arrivals)
        #expect(result.process.arrivals == result.counts.reduce(0, +) + 1)  // + the one past the horizon
    }

    @Test("windows multiply the rate: ×3 triples the count, ×0 silences it, a partial window counts pro rata")
    func windows() throws {
        let profile = try RateProfile(baseRate: 1, windows: [
            .init(start: 10 * Self.hour, end: 12 * Self.hour, factor: 3),
            .init(start: 20 * Self.hour, end: 21 * Self.hour, factor: 0),
            .init(start: 14.5 * Self.hour, end: 15.25 * Self.hour, factor: 2),
        ])
        #expect(profile.maximumRate == 6)  // 1 × 3 × 2: as if the windows overlapped
        let result = counts(profile, slot: Self.hour, horizon: Self.day, purpose: "nhpp.windows")
        expectCountsMatchRate(result.counts, profile, slot: Self.hour)
        #expect(result.counts[20] == 0)
        // The majorant's pieces end at window edges, so with a flat day every proposal is accepted.
        #expect(result.process.proposals == result.process.arrivals)
        let before = Double(result.counts[8] + result.counts[9])
        let during = Double(result.counts[10] + result.counts[11])
        // Ratio of two Poisson counts (means 21,600 and 7,200): its standard error is
        // 3 × √(1/21,600 + 1/7,200) ≈ 0.041, so 0.2 is about 5 standard errors.
        #expect(abs(during / before - 3) <= 0.2, "ratio \(during / before)")
        // Hour 14 is 1 × 0.5 h + 2 × 0.5 h = 1.5 × 3,600 expected; hour 15 1.25 × 3,600.
        #expect(profile.expectedCount(from: 14 * Self.hour, to: 15 * Self.hour) == 1.5 * Self.hour)
        #expect(profile.expectedCount(from: 15 * Self.hour, to: 16 * Self.hour) == 1.25 * Self.hour)
    }

    @Test("rate(at:) follows the Monday-00:00 epoch, the daily wave and the windows")
    func rateAt() throws {
        let weekly = [1, 2, 3, 4, 5, 6, 7.0]
        let profile = try RateProfile(baseRate: 10, daily: .sinusoid(amplitude: 0.5, peakHour: 18), weekly: weekly,
                                      windows: [.init(start: 0, end: Self.hour, factor: 4)])
        // 1e-12 relative: one cosine and a few products.
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * abs(b) }
        #expect(close(profile.rate(at: 18 * Self.hour), 10 * 1.5))                    // Monday peak
        #expect(close(profile.rate(at: 6 * Self.hour), 10 * 0.5))                     // Monday trough
        #expect(close(profile.rate(at: 5 * Self.day + 18 * Self.hour), 10 * 6 * 1.5)) // Saturday peak
        #expect(close(profile.rate(at: 0), 10 * (1 + 0.5 * cos(-0.75 * 2 * .pi)) * 4)) // inside the window
        #expect(close(profile.rate(at: -Self.day + 18 * Self.hour), 10 * 7 * 1.5))     // Sunday before the epoch
        #expect(close(profile.rate(at: 7 * Self.day + 18 * Self.hour), 10 * 1.5))     // next Monday, window over
    }

    @Test("maximumRate bounds the rate everywhere")
    func maximumRateIsABound() throws {
        let profile = try RateProfile(baseRate: 3, daily: .sinusoid(amplitude: 1, peakHour: 23.7),
                                      weekly: [1, 1, 1, 1, 2, 0.5, 0],
                                      windows: [.init(start: 400_000, end: 440_000, factor: 5),
                                                .init(start: 150_000, end: 420_000, factor: 0.5)])
        let peak = stride(from: -Self.day, to: 15 * Self.day, by: 37).map(profile.rate(at:)).max() ?? 0
        #expect(peak <= profile.maximumRate)
        // Nearly attained: Friday 23:42 (t = 430,920) lies in the ×5 window only, rate 3 × 2 × 2 × 5.
        let attainable: Double = 60
        #expect(peak >= 0.99 * attainable)
    }

    /// A profile drawn from `stream`: any daily cycle, weekly multipliers (some zero), up to three
    /// windows (outages, dips and peaks, possibly overlapping) and usually a trend, rising or falling.
    static func randomProfile(_ stream: RandomStream) throws -> RateProfile {
        let daily: RateProfile.DailyCycle
        switch stream.uniformInteger(below: 3) {
        case 0: daily = .flat
        case 1: daily = .hourly((0..<24).map { _ in stream.uniform() < 0.1 ? 0 : 2 * stream.uniform() })
        default: daily = .sinusoid(amplitude: stream.uniform(), peakHour: 24 * stream.uniform())
        }
        let weekly = (0..<7).map { _ in stream.uniform() < 0.1 ? 0 : 0.2 + stream.uniform() }
        let windows = (0..<stream.uniformInteger(below: 4)).map { _ in
            let start = 10 * day * stream.uniform()
            return RateProfile.Window(start: start, end: start + 2 * day * stream.uniform() + 1,
                                      factor: [0, 0.5, 3, 8][stream.uniformInteger(below: 4)])
        }
        let trendStart = 5 * day * stream.uniform()
        let trend = stream.uniform() < 0.8
            ? RateProfile.Trend(start: trendStart, end: trendStart + 6 * day * stream.uniform() + 1,
                                factor: 2.5 * stream.uniform())
            : nil
        return try RateProfile(baseRate: 0.5 + stream.uniform(), daily: daily, weekly: weekly,
                               windows: windows, trend: trend)
    }

    @Test("maximumRate bounds the rate on a fine grid for random profiles with windows and trends")
    func maximumRateBoundsRandomProfiles() throws {
        let stream = RandomStream(runSeed: 5, purpose: "nhpp.random-profiles")
        for index in 0..<40 {
            let profile = try Self.randomProfile(stream)
            // A 37 s grid (coprime to hours and days) over 16 days covers every edge's neighbourhood.
            for t in stride(from: -Self.day, to: 15 * Self.day, by: 37) {
                let rate = profile.rate(at: t)
                #expect(rate <= profile.maximumRate, "profile \(index) at t = \(t): \(rate) > \(profile.maximumRate)")
                if rate > profile.maximumRate { return }  // one report per run is enough
            }
        }
    }

    @Test("a rate of zero everywhere never arrives")
    func zeroRate() throws {
        var process = NonHomogeneousPoissonProcess(profile: try .constant(0))
        let next = process.next(after: 0, using: RandomStream(runSeed: 1, purpose: "zero"))
        #expect(next == .infinity)
    }

    // MARK: - Scaled arrivals

    /// Counts in slots of `slot` seconds over [0, horizon) of `customers` independent customers, each
    /// drawing ``RateProfile/nextArrival(after:scaledBy:using:)`` at scale c from the epoch on.
    private func scaledCounts(_ profile: RateProfile, scale c: Double, customers: Int, slot: Double,
                              horizon: Double, purpose: String) -> [Int] {
        let stream = RandomStream(runSeed: 37, purpose: purpose)
        var counts = Array(repeating: 0, count: Int((horizon / slot).rounded(.up)))
        for _ in 0..<customers {
            var t = profile.nextArrival(after: 0, scaledBy: c, using: stream)
            while t < horizon {
                counts[Int(t / slot)] += 1
                let next = profile.nextArrival(after: t, scaledBy: c, using: stream)
                #expect(next > t)
                t = next
            }
        }
        return counts
    }

    /// Checks each slot's count against customers × c × ∫ λ, like `expectCountsMatchRate`.
    private func expectScaledCounts(_ counts: [Int], _ profile: RateProfile, scale c: Double, customers: Int,
                                    slot: Double, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, count) in counts.enumerated() {
            let expected = Double(customers) * c
                * profile.expectedCount(from: Double(index) * slot, to: Double(index + 1) * slot)
            // 5 Poisson standard deviations √Λ (plus 1 for Λ = 0 slots, which must stay empty).
            #expect(abs(Double(count) - expected) <= 5 * expected.squareRoot() + (expected == 0 ? 0 : 1),
                    "\(label), slot \(index): \(count) arrivals, expected \(expected)", sourceLocation: sourceLocation)
        }
    }

    /// Shapes (base rate 1) as behaviour models share them: flat, a daily wave over a week, and
    /// windows — a ×10 peak, an outage, a half-rate dip — on a wave with a trend.
    static func shapes() throws -> [(name: String, profile: RateProfile)] {
        [
            ("flat", try .constant(1)),
            ("sinusoid", try RateProfile(baseRate: 1, daily: .sinusoid(amplitude: 0.8, peakHour: 18),
                                         weekly: [1, 1, 1, 1, 1.1, 1.4, 1.3])),
            ("windows", try RateProfile(baseRate: 1, daily: .sinusoid(amplitude: 0.6, peakHour: 20), windows: [
                .init(start: 4 * day, end: 5 * day, factor: 10, name: "black-friday"),
                .init(start: 2.5 * day, end: 3.25 * day, factor: 0),
                .init(start: 1.3 * day, end: 1.9 * day, factor: 0.5),
            ], trend: .init(start: day, end: 6 * day, factor: 1.5))),
        ]
    }

    @Test("scaled arrivals: each 12-hour count of many customers matches customers × c × ∫λ",
          arguments: [(0.05, 2), (1e-4, 600), (2e-6, 20_000)])
    func scaledCountsMatchRate(scale c: Double, customers: Int) throws {
        // From a dense c (candidates within the current hour) to a sparse one (a customer every
        // ~6 days, so the search skips regimes and weeks); two weeks cover the week's wrap-around.
        for (name, profile) in try Self.shapes() {
            let counts = scaledCounts(profile, scale: c, customers: customers, slot: Self.day / 2,
                                      horizon: 14 * Self.day, purpose: "nhpp.scaled.\(name).\(c)")
            expectScaledCounts(counts, profile, scale: c, customers: customers, slot: Self.day / 2, "\(name), c = \(c)")
        }
    }

    @Test("time rescaling: c ∫λ between consecutive arrivals is Exp(1) (Kolmogorov–Smirnov)",
          arguments: [0.02, 3e-5])
    func timeRescaling(scale c: Double) throws {
        // The exact law, not just counts: by the time-rescaling theorem the integrated rate between
        // arrivals of a Poisson process is a unit exponential, whatever the profile.
        let profile = try Self.shapes()[2].profile
        let stream = RandomStream(runSeed: 43, purpose: "nhpp.rescaling.\(c)")
        var gaps: [Double] = []
        var t = 0.0
        while gaps.count < 20_000 {
            let next = profile.nextArrival(after: t, scaledBy: c, using: stream)
            gaps.append(c * profile.expectedCount(from: t, to: next))
            // Restart each week so that the windows and the trend keep being crossed.
            t = next < 7 * Self.day ? next : 0
        }
        let d = kolmogorovSmirnov(gaps) { 1 - exp(-$0) }
        // KS critical value at significance 0.001 (Stephens' finite-n correction).
        #expect(d < kolmogorovSmirnovCritical(n: gaps.count), "D = \(d)")
    }

    @Test("random profiles: daily counts of scaled arrivals match the integral of the rate")
    func scaledCountsOfRandomProfiles() throws {
        let stream = RandomStream(runSeed: 6, purpose: "nhpp.random-profiles.counts")
        for index in 0..<6 {
            let profile = try Self.randomProfile(stream)
            let customers = 2_000
            let c = 1e-5
            let counts = scaledCounts(profile, scale: c, customers: customers, slot: Self.day,
                                      horizon: 14 * Self.day, purpose: "nhpp.random.\(index)")
            expectScaledCounts(counts, profile, scale: c, customers: customers, slot: Self.day, "profile \(index)")
        }
    }

    @Test("scale 0 never arrives, and a trend fading to 0 stops arrivals for good")
    func zeroScaleAndFadingTrend() throws {
        let stream = RandomStream(runSeed: 3, purpose: "nhpp.zero-scale")
        let profile = try RateProfile(baseRate: 5, trend: .init(start: Self.day, end: 2 * Self.day, factor: 0))
        #expect(profile.nextArrival(after: 0, scaledBy: 0, using: stream) == .infinity)
        #expect(profile.nextArrival(after: 2 * Self.day, scaledBy: 1, using: stream) == .infinity)
        #expect(profile.nextArrival(after: 10 * Self.day, scaledBy: 1e-9, using: stream) == .infinity)
        // Before the end, arrivals come, all before it.
        let next = profile.nextArrival(after: 1.9 * Self.day, scaledBy: 1, using: stream)
        #expect(next > 1.9 * Self.day && next < 2 * Self.day)
        var process = NonHomogeneousPoissonProcess(profile: profile)
        #expect(process.next(after: 3 * Self.day, using: stream) == .infinity)
        #expect(process.arrivals == 0)
    }

    // MARK: - Trend

    @Test("a trend: counts before, within and after the ramp match the exact integral")
    func trendCounts() throws {
        // Rate 1 until day 2, rising linearly to 3 at day 4, then 3: integrals 2d, 4d and 6d.
        let profile = try RateProfile(baseRate: 1, trend: .init(start: 2 * Self.day, end: 4 * Self.day, factor: 3))
        let spans = [(0.0, 2 * Self.day, 2 * Self.day), (2 * Self.day, 4 * Self.day, 4 * Self.day),
                     (4 * Self.day, 6 * Self.day, 6 * Self.day)]
        for (start, end, integral) in spans {
            // 1e-12 relative: a sum of 48 hourly pieces, each exact up to rounding.
            #expect(abs(profile.expectedCount(from: start, to: end) - integral) <= 1e-12 * integral)
        }
        let c = 0.01
        let result = counts(profile, slot: 2 * Self.day, horizon: 6 * Self.day, purpose: "nhpp.trend")
        let scaled = scaledCounts(profile, scale: c, customers: 50, slot: 2 * Self.day, horizon: 6 * Self.day,
                                  purpose: "nhpp.trend.scaled")
        for (index, (_, _, integral)) in spans.enumerated() {
            // 5 Poisson standard deviations √Λ for Λ = the integral (unscaled) and 50 c × it.
            #expect(abs(Double(result.counts[index]) - integral) <= 5 * integral.squareRoot())
            let expected = 50 * c * integral
            #expect(abs(Double(scaled[index]) - expected) <= 5 * expected.squareRoot())
        }
        // Hourly slots within the ramp too, against the exact integral of each hour.
        let hourly = counts(profile, slot: Self.hour, horizon: 6 * Self.day, purpose: "nhpp.trend.hourly")
        expectCountsMatchRate(hourly.counts, profile, slot: Self.hour)
        // The ramp's majorant is its larger end value per hour: most, not all, candidates are accepted.
        #expect(hourly.process.proposals > hourly.process.arrivals)
        #expect(Double(hourly.process.arrivals) >= 0.99 * Double(hourly.process.proposals))
    }

    @Test("expectedCount is exact for a trend times a daily sinusoid (against Simpson's rule)")
    func trendTimesSinusoidIntegral() throws {
        let profile = try RateProfile(baseRate: 2, daily: .sinusoid(amplitude: 0.7, peakHour: 15),
                                      trend: .init(start: 0.5 * Self.day, end: 2.25 * Self.day, factor: 0.2))
        // Simpson's rule on 30 s steps between the trend's kinks: its error ≈ (ωh)⁴/180 relative,
        // below 10⁻¹², so 1e-9 relative leaves room for rounding over ~10⁴ terms.
        func simpson(_ a: Double, _ b: Double) -> Double {
            let n = 2 * Int((b - a) / 60)  // Simpson needs an even number of steps
            let h = (b - a) / Double(n)
            var sum = profile.rate(at: a) + profile.rate(at: b)
            for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * profile.rate(at: a + Double(i) * h) }
            return sum * h / 3
        }
        for (a, b) in [(0.0, 0.5 * Self.day), (0.5 * Self.day, 2.25 * Self.day), (2.25 * Self.day, 3 * Self.day),
                       (0.6 * Self.day + 123, 1.7 * Self.day + 4567)] {
            let exact = profile.expectedCount(from: a, to: b)
            let numeric = simpson(a, b)
            #expect(abs(exact - numeric) <= 1e-9 * numeric, "[\(a), \(b)): \(exact) vs \(numeric)")
        }
    }

    @Test("invalid profiles throw a DistributionError naming the field and the value")
    func invalidProfiles() {
        let cases: [(make: () throws -> RateProfile, message: String)] = [
            ({ try RateProfile(baseRate: -1) }, "baseRate must be ≥ 0, got -1"),
            ({ try RateProfile(baseRate: .nan) }, "baseRate must be a finite number, got nan"),
            ({ try RateProfile(baseRate: 1, daily: .hourly(Array(repeating: 1, count: 23))) },
             "daily.hourly must have 24 entries, got 23"),
            ({ try RateProfile(baseRate: 1, daily: .hourly([1, 1, -0.5] + Array(repeating: 1, count: 21))) },
             "daily.hourly[2] must be ≥ 0, got -0.5"),
            ({ try RateProfile(baseRate: 1, daily: .sinusoid(amplitude: 1.5, peakHour: 12)) },
             "daily.sinusoid amplitude must be in [0, 1], got 1.5"),
            ({ try RateProfile(baseRate: 1, daily: .sinusoid(amplitude: 0.5, peakHour: 25)) },
             "daily.sinusoid peakHour must be in [0, 24], got 25"),
            ({ try RateProfile(baseRate: 1, weekly: [1, 1, 1]) }, "weekly must have 7 entries, got 3"),
            ({ try RateProfile(baseRate: 1, weekly: [1, 1, 1, 1, 1, .infinity, 1]) },
             "weekly[5] must be a finite number, got inf"),
            ({ try RateProfile(baseRate: 1, windows: [.init(start: 0, end: 1, factor: 2), .init(start: 5, end: 3, factor: 2)]) },
             "windows[1] must have start < end, got [5, 3)"),
            ({ try RateProfile(baseRate: 1, windows: [.init(start: 0, end: 1, factor: -2)]) },
             "windows[0].factor must be ≥ 0, got -2"),
            ({ try RateProfile(baseRate: 1, windows: [.init(start: 0, end: .infinity, factor: 2)]) },
             "windows[0].end must be a finite number, got inf"),
            ({ try RateProfile(baseRate: 1, trend: .init(start: 5, end: 3, factor: 2)) },
             "trend must have start < end, got [5, 3)"),
            ({ try RateProfile(baseRate: 1, trend: .init(start: 0, end: 1, factor: -1)) },
             "trend.factor must be ≥ 0, got -1"),
            ({ try RateProfile(baseRate: 1, trend: .init(start: -.infinity, end: 1, factor: 2)) },
             "trend.start must be a finite number, got -inf"),
            ({ try RateProfile(baseRate: 1, trend: .init(start: 0, end: .nan, factor: 2)) },
             "trend.end must be a finite number, got nan"),
        ]
        for (make, message) in cases {
            #expect {
                _ = try make()
            } throws: { error in
                (error as? DistributionError)?.description == message
            }
        }
    }
}
