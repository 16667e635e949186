#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A time-varying arrival rate λ(t), in events per second of virtual time.
///
/// λ(t) = base rate × daily multiplier(time of day) × weekly multiplier(day of week) × the factor of
/// every window that contains t × the trend multiplier at t. Virtual time t is in seconds from the
/// epoch **Monday 00:00**, so day 0 is a Monday and t = 86,400 × 5 is Saturday 00:00. Windows model
/// one-off events — promotions, a Black-Friday peak, a flu surge — on top of the regular daily and
/// weekly cycles; the optional ``Trend`` models gradual drift (a growing customer base, a fading
/// campaign).
///
/// With base rate 1 the profile is a dimensionless shape, shared by many customers whose own
/// intensities scale it: see ``nextArrival(after:scaledBy:using:)``.
///
/// Every value is validated in `init`, so a profile that exists is usable: rates, multipliers and
/// factors are finite and ≥ 0, windows and the trend have start < end.
public struct RateProfile: Sendable, Equatable {
    /// The shape of a day, as a multiplier of the base rate.
    public enum DailyCycle: Sendable, Equatable {
        /// The same rate all day (multiplier 1).
        case flat
        /// 24 multipliers, hour 0 covering 00:00–01:00; the rate is constant within each hour.
        case hourly([Double])
        /// A smooth daily wave 1 + amplitude × cos(2π (h − peakHour) / 24), h the hour of day
        /// (fractional): highest at `peakHour`, lowest 12 hours later. The daily mean multiplier is 1,
        /// so the base rate stays the average rate.
        case sinusoid(amplitude: Double, peakHour: Double)
    }

    /// A span of virtual time [start, end) during which the rate is multiplied by `factor`.
    /// Overlapping windows multiply; a factor of 0 models an outage, 10 a flash sale.
    ///
    /// Equality compares the name too, so a decoded profile equals its original only if the labels
    /// survived; the rate itself never depends on the name.
    public struct Window: Sendable, Equatable {
        /// Start of the window, in seconds since the Monday 00:00 epoch (inclusive).
        public var start: Double
        /// End of the window, in seconds since the epoch (exclusive).
        public var end: Double
        /// The multiplier applied inside the window.
        public var factor: Double
        /// An optional label (`black-friday`) for reports; it has no effect on the rate.
        public var name: String?

        /// A window multiplying the rate by `factor` on [start, end); validated by ``RateProfile``.
        public init(start: Double, end: Double, factor: Double, name: String? = nil) {
            self.start = start
            self.end = end
            self.factor = factor
            self.name = name
        }
    }

    /// A gradual drift of the rate: multiplier 1 until `start`, changing linearly to `factor` at
    /// `end`, and `factor` from then on. A factor of 1.3 over the first week models 30% growth;
    /// 0 models a campaign that fades out (and stays off).
    public struct Trend: Sendable, Equatable {
        /// When the drift begins, in seconds since the Monday 00:00 epoch.
        public var start: Double
        /// When the drift reaches `factor`, in seconds since the epoch.
        public var end: Double
        /// The multiplier from `end` on.
        public var factor: Double

        /// A trend from multiplier 1 at `start` to `factor` at `end`; validated by ``RateProfile``.
        public init(start: Double, end: Double, factor: Double) {
            self.start = start
            self.end = end
            self.factor = factor
        }

        /// The multiplier at `t`: 1 before `start`, `factor` from `end`, linear in between.
        ///
        /// In floating point it stays between 1 and `factor` and is monotone in t, which is what
        /// lets the thinning majorant bound it by its values at the ends of a piece.
        public func multiplier(at t: Double) -> Double {
            if t <= start { return 1 }
            if t >= end { return factor }
            return 1 + (factor - 1) * ((t - start) / (end - start))
        }

        /// The slope of the multiplier inside the ramp, per second.
        var slope: Double { (factor - 1) / (end - start) }
    }

    /// Seconds per hour, the longest piece of the thinning majorant.
    public static let secondsPerHour = 3_600.0
    /// Seconds per day.
    public static let secondsPerDay = 86_400.0

