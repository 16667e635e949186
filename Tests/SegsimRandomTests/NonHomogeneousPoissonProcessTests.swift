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

    @Test("a rate of zero everywhere never arrives")
    func zeroRate() throws {
        var process = NonHomogeneousPoissonProcess(profile: try .constant(0))
        let next = process.next(after: 0, using: RandomStream(runSeed: 1, purpose: "zero"))
        #expect(next == .infinity)
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
