/// The configuration form of a rate profile, as scenario files write a load or a rate shape:
///
/// ```yaml
/// base_rate: 120            # events per second
/// daily: flat               # or { sinusoid: { amplitude: 0.6, peak_hour: 20 } } or { hourly: [24 numbers] }
/// weekly: [1, 1, 1, 1, 1.1, 1.4, 1.3]   # Monday first
/// windows:                  # promotions, a Black-Friday peak, a flu surge
///   - { start: 4d, end: 5d, factor: 10, name: black-friday }   # name optional, for reports
/// trend: { start: 0, end: 1w, factor: 1.3 }
/// ```
///
/// Every key but `base_rate` is optional and defaults to no effect; times are
/// ``SimulatedDuration``s from the Monday 00:00 epoch. Decoding is strict — unknown keys are
/// rejected with the list of known ones, and every value is validated by
/// ``init(baseRate:daily:weekly:windows:trend:)`` — because a silently ignored typo (`windws:`)
/// would run a different experiment than the one written down. Errors read like
/// `load: windows[0].factor must be ≥ 0, got -2`.
extension RateProfile: Codable {
    /// The keys of the configuration form, in documentation order.
    static let configurationKeys = ["base_rate", "daily", "weekly", "windows", "trend"]

    /// Decodes and validates a profile; `base_rate` is required.
    /// - Throws: ``DistributionError`` at the decoder's coding path for an unknown or missing key or
    ///   a bad value; the decoder's own `DecodingError` when a value has the wrong type. Yams'
    ///   `decode(_:from: String)` wraps the former in a `DecodingError`; recover it with
    ///   ``DistributionError/init(unwrapping:)``.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, defaultBaseRate: nil)
    }

    /// Decodes and validates a profile whose `base_rate` may be left out, standing for
    /// `defaultBaseRate`. A model that reads a dimensionless shape for
    /// ``nextArrival(after:scaledBy:using:)`` passes 1, e.g. from its own `init(from:)` with
    /// `RateProfile(from: try container.superDecoder(forKey: .shape), defaultBaseRate: 1)`.
    /// - Parameter defaultBaseRate: the base rate when the key is absent; `nil` makes it required.
    /// - Throws: as ``init(from:)``.
    public init(from decoder: any Decoder, defaultBaseRate: Double?) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let container = try strictContainer(decoder, known: Self.configurationKeys, at: path)
        guard let baseRate = try container.decodeIfPresent(Double.self, forKey: ConfigKey("base_rate")) ?? defaultBaseRate
        else { throw DistributionError(path: path, .missingKey(name: "base_rate")) }
        let daily = try container.decodeIfPresent(DailyCycleForm.self, forKey: ConfigKey("daily"))?.daily ?? .flat
        let weekly = try container.decodeIfPresent([Double].self, forKey: ConfigKey("weekly"))
        let windows = try container.decodeIfPresent([WindowForm].self, forKey: ConfigKey("windows"))?.map(\.window)
        let trend = try container.decodeIfPresent(TrendForm.self, forKey: ConfigKey("trend"))?.trend
        do {
            try self.init(baseRate: baseRate, daily: daily, weekly: weekly ?? Array(repeating: 1, count: 7),
                          windows: windows ?? [], trend: trend)
        } catch {
            // The initialiser names its Swift parameters; the scenario author wrote the config keys.
            throw DistributionError(path: path, error.problem.renamingField { Self.configurationFieldNames[$0] ?? $0 })
        }
    }

    /// The fields that `init` names differently from the configuration; all others coincide.
    private static let configurationFieldNames = [
        "baseRate": "base_rate",
        "daily.sinusoid amplitude": "daily.sinusoid.amplitude",
        "daily.sinusoid peakHour": "daily.sinusoid.peak_hour",
    ]

    /// Encodes the form that decoding reads, times as numbers of seconds; `windows` and `trend`
    /// are left out when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ConfigKey.self)
        try container.encode(baseRate, forKey: ConfigKey("base_rate"))
        try container.encode(DailyCycleForm(daily: daily), forKey: ConfigKey("daily"))
        try container.encode(weekly, forKey: ConfigKey("weekly"))
        if !windows.isEmpty { try container.encode(windows.map(WindowForm.init), forKey: ConfigKey("windows")) }
        if let trend { try container.encode(TrendForm(trend: trend), forKey: ConfigKey("trend")) }
    }
}

// The parts are coded through private forms rather than public conformances, so that the only
// public way in validates the whole profile.

/// `flat`, `{ sinusoid: { amplitude: 0.6, peak_hour: 20 } }` or `{ hourly: [24 multipliers] }`.
private struct DailyCycleForm: Codable {
    static let forms = ["flat", "sinusoid", "hourly"]
    var daily: RateProfile.DailyCycle

    init(daily: RateProfile.DailyCycle) { self.daily = daily }