    /// The base rate, in events per second, before any multiplier.
    public let baseRate: Double
    /// The daily cycle.
    public let daily: DailyCycle
    /// Seven day-of-week multipliers, Monday first.
    public let weekly: [Double]
    /// One-off multiplier windows.
    public let windows: [Window]
    /// The gradual drift, if any (`nil`: multiplier 1 throughout).
    public let trend: Trend?
    /// An upper bound on the periodic part of the rate (base × daily × weekly) in each of the
    /// 168 hours of the week: the piecewise majorant of the thinning algorithm.
    let hourOfWeekBound: [Double]
    /// An upper bound on λ(t) over all time: the largest periodic rate times every window factor
    /// above 1 (as if all such windows overlapped) times the trend factor if above 1. Zero exactly
    /// when the rate is zero everywhere.
    public let maximumRate: Double
    /// The integral of `hourOfWeekBound` from the start of the week to the start of each hour
    /// (169 entries, the last the whole week), in events: inverting it lets thinning skip whole
    /// hours and weeks in O(log 168) where a sparse process would otherwise walk them one by one.
    let weekIntegral: [Double]
    /// The window starts and ends, the trend's start and end and ``rampParts`` − 1 points evenly
    /// inside the ramp, sorted and distinct. Between two consecutive edges — a *regime* — every
    /// window is either in force throughout or not at all, and the trend varies by at most
    /// 1/``rampParts`` of its rise.
    let regimeEdges: [Double]
    /// For each regime (index k spans [regimeEdges[k − 1], regimeEdges[k]), open-ended at both ends
    /// of the list), the product of the window factors in force times the larger trend multiplier
    /// at the regime's ends: a bound on λ / (periodic bound) over the whole regime.
    let regimeFactor: [Double]
    /// Into how many regimes the trend's ramp is cut: a regime's bound then exceeds the trend by at
    /// most 1/64 of its whole change |factor − 1|, and memory stays fixed however long the ramp.
    static let rampParts = 64

    /// Creates and validates a profile.
    /// - Parameters:
    ///   - baseRate: events per second before multipliers; ≥ 0.
    ///   - daily: the daily cycle; hourly needs 24 multipliers ≥ 0, a sinusoid amplitude in [0, 1]
    ///     (the rate must not go negative) and a peak hour in [0, 24].
    ///   - weekly: seven multipliers ≥ 0, Monday first.
    ///   - windows: extra multiplier windows with finite start < end and factor ≥ 0.
    ///   - trend: an optional drift with finite start < end and factor ≥ 0.
    /// - Throws: ``DistributionError`` naming the first bad field and its value, or if the
    ///   multipliers together overflow ``maximumRate``.
    public init(
        baseRate: Double,
        daily: DailyCycle = .flat,
        weekly: [Double] = Array(repeating: 1, count: 7),
        windows: [Window] = [],
        trend: Trend? = nil
    ) throws(DistributionError) {
        try DistributionError.requireNonNegative(baseRate, "baseRate", at: "")
        switch daily {
        case .flat:
            break
        case let .hourly(multipliers):
            try Self.requireMultipliers(multipliers, count: 24, field: "daily.hourly")
        case let .sinusoid(amplitude, peakHour):
            guard amplitude >= 0, amplitude <= 1 else {
                throw DistributionError(.outOfRange(field: "daily.sinusoid amplitude", value: amplitude, range: 0...1))
            }
            guard peakHour >= 0, peakHour <= 24 else {
                throw DistributionError(.outOfRange(field: "daily.sinusoid peakHour", value: peakHour, range: 0...24))
            }
        }
        try Self.requireMultipliers(weekly, count: 7, field: "weekly")
        for (index, window) in windows.enumerated() {
            let field = "windows[\(index)]"
            guard window.start.isFinite else { throw DistributionError(.notFinite(field: "\(field).start", value: window.start)) }
            guard window.end.isFinite else { throw DistributionError(.notFinite(field: "\(field).end", value: window.end)) }
            guard window.start < window.end else {
                throw DistributionError(.emptyInterval(field: field, start: window.start, end: window.end))
            }
            try DistributionError.requireNonNegative(window.factor, "\(field).factor", at: "")
        }
        if let trend {
            guard trend.start.isFinite else { throw DistributionError(.notFinite(field: "trend.start", value: trend.start)) }
            guard trend.end.isFinite else { throw DistributionError(.notFinite(field: "trend.end", value: trend.end)) }
            guard trend.start < trend.end else {
                throw DistributionError(.emptyInterval(field: "trend", start: trend.start, end: trend.end))
            }
            try DistributionError.requireNonNegative(trend.factor, "trend.factor", at: "")
        }

        self.baseRate = baseRate
        self.daily = daily
        self.weekly = weekly
        self.windows = windows
        self.trend = trend
        self.hourOfWeekBound = (0..<168).map { hour in
            baseRate * weekly[hour / 24] * Self.maximumMultiplier(daily, hourOfDay: hour % 24)
        }
        // Same order of factors as `rate(at:)` (periodic, windows, trend), so that monotone rounding
        // keeps every computed rate ≤ this bound.
        self.maximumRate = windows.reduce(hourOfWeekBound.max() ?? 0) { $0 * max(1, $1.factor) }
            * max(1, trend?.factor ?? 1)
        var integral = [0.0]
        for bound in hourOfWeekBound { integral.append(integral[integral.count - 1] + bound * Self.secondsPerHour) }
        self.weekIntegral = integral
        let rampPoints = trend.map { trend in
            [trend.start, trend.end]
                + (1..<Self.rampParts).map { trend.start + (trend.end - trend.start) * Double($0) / Double(Self.rampParts) }
        } ?? []
        let edges = Set(windows.flatMap { [$0.start, $0.end] } + rampPoints).sorted()
        self.regimeEdges = edges
        self.regimeFactor = (0...edges.count).map { k in
            let start = k == 0 ? -Double.infinity : edges[k - 1]
            let end = k == edges.count ? Double.infinity : edges[k]
            let windowFactor = windows.reduce(1.0) { $1.start <= start && end <= $1.end ? $0 * $1.factor : $0 }
            guard let trend else { return windowFactor }
            return windowFactor * max(trend.multiplier(at: start), trend.multiplier(at: end))
        }
        // Finite inputs can still multiply past the largest Double, which would stall thinning.
        guard maximumRate.isFinite else { throw DistributionError(.notFinite(field: "maximum rate", value: maximumRate)) }
    }

