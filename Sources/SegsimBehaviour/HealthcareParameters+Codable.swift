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


extension HealthcareParameters {
    /// Decodes and validates parameters; a missing key takes its documented default.
    /// - Throws: ``DistributionError`` at the coding path for an unknown key or a bad value; the
    ///   decoder's `DecodingError` for a value of the wrong type.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        let d = HealthcareParameters()
        self.init(
            patients: try c.value(.patients, d.patients),
            population: try c.section(.population, d.population),
            outpatient: try c.section(.outpatient, d.outpatient),
            emergency: try c.section(.emergency, d.emergency),
            electiveAdmission: try c.section(.electiveAdmission, d.electiveAdmission),
            mortality: try c.section(.mortality, d.mortality),
            emergencyAdmission: try c.section(.emergencyAdmission, d.emergencyAdmission),
            inHospitalDeath: try c.section(.inHospitalDeath, d.inHospitalDeath),
            lengthOfStay: try c.section(.lengthOfStay, d.lengthOfStay),
            readmission: try c.section(.readmission, d.readmission),
            costs: try c.section(.costs, d.costs),
            emergencyRateShape: c.contains(.emergencyRateShape)
                ? try RateProfile(from: c.superDecoder(forKey: .emergencyRateShape), defaultBaseRate: 1)
                : d.emergencyRateShape)
        try validate(at: path)
    }
}

extension HealthcareParameters.Population: ConfigurationSection {
    /// Decodes and validates a population; a missing key takes its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            ageMeanYears: try c.value(.ageMeanYears, d?.ageMeanYears),
            ageSDYears: try c.value(.ageSDYears, d?.ageSDYears),
            ageMinYears: try c.value(.ageMinYears, d?.ageMinYears),
            ageMaxYears: try c.value(.ageMaxYears, d?.ageMaxYears),
            femaleShare: try c.value(.femaleShare, d?.femaleShare),
            frailtyShape: try c.value(.frailtyShape, d?.frailtyShape),
            conditions: try c.section(.conditions, d?.conditions))
        try validate(at: path)
    }
}

extension HealthcareParameters.ConditionPrevalence: ConfigurationSection {
    /// Decodes and validates a prevalence curve; both keys are required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            prevalenceAt65: try c.value(.prevalenceAt65, d?.prevalenceAt65),
            oddsRatioPerDecade: try c.value(.oddsRatioPerDecade, d?.oddsRatioPerDecade))
        try validate(at: path)
    }
}

extension HealthcareParameters.ConditionTable: ConfigurationSection {
    /// Decodes and validates the table, keyed by ``ChronicCondition/key``; a missing condition
    /// keeps its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let known = ChronicCondition.allCases.map(\.key)
        let (c, path) = try ConfigurationCoding.container(decoder, known: known)
        var table = Self()
        for condition in ChronicCondition.allCases {
            table[condition] = try c.section(ConfigurationKey(condition.key), d?[condition])
        }
        self = table
        try validate(at: path)
    }

    /// Encodes every condition under its ``ChronicCondition/key``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ConfigurationKey.self)
        for condition in ChronicCondition.allCases {
            try container.encode(self[condition], forKey: ConfigurationKey(condition.key))
        }
    }
}

extension HealthcareParameters.EventRate: ConfigurationSection {
    /// Decodes and validates a rate; every key is required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            ratePerYear: try c.value(.ratePerYear, d?.ratePerYear),
            rateRatioPerDecade: try c.value(.rateRatioPerDecade, d?.rateRatioPerDecade),
            rateRatioPerCharlsonPoint: try c.value(.rateRatioPerCharlsonPoint, d?.rateRatioPerCharlsonPoint),
            femaleRateRatio: try c.value(.femaleRateRatio, d?.femaleRateRatio))
        try validate(at: path)
    }
}

extension HealthcareParameters.RiskModel: ConfigurationSection {
    /// Decodes and validates a risk model; every key is required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            baseProbability: try c.value(.baseProbability, d?.baseProbability),
            oddsRatioPerDecade: try c.value(.oddsRatioPerDecade, d?.oddsRatioPerDecade),
            oddsRatioPerCharlsonPoint: try c.value(.oddsRatioPerCharlsonPoint, d?.oddsRatioPerCharlsonPoint))
        try validate(at: path)
    }
}

extension HealthcareParameters.LengthOfStay: ConfigurationSection {
    /// Decodes and validates a length-of-stay distribution; a missing key takes its default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(meanDays: try c.value(.meanDays, d?.meanDays), sdDays: try c.value(.sdDays, d?.sdDays))
        try validate(at: path)
    }
}

extension HealthcareParameters.Readmission: ConfigurationSection {
    /// Decodes and validates readmission parameters; a missing key takes its default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            baseProbability: try c.value(.baseProbability, d?.baseProbability),
            oddsRatioPerLACEPoint: try c.value(.oddsRatioPerLACEPoint, d?.oddsRatioPerLACEPoint),
            meanDelayDays: try c.value(.meanDelayDays, d?.meanDelayDays))
        try validate(at: path)
    }
}

extension HealthcareParameters.Cost: ConfigurationSection {
    /// Decodes and validates a cost; both keys are required.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: nil) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(meanUSD: try c.value(.meanUSD, d?.meanUSD), sdUSD: try c.value(.sdUSD, d?.sdUSD))
        try validate(at: path)
    }
}

extension HealthcareParameters.Costs: ConfigurationSection {
    /// Decodes and validates costs; a missing key takes its documented default.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init(
            outpatient: try c.section(.outpatient, d?.outpatient),
            emergency: try c.section(.emergency, d?.emergency),
            inpatientDay: try c.section(.inpatientDay, d?.inpatientDay))
        try validate(at: path)
    }
}