    init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "flat" else { throw DistributionError(path: path, .notOneOf(found: [word], known: Self.forms)) }
            daily = .flat
            return
        }
        let container = try decoder.container(keyedBy: ConfigKey.self)
        let keys = container.allKeys
        guard keys.count == 1, let key = keys.first, Self.forms.dropFirst().contains(key.stringValue) else {
            throw DistributionError(path: path, .notOneOf(found: keys.map(\.stringValue).sorted(), known: Self.forms))
        }
        if key.stringValue == "hourly" {
            daily = .hourly(try container.decode([Double].self, forKey: key))
        } else {
            let parametersDecoder = try container.superDecoder(forKey: key)
            let parametersPath = DistributionError.render(codingPath: parametersDecoder.codingPath)
            let parameters = try strictContainer(parametersDecoder, known: ["amplitude", "peak_hour"], at: parametersPath)
            daily = .sinusoid(amplitude: try required(Double.self, "amplitude", in: parameters, at: parametersPath),
                              peakHour: try required(Double.self, "peak_hour", in: parameters, at: parametersPath))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch daily {
        case .flat:
            var container = encoder.singleValueContainer()
            try container.encode("flat")
        case let .hourly(multipliers):
            var container = encoder.container(keyedBy: ConfigKey.self)
            try container.encode(multipliers, forKey: ConfigKey("hourly"))
        case let .sinusoid(amplitude, peakHour):
            var container = encoder.container(keyedBy: ConfigKey.self)
            var parameters = container.nestedContainer(keyedBy: ConfigKey.self, forKey: ConfigKey("sinusoid"))
            try parameters.encode(amplitude, forKey: ConfigKey("amplitude"))
            try parameters.encode(peakHour, forKey: ConfigKey("peak_hour"))
        }
    }
}

/// `{ start: 4d, end: 5d, factor: 10, name: black-friday }`, the name optional.
private struct WindowForm: Codable {
    var window: RateProfile.Window

    init(window: RateProfile.Window) { self.window = window }

    init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let container = try strictContainer(decoder, known: ["start", "end", "factor", "name"], at: path)
        window = .init(start: try required(SimulatedDuration.self, "start", in: container, at: path).seconds,
                       end: try required(SimulatedDuration.self, "end", in: container, at: path).seconds,
                       factor: try required(Double.self, "factor", in: container, at: path),
                       name: try container.decodeIfPresent(String.self, forKey: ConfigKey("name")))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ConfigKey.self)
        try container.encode(SimulatedDuration(seconds: window.start), forKey: ConfigKey("start"))
        try container.encode(SimulatedDuration(seconds: window.end), forKey: ConfigKey("end"))
        try container.encode(window.factor, forKey: ConfigKey("factor"))
        try container.encodeIfPresent(window.name, forKey: ConfigKey("name"))
    }
}

/// `{ start: 0, end: 1w, factor: 1.3 }`.
private struct TrendForm: Codable {
    var trend: RateProfile.Trend

    init(trend: RateProfile.Trend) { self.trend = trend }

    init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let container = try strictContainer(decoder, known: ["start", "end", "factor"], at: path)
        trend = .init(start: try required(SimulatedDuration.self, "start", in: container, at: path).seconds,
                      end: try required(SimulatedDuration.self, "end", in: container, at: path).seconds,
                      factor: try required(Double.self, "factor", in: container, at: path))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ConfigKey.self)
        try container.encode(SimulatedDuration(seconds: trend.start), forKey: ConfigKey("start"))
        try container.encode(SimulatedDuration(seconds: trend.end), forKey: ConfigKey("end"))
        try container.encode(trend.factor, forKey: ConfigKey("factor"))
    }
}

/// The mapping at `decoder`, after checking that it has no key outside `known` (typo protection).
private func strictContainer(_ decoder: any Decoder, known: [String], at path: String) throws
    -> KeyedDecodingContainer<ConfigKey>
{
    let container = try decoder.container(keyedBy: ConfigKey.self)
    if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
        throw DistributionError(path: path, .unknownKey(name: unknown, known: known))
    }
    return container
}

/// The value of the required key `name`.
private func required<T: Decodable>(_ type: T.Type, _ name: String, in container: KeyedDecodingContainer<ConfigKey>,
                                    at path: String) throws -> T {
    guard container.contains(ConfigKey(name)) else { throw DistributionError(path: path, .missingKey(name: name)) }
    return try container.decode(type, forKey: ConfigKey(name))
}

extension DistributionError.Problem {
    /// The same problem with its field renamed by `rename`; problems without a field are unchanged.
    func renamingField(_ rename: (String) -> String) -> Self {
        switch self {
        case let .notPositive(field, value): return .notPositive(field: rename(field), value: value)
        case let .negative(field, value): return .negative(field: rename(field), value: value)
        case let .notFinite(field, value): return .notFinite(field: rename(field), value: value)
        case let .outOfRange(field, value, range): return .outOfRange(field: rename(field), value: value, range: range)
        case let .empty(field): return .empty(field: rename(field))
        case let .allZero(field): return .allZero(field: rename(field))
        case let .wrongCount(field, expected, actual): return .wrongCount(field: rename(field), expected: expected, actual: actual)
        case let .emptyInterval(field, start, end): return .emptyInterval(field: rename(field), start: start, end: end)
        case .unknownDistribution, .notExactlyOneDistribution, .unknownParameter, .missingParameter, .notAMapping,
             .unknownKey, .missingKey, .notOneOf, .badDuration, .invalid:
            return self
        }
    }
}