    /// A constant rate: a homogeneous Poisson process.
    /// - Throws: ``DistributionError`` if `rate` is negative or not finite.
    public static func constant(_ rate: Double) throws(DistributionError) -> RateProfile {
        try RateProfile(baseRate: rate)
    }

    /// The rate λ(t), in events per second, at `t` seconds after the Monday 00:00 epoch.
    /// - Precondition: `t` is finite.
    /// - Complexity: O(number of windows).
    public func rate(at t: Double) -> Double {
        let hour = Self.hourIndex(containing: t)
        let hourOfWeek = Self.floorModulo(hour, 168)
        let dayStart = Double(Self.floorDivide(hour, 24)) * Self.secondsPerDay
        var rate = baseRate * weekly[hourOfWeek / 24]
            * Self.multiplier(daily, hourOfDay: hourOfWeek % 24, secondOfDay: t - dayStart)
        for window in windows where window.start <= t && t < window.end {
            rate *= window.factor
        }
        if let trend { rate *= trend.multiplier(at: t) }
        return rate
    }

    /// The first event after `t` of a Poisson process with rate c × λ(s), or `+infinity` if there is
    /// none (c = 0, or the rate is zero everywhere from `t` on, or the event would fall beyond
    /// 10²¹ s, 3 × 10¹³ years).
    ///
    /// This lets millions of customers share one profile — a dimensionless shape with base rate 1 —
    /// each scaling it by an own intensity c (events per second), without a copy per customer.
    /// The draw is exact: Lewis–Shedler thinning against the piecewise-constant majorant c × λ*
    /// described on ``NonHomogeneousPoissonProcess``; c cancels from the acceptance ratio, so it
    /// only shortens or stretches the candidate gaps. It does not allocate.
    /// - Parameters:
    ///   - t: seconds since the Monday 00:00 epoch; finite and below 10²¹.
    ///   - c: the scale, finite and ≥ 0, with c × ``maximumRate`` finite.
    ///   - stream: the source of randomness.
    /// - Complexity: expected O(1) candidates (all accepted for a flat or hourly day outside a trend
    ///   ramp), each O(number of windows + regimes crossed × log edges); quiet stretches are skipped
    ///   in O(log 168), not hour by hour.
    public func nextArrival(after t: Double, scaledBy c: Double, using stream: RandomStream) -> Double {
        var proposals = 0
        return nextArrival(after: t, scaledBy: c, using: stream, proposals: &proposals)
    }

