import SegsimRandom

// The configuration form: snake_case keys as documented on each property.
//
// Decoding is strict about names and lenient about omissions: an unknown key is an error (a typo
// must not silently run another experiment), a missing key takes its documented default, and
// every decoded section is validated at its coding path, e.g.
// `scenario.healthcare.readmission: base_probability must be in [0, 1], got 1.2`.
// `EventRate`, `RiskModel`, `ConditionPrevalence` and `Cost` have no defaults of their
// own (they differ by use), so decoded alone they need every key; inside `HealthcareParameters`
// their missing keys come from the enclosing default.

/// A configuration section whose missing keys may be filled from a default.
protocol HealthcareSection: Codable {
    /// Decodes and validates the section; with `defaults == nil` every key is required.
    init(from decoder: any Decoder, defaults: Self?) throws
}

extension HealthcareParameters {
    /// Decodes and validates parameters; a missing key takes its documented default.
    /// - Throws: ``DistributionError`` at the coding path for an unknown key or a bad value; the
    ///   decoder's `DecodingError` for a value of the wrong type.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        let d = HealthcareParameters()
        self.init(
            patients: try c.healthcareValue(.patients, d.patients),
            population: try c.healthcareSection(.population, d.population),
            outpatient: try c.healthcareSection(.outpatient, d.outpatient),
            emergency: try c.healthcareSection(.emergency, d.emergency),
            electiveAdmission: try c.healthcareSection(.electiveAdmission, d.electiveAdmission),
            mortality: try c.healthcareSection(.mortality, d.mortality),
            emergencyAdmission: try c.healthcareSection(.emergencyAdmission, d.emergencyAdmission),
            inHospitalDeath: try c.healthcareSection(.inHospitalDeath, d.inHospitalDeath),
            lengthOfStay: try c.healthcareSection(.lengthOfStay, d.lengthOfStay),
            readmission: try c.healthcareSection(.readmission, d.readmission),
            costs: try c.healthcareSection(.costs, d.costs),
            emergencyRateShape: c.contains(.emergencyRateShape)
                ? try RateProfile(from: c.superDecoder(forKey: .emergencyRateShape), defaultBaseRate: 1)
                : d.emergencyRateShape)
        try validate(at: path)
    }
}

extension HealthcareParameters.Population: HealthcareSection {
    /// Decodes and validates a population; a missing key takes its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            ageMeanYears: try c.healthcareValue(.ageMeanYears, d?.ageMeanYears),
            ageSDYears: try c.healthcareValue(.ageSDYears, d?.ageSDYears),
            ageMinYears: try c.healthcareValue(.ageMinYears, d?.ageMinYears),
            ageMaxYears: try c.healthcareValue(.ageMaxYears, d?.ageMaxYears),
            femaleShare: try c.healthcareValue(.femaleShare, d?.femaleShare),
            frailtyShape: try c.healthcareValue(.frailtyShape, d?.frailtyShape),
            conditions: try c.healthcareSection(.conditions, d?.conditions))
        try validate(at: path)
    }
}

extension HealthcareParameters.ConditionPrevalence: HealthcareSection {
    /// Decodes and validates a prevalence curve; both keys are required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            prevalenceAt65: try c.healthcareValue(.prevalenceAt65, d?.prevalenceAt65),
            oddsRatioPerDecade: try c.healthcareValue(.oddsRatioPerDecade, d?.oddsRatioPerDecade))
        try validate(at: path)
    }
}

extension HealthcareParameters.ConditionTable: HealthcareSection {
    /// Decodes and validates the table, keyed by ``ChronicCondition/key``; a missing condition
    /// keeps its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let known = ChronicCondition.allCases.map(\.key)
        let (c, path) = try HealthcareCoding.container(decoder, known: known)
        var table = Self()
        for condition in ChronicCondition.allCases {
            table[condition] = try c.healthcareSection(HealthcareCodingKey(condition.key), d?[condition])
        }
        self = table
        try validate(at: path)
    }

    /// Encodes every condition under its ``ChronicCondition/key``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: HealthcareCodingKey.self)
        for condition in ChronicCondition.allCases {
            try container.encode(self[condition], forKey: HealthcareCodingKey(condition.key))
        }
    }
}

