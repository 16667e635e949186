import SegsimBehaviour
import SegsimRandom

/// The offered load, as one knob a capacity sweep can turn.
///
/// ```yaml
/// load:
///   multiplier: 1   # × every customer's event rates during the run [0, duration)
/// ```
///
/// The multiplier is a uniform surge on top of the scenario's time profile during the simulated
/// run only: history before 0 (which trains the strategy) and the truth horizon after the run keep
/// their normal rates, so every load point of a sweep segments the same customers with the same
/// fitted model and only the traffic through the pipeline changes.
public struct LoadConfiguration: Sendable, Equatable {
    /// Multiplies every event rate during the run; 1 is the scenario as written.
    public var multiplier = 1.0

    /// The defaults (multiplier 1).
    public init() {}

    /// `profile` with the run-time surge applied as a rate window over [0, `duration`) (nil, the
    /// flat profile, becomes a flat profile with that window); `profile` itself at multiplier 1.
    /// - Throws: ``DistributionError`` at `load.multiplier` if the surge overflows the profile's rates.
    public func applied(to profile: RateProfile?, duration: Double) throws(DistributionError) -> RateProfile? {
        guard multiplier != 1 else { return profile }
        do {
            let base = try profile ?? RateProfile(baseRate: 1)
            return try RateProfile(
                baseRate: base.baseRate, daily: base.daily, weekly: base.weekly,
                windows: base.windows + [.init(start: 0, end: duration, factor: multiplier, name: "load")],
                trend: base.trend)
        } catch {
            throw DistributionError(path: "load", .invalid(reason: "multiplier \(multiplier): \(error)"))
        }
    }
}

extension LoadConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case multiplier
    }

    /// Decodes and validates; a missing multiplier is 1.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        multiplier = try c.value(.multiplier, multiplier)
        try DistributionError.requirePositive(multiplier, "multiplier", at: path)
    }

    /// Encodes in the configuration form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(multiplier, forKey: .multiplier)
    }
}