    /// ``nextArrival(after:scaledBy:using:)``, adding the number of candidates proposed (accepted
    /// or not) to `proposals`, for the acceptance ratio a process reports.
    func nextArrival(after t: Double, scaledBy c: Double, using stream: RandomStream, proposals: inout Int) -> Double {
        guard c > 0, maximumRate > 0 else { return .infinity }
        var time = t
        while true {
            // A unit exponential is the majorant's integrated intensity from `time` to its next point.
            guard let candidate = majorantPoint(after: time, budget: stream.exponential(mean: 1), scale: c) else {
                return .infinity
            }
            proposals += 1
            // Accept with probability λ(s)/bound; uniform() < 1, so λ = bound always accepts.
            if stream.uniform() * candidate.bound < rate(at: candidate.time) { return candidate.time }
            time = candidate.time
        }
    }

    /// The point s > t where c ∫ₜˢ λ*(u) du reaches `budget`, and the majorant λ* there; `nil` if
    /// the majorant is zero from t on (or s lies beyond ``farFuture``).
    ///
    /// In t's piece λ* is ``majorant(from:)``, and s = t + budget / (c λ*) keeps the precision of t
    /// for dense processes. Beyond it λ* is the periodic bound times the regime's factor, whose
    /// integral ``weekIntegral`` inverts in O(log 168): a sparse process (a customer buying once a
    /// month) skips whole hours and weeks instead of walking them. Changing majorant after t's piece
    /// is exact, as the acceptance hazard is λ whichever majorant proposed, and carrying the budget
    /// across pieces is the same law as drawing afresh (the overshoot of an exponential is exponential).
    private func majorantPoint(after t: Double, budget initialBudget: Double, scale c: Double)
        -> (time: Double, bound: Double)?
    {
        var budget = initialBudget
        let piece = majorant(from: t)
        if piece.bound > 0 {
            let point = t + budget / (c * piece.bound)
            if point < piece.end { return (point, piece.bound) }
            budget = max(0, budget - (piece.end - t) * c * piece.bound)
        }
        // Integrals of the periodic bound are counted from the start of the week of the piece's end.
        var time = piece.end
        let hour = Self.hourIndex(containing: time)
        let weekStart = Double(hour - Self.floorModulo(hour, 168)) * Self.secondsPerHour
        var done = periodicIntegral(from: weekStart, to: time)
        var regime = regimeIndex(containing: time)
        while true {
            let end = regime < regimeEdges.count ? regimeEdges[regime] : .infinity
            let reach = end < Self.farFuture ? periodicIntegral(from: weekStart, to: end) : .infinity
            let factor = regimeFactor[regime]
            if factor > 0 {
                let need = budget / (c * factor)
                if need < reach - done {
                    // Before `time` by rounding would be out of order; the bound is taken where the point landed.
                    let point = max(time, weekIntegralInverse(done + need, weekStart: weekStart))
                    guard point < Self.farFuture else { return nil }
                    return (point, hourOfWeekBound[Self.floorModulo(Self.hourIndex(containing: point), 168)] * factor)
                }
                budget = max(0, budget - c * factor * (reach - done))
            }
            guard end < Self.farFuture else { return nil }
            time = end
            done = reach
            regime += 1
        }
    }

    /// Beyond this time (3 × 10¹³ years) there are no events: hour indices would overflow `Int`.
    static let farFuture = 1e21