extension HealthcareParameters.EventRate: HealthcareSection {
    /// Decodes and validates a rate; every key is required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            ratePerYear: try c.healthcareValue(.ratePerYear, d?.ratePerYear),
            rateRatioPerDecade: try c.healthcareValue(.rateRatioPerDecade, d?.rateRatioPerDecade),
            rateRatioPerCharlsonPoint: try c.healthcareValue(.rateRatioPerCharlsonPoint, d?.rateRatioPerCharlsonPoint),
            femaleRateRatio: try c.healthcareValue(.femaleRateRatio, d?.femaleRateRatio))
        try validate(at: path)
    }
}

extension HealthcareParameters.RiskModel: HealthcareSection {
    /// Decodes and validates a risk model; every key is required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            baseProbability: try c.healthcareValue(.baseProbability, d?.baseProbability),
            oddsRatioPerDecade: try c.healthcareValue(.oddsRatioPerDecade, d?.oddsRatioPerDecade),
            oddsRatioPerCharlsonPoint: try c.healthcareValue(.oddsRatioPerCharlsonPoint, d?.oddsRatioPerCharlsonPoint))
        try validate(at: path)
    }
}

extension HealthcareParameters.LengthOfStay: HealthcareSection {
    /// Decodes and validates a length-of-stay distribution; a missing key takes its default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(meanDays: try c.healthcareValue(.meanDays, d?.meanDays), sdDays: try c.healthcareValue(.sdDays, d?.sdDays))
        try validate(at: path)
    }
}

extension HealthcareParameters.Readmission: HealthcareSection {
    /// Decodes and validates readmission parameters; a missing key takes its default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            baseProbability: try c.healthcareValue(.baseProbability, d?.baseProbability),
            oddsRatioPerLACEPoint: try c.healthcareValue(.oddsRatioPerLACEPoint, d?.oddsRatioPerLACEPoint),
            meanDelayDays: try c.healthcareValue(.meanDelayDays, d?.meanDelayDays))
        try validate(at: path)
    }
}

extension HealthcareParameters.Cost: HealthcareSection {
    /// Decodes and validates a cost; both keys are required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(meanUSD: try c.healthcareValue(.meanUSD, d?.meanUSD), sdUSD: try c.healthcareValue(.sdUSD, d?.sdUSD))
        try validate(at: path)
    }
}

extension HealthcareParameters.Costs: HealthcareSection {
    /// Decodes and validates costs; a missing key takes its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try HealthcareCoding.container(decoder, CodingKeys.self)
        self.init(
            outpatient: try c.healthcareSection(.outpatient, d?.outpatient),
            emergency: try c.healthcareSection(.emergency, d?.emergency),
            inpatientDay: try c.healthcareSection(.inpatientDay, d?.inpatientDay))
        try validate(at: path)
    }
}

/// A coding key for any name, so that unknown keys can be seen and reported.
struct HealthcareCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

enum HealthcareCoding {
    /// The keyed container of a section whose keys are `Keys`, after rejecting unknown keys, and
    /// the section's dotted path.
    static func container<Keys: CodingKey & CaseIterable>(
        _ decoder: any Decoder, _: Keys.Type
    ) throws -> (KeyedDecodingContainer<Keys>, String) {
        let (_, path) = try container(decoder, known: Keys.allCases.map(\.stringValue))
        return (try decoder.container(keyedBy: Keys.self), path)
    }

    /// The container of a section whose keys are `known`, after rejecting unknown keys, and the
    /// section's dotted path.
    static func container(
        _ decoder: any Decoder, known: [String]
    ) throws -> (KeyedDecodingContainer<HealthcareCodingKey>, String) {
        let path = render(decoder.codingPath)
        let container = try decoder.container(keyedBy: HealthcareCodingKey.self)
        // Sorted, so that with several typos the same one is always reported.
        if let unknown = container.allKeys.map(\.stringValue).filter({ !known.contains($0) }).sorted().first {
            throw DistributionError(path: path, .unknownKey(name: unknown, known: known))
        }
        return (container, path)
    }

    /// A coding path as `scenario.healthcare.population.conditions.dementia`.
    static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent; required when `fallback` is nil.
    func healthcareValue<T: Decodable>(_ key: Key, _ fallback: T?) throws -> T {
        guard let fallback else { return try decode(T.self, forKey: key) }
        return try decodeIfPresent(T.self, forKey: key) ?? fallback
    }

    /// The section at `key`, its missing keys filled from `fallback`; `fallback` itself when the
    /// key is absent; required (with every key) when `fallback` is nil.
    func healthcareSection<T: HealthcareSection>(_ key: Key, _ fallback: T?) throws -> T {
        if let fallback, !contains(key) { return fallback }
        return try T(from: superDecoder(forKey: key), defaults: fallback)
    }
}
