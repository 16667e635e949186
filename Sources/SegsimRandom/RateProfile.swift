#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A time-varying arrival rate λ(t), in events per second of virtual time.
///
/// λ(t) = base rate × daily multiplier(time of day) × weekly multiplier(day of week) × the factor of
/// every window that contains t. Virtual time t is in seconds from the epoch **Monday 00:00**, so
/// day 0 is a Monday and t = 86,400 × 5 is Saturday 00:00. Windows model one-off events —
/// promotions, a Black-Friday peak, a flu surge — on top of the regular daily and weekly cycles.
///
/// Every value is validated in `init`, so a profile that exists is usable: rates, multipliers and
/// factors are finite and ≥ 0, windows have start < end.
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
    public struct Window: Sendable, Equatable {
        /// Start of the window, in seconds since the Monday 00:00 epoch (inclusive).
        public var start: Double
        /// End of the window, in seconds since the epoch (exclusive).
        public var end: Double
        /// The multiplier applied inside the window.
        public var factor: Double

        /// A window multiplying the rate by `factor` on [start, end); validated by ``RateProfile``.
        public init(start: Double, end: Double, factor: Double) {
            self.start = start
            self.end = end
            self.factor = factor
        }
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
    /// An upper bound on the periodic part of the rate (base × daily × weekly) in each of the
    /// 168 hours of the week: the piecewise majorant of the thinning algorithm.
    let hourOfWeekBound: [Double]
    /// An upper bound on λ(t) over all time: the largest periodic rate times every window factor
    /// above 1 (as if all such windows overlapped). Zero exactly when the rate is zero everywhere.
    public let maximumRate: Double

    /// Creates and validates a profile.
    /// - Parameters:
    ///   - baseRate: events per second before multipliers; ≥ 0.
    ///   - daily: the daily cycle; hourly needs 24 multipliers ≥ 0, a sinusoid amplitude in [0, 1]
    ///     (the rate must not go negative) and a peak hour in [0, 24].
    ///   - weekly: seven multipliers ≥ 0, Monday first.
    ///   - windows: extra multiplier windows with finite start < end and factor ≥ 0.
    /// - Throws: ``DistributionError`` naming the first bad field and its value, or if the
    ///   multipliers together overflow ``maximumRate``.
    public init(
        baseRate: Double,
        daily: DailyCycle = .flat,
        weekly: [Double] = Array(repeating: 1, count: 7),
        windows: [Window] = []
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

        self.baseRate = baseRate
        self.daily = daily
        self.weekly = weekly
        self.windows = windows
        self.hourOfWeekBound = (0..<168).map { hour in
            baseRate * weekly[hour / 24] * Self.maximumMultiplier(daily, hourOfDay: hour % 24)
        }
        self.maximumRate = windows.reduce(hourOfWeekBound.max() ?? 0) { $0 * max(1, $1.factor) }
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
        return rate
    }

    /// A constant upper bound on λ over [t, end): `end` is the next hour boundary or window edge
    /// after t, whichever comes first, so every window either covers the whole piece or none of it
    /// and only the daily cycle can vary inside. Thinning against this piecewise majorant accepts
    /// every candidate where the daily cycle is piecewise constant (`flat`, `hourly`).
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
        return (bound, end)
    }

    /// The expected number of events in [start, end): the integral of λ(t), computed exactly
    /// (piecewise by hour and by window edge; the sinusoid in closed form).
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
            // Window edges split the hour into pieces of constant window factor.
            var edges = [lower, upper]
            for window in windows {
                for edge in [window.start, window.end] where lower < edge && edge < upper { edges.append(edge) }
            }
            edges.sort()
            let hourOfWeek = Self.floorModulo(hour, 168)
            let dayStart = Double(Self.floorDivide(hour, 24)) * Self.secondsPerDay
            let periodic = baseRate * weekly[hourOfWeek / 24]
            for (a, b) in zip(edges, edges.dropFirst()) where a < b {
                let middle = (a + b) / 2
                let factor = windows.reduce(1.0) { $1.start <= middle && middle < $1.end ? $0 * $1.factor : $0 }
                let dailyIntegral = Self.multiplierIntegral(
                    daily, hourOfDay: hourOfWeek % 24, from: a - dayStart, to: b - dayStart)
                total += periodic * factor * dailyIntegral
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

    /// ∫ of the daily multiplier over [from, to] (seconds of the day, within hour `hourOfDay`).
    private static func multiplierIntegral(_ daily: DailyCycle, hourOfDay: Int, from: Double, to: Double) -> Double {
        switch daily {
        case .flat:
            return to - from
        case let .hourly(multipliers):
            return multipliers[hourOfDay] * (to - from)
        case let .sinusoid(amplitude, peakHour):
            let phase = peakHour * secondsPerHour
            let ω = angularFrequency
            return (to - from) + amplitude / ω * (sin(ω * (to - phase)) - sin(ω * (from - phase)))
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