    /// The index of the regime containing t: the number of edges at or before t.
    /// - Complexity: O(log number of edges).
    private func regimeIndex(containing t: Double) -> Int {
        var low = 0
        var high = regimeEdges.count
        while low < high {
            let middle = (low + high) / 2
            if regimeEdges[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The time s at which the integral of the periodic bound from `weekStart` (a week boundary)
    /// reaches `target` ≥ 0 (+infinity if that overflows).
    /// - Complexity: O(log 168).
    private func weekIntegralInverse(_ target: Double, weekStart: Double) -> Double {
        let weekTotal = weekIntegral[168]
        let weeks = (target / weekTotal).rounded(.down)
        let remainder = min(max(0, target - weeks * weekTotal), weekTotal.nextDown)
        // The first hour whose integral ends beyond the remainder: its bound is > 0.
        var low = 0
        var high = 167
        while low < high {
            let middle = (low + high) / 2
            if weekIntegral[middle + 1] <= remainder { low = middle + 1 } else { high = middle }
        }
        let hourStart = weekStart + weeks * 7 * Self.secondsPerDay + Double(low) * Self.secondsPerHour
        let offset = (remainder - weekIntegral[low]) / hourOfWeekBound[low]
        // Rounding must not carry the point into the next hour, whose bound may differ.
        return min(hourStart + offset, (hourStart + Self.secondsPerHour).nextDown)
    }

    /// ∫ of the periodic bound from `weekStart` (a week boundary) to `end` ≥ weekStart.
    private func periodicIntegral(from weekStart: Double, to end: Double) -> Double {
        let hour = Self.hourIndex(containing: end)
        let hourStart = Double(hour) * Self.secondsPerHour
        let weeks = ((hourStart - weekStart) / (7 * Self.secondsPerDay)).rounded(.down)
        let hourOfWeek = Self.floorModulo(hour, 168)
        return weeks * weekIntegral[168] + weekIntegral[hourOfWeek] + hourOfWeekBound[hourOfWeek] * (end - hourStart)
    }

    /// A constant upper bound on λ over [t, end): `end` is the next hour boundary, window edge or
    /// trend edge after t, whichever comes first, so every window either covers the whole piece or
    /// none of it, and only the daily cycle and the trend ramp can vary inside. The ramp is monotone,
    /// so its larger end value bounds it. Thinning against this piecewise majorant accepts every
    /// candidate where the rate is piecewise constant (`flat` or `hourly` days, outside a ramp).
    /// - Complexity: O(number of windows).
    func majorant(from t: Double) -> (bound: Double, end: Double) {
        let hour = Self.hourIndex(containing: t)
        var bound = hourOfWeekBound[Self.floorModulo(hour, 168)]
        var end = Double(hour + 1) * Self.secondsPerHour
        for window in windows {
            if window.start > t {
                end = min(end, window.start)
            } else if t < window.end {
                bound *= window.factor
                end = min(end, window.end)
            }
        }
        if let trend {
            if t < trend.start {
                end = min(end, trend.start)
            } else if t < trend.end {
                end = min(end, trend.end)
                bound *= max(trend.multiplier(at: t), trend.multiplier(at: end))
            } else {
                bound *= trend.factor
            }
        }
        return (bound, end)
    }

    /// The expected number of events in [start, end): the integral of λ(t), computed exactly
    /// (piecewise by hour, window edge and trend edge; the sinusoid, the linear ramp and their
    /// product in closed form).
    /// - Precondition: `start` and `end` are finite.
    /// - Complexity: O(hours spanned × number of windows).
    public func expectedCount(from start: Double, to end: Double) -> Double {
        guard start < end else { return 0 }
        var total = 0.0
        var hour = Self.hourIndex(containing: start)
        while Double(hour) * Self.secondsPerHour < end {
            let hourStart = Double(hour) * Self.secondsPerHour
            let lower = max(start, hourStart)
            let upper = min(end, hourStart + Self.secondsPerHour)
            // Window and trend edges split the hour into pieces of constant window factor, on
            // each of which the trend is constant or linear.
            var edges = [lower, upper]
            let trendEdges = trend.map { [$0.start, $0.end] } ?? []
            for edge in windows.flatMap({ [$0.start, $0.end] }) + trendEdges where lower < edge && edge < upper {
                edges.append(edge)
            }
            edges.sort()
            let hourOfWeek = Self.floorModulo(hour, 168)
            let dayStart = Double(Self.floorDivide(hour, 24)) * Self.secondsPerDay
            let periodic = baseRate * weekly[hourOfWeek / 24]
            for (a, b) in zip(edges, edges.dropFirst()) where a < b {
                let middle = (a + b) / 2
                let factor = windows.reduce(1.0) { $1.start <= middle && middle < $1.end ? $0 * $1.factor : $0 }
                let inRamp = trend.map { $0.start <= middle && middle < $0.end } ?? false
                let integral = Self.multiplierIntegral(
                    daily, hourOfDay: hourOfWeek % 24, from: a - dayStart, to: b - dayStart,
                    trendAtFrom: trend?.multiplier(at: a) ?? 1, trendSlope: inRamp ? trend?.slope ?? 0 : 0)
                total += periodic * factor * integral
            }
            hour += 1
        }
        return total
    }

    // MARK: - Daily cycle

    /// The daily multiplier at `secondOfDay`, which lies in hour `hourOfDay`.
    private static func multiplier(_ daily: DailyCycle, hourOfDay: Int, secondOfDay: Double) -> Double {
        switch daily {
        case .flat:
            return 1
        case let .hourly(multipliers):
            return multipliers[hourOfDay]
        case let .sinusoid(amplitude, peakHour):
            return 1 + amplitude * cos(angularFrequency * (secondOfDay - peakHour * secondsPerHour))
        }
    }

    /// ∫ d(s) × (m₀ + k (s − from)) ds over [from, to]: the daily multiplier d times a linear trend
    /// with value m₀ = `trendAtFrom` at `from` and slope k = `trendSlope` (seconds of the day, within
    /// hour `hourOfDay`). For the sinusoid, integration by parts gives
    /// ∫ cos(ω(s − φ)) g(s) ds = g(s) sin(ω(s − φ))/ω + k cos(ω(s − φ))/ω² for linear g.
    private static func multiplierIntegral(
        _ daily: DailyCycle, hourOfDay: Int, from: Double, to: Double, trendAtFrom m0: Double, trendSlope k: Double
    ) -> Double {
        let length = to - from
        let trendIntegral = length * (m0 + k * length / 2)  // exact for a linear function
        switch daily {
        case .flat:
            return trendIntegral
        case let .hourly(multipliers):
            return multipliers[hourOfDay] * trendIntegral
        case let .sinusoid(amplitude, peakHour):
            let phase = peakHour * secondsPerHour
            let ω = angularFrequency
            let m1 = m0 + k * length
            return trendIntegral
                + amplitude / ω * (m1 * sin(ω * (to - phase)) - m0 * sin(ω * (from - phase)))
                + amplitude * k / (ω * ω) * (cos(ω * (to - phase)) - cos(ω * (from - phase)))
        }
    }

    /// The largest daily multiplier within hour `hourOfDay`. For the sinusoid (monotone between its
    /// extremes, which are 12 hours apart) that is an endpoint of the hour unless the peak lies inside.
    private static func maximumMultiplier(_ daily: DailyCycle, hourOfDay: Int) -> Double {
        switch daily {
        case .flat:
            return 1
        case let .hourly(multipliers):
            return multipliers[hourOfDay]
        case let .sinusoid(amplitude, peakHour):
            let start = Double(hourOfDay)
            if start <= peakHour && peakHour <= start + 1 { return 1 + amplitude }
            let atStart = multiplier(daily, hourOfDay: hourOfDay, secondOfDay: start * secondsPerHour)
            let atEnd = multiplier(daily, hourOfDay: hourOfDay, secondOfDay: (start + 1) * secondsPerHour)
            return max(atStart, atEnd)
        }
    }

    private static let angularFrequency = 2 * Double.pi / secondsPerDay

    // MARK: - Time arithmetic

    /// The index k of the hour [3600k, 3600(k + 1)) containing t, exact even where t / 3600
    /// rounds across an hour boundary (so the rate and its majorant always agree on the hour).
    static func hourIndex(containing t: Double) -> Int {
        var hour = Int((t / secondsPerHour).rounded(.down))
        if Double(hour) * secondsPerHour > t { hour -= 1 }
        if Double(hour + 1) * secondsPerHour <= t { hour += 1 }
        return hour
    }

    private static func floorModulo(_ a: Int, _ n: Int) -> Int { ((a % n) + n) % n }
    private static func floorDivide(_ a: Int, _ n: Int) -> Int { (a - floorModulo(a, n)) / n }

    /// Checks a list of `count` multipliers, each finite and ≥ 0.
    private static func requireMultipliers(_ values: [Double], count: Int, field: String) throws(DistributionError) {
        guard values.count == count else {
            throw DistributionError(.wrongCount(field: field, expected: count, actual: values.count))
        }
        for (index, value) in values.enumerated() {
            try DistributionError.requireNonNegative(value, "\(field)[\(index)]", at: "")
        }
    }
}
