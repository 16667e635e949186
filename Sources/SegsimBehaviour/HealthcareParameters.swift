#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SegsimRandom

/// Every parameter of ``HealthcareBehaviour``, with defaults calibrated to published US magnitudes.
///
/// Rates are given for a **reference patient** — a man of ``referenceAgeYears`` with Charlson
/// index 0 and frailty 1 — and scaled per patient by
/// `ratio_per_decade^((age − 50)/10) × ratio_per_charlson_point^charlson × female_ratio (if female) × frailty`,
/// so utilisation and mortality rise with age and comorbidity and vary between otherwise equal
/// patients (gamma frailty, mean 1). Probabilities (admission from the ED, death in hospital,
/// readmission) are logistic: the odds at the reference are multiplied by the odds ratios.
///
/// Units are in the key names: `_per_year` (per 365.25 days), `_days`, `_years`, `_usd`.
/// Decoding (snake_case keys, every key optional, defaults as documented) validates and rejects
/// unknown keys, so a typo never silently runs another experiment; ``validate()`` does the same
/// for values built in code.
public struct HealthcareParameters: Sendable, Equatable, Codable {
    /// The age at which the `rate_per_year` and `base_probability` values apply, in years.
    public static let referenceAgeYears = 50.0
    /// The largest encounter rate any patient may have before frailty, in events per year.
    /// Far above any real patient (it is an event every ~30 s), it only keeps virtual time from
    /// stalling on a mistyped parameter.
    public static let maximumRatePerYear = 1e6

    /// Number of patients, at least 1 and as many as fit in three quarters of this machine's memory
    /// (at most 200 million) (default 100,000).
    public var patients: Int
    /// Ages, sex, frailty and chronic conditions.
    public var population: Population
    /// Outpatient (clinic, primary care) encounters. Default 2.5/year at the reference, ×1.12 per
    /// decade, ×1.25 per Charlson point, ×1.3 for women: about 3.5/year over the default
    /// population, close to the ~3.2 office visits per person-year of the CDC's NAMCS (2019).
    public var outpatient: EventRate
    /// Emergency-department visits. Default 0.28/year at the reference, ×1.08 per decade, ×1.45 per
    /// Charlson point, ×1.05 for women: about 0.4/year over the default population, near the US
    /// figure of ~43 visits per 100 persons per year (CDC NHAMCS, 2019).
    public var emergency: EventRate
    /// Elective (planned) admissions. Default 0.025/year at the reference, ×1.25 per decade, ×1.2
    /// per Charlson point. About a third of US admissions are elective (HCUP).
    public var electiveAdmission: EventRate
    /// Death outside hospital. Default 0.0025/year at the reference, ×2.3 per decade (Gompertz:
    /// mortality doubles about every 8 years of age), ×1.35 per Charlson point, ×0.7 for women:
    /// about 1%/year over the default population, near US adult all-cause mortality.
    public var mortality: EventRate
    /// The probability that an ED visit ends in an (emergent) admission. Default 5% at the
    /// reference, odds ×1.35 per decade and ×1.3 per Charlson point: about 10% of ordinary visits
    /// (12% counting readmissions, which all come through the ED), near the US admission rate from
    /// the ED of 10–14% (NHAMCS).
    public var emergencyAdmission: RiskModel
    /// The probability that a stay ends in death rather than discharge. Default 0.6% at the
    /// reference, odds ×1.5 per decade and ×1.2 per Charlson point: about 2% of stays overall,
    /// the US in-hospital mortality (HCUP).
    public var inHospitalDeath: RiskModel
    /// Length of stay (lognormal).
    public var lengthOfStay: LengthOfStay
    /// 30-day readmission after discharge, driven by the LACE score.
    public var readmission: Readmission
    /// Cost per encounter type, in US dollars.
    public var costs: Costs
    /// The shape of the ED visit rate over time: a dimensionless ``RateProfile`` (base rate 1 unless
    /// given) that multiplies every patient's ED rate, and so the rate of emergent admissions.
    /// Flu seasons are windows, e.g. `windows: [{ start: 280d, end: 364d, factor: 1.3, name: flu }]`
    /// for a 12-week season with 30% more ED visits; daily and weekly cycles are allowed too.
    /// Elective admissions are planned and do not follow it. Default flat (multiplier 1 throughout).
    public var emergencyRateShape: RateProfile

    /// Creates parameters; every argument defaults to the documented calibrated value.
    public init(
        patients: Int = 100_000,
        population: Population = Population(),
        outpatient: EventRate = EventRate(ratePerYear: 2.5, rateRatioPerDecade: 1.12, rateRatioPerCharlsonPoint: 1.25, femaleRateRatio: 1.3),
        emergency: EventRate = EventRate(ratePerYear: 0.28, rateRatioPerDecade: 1.08, rateRatioPerCharlsonPoint: 1.45, femaleRateRatio: 1.05),
        electiveAdmission: EventRate = EventRate(ratePerYear: 0.025, rateRatioPerDecade: 1.25, rateRatioPerCharlsonPoint: 1.2, femaleRateRatio: 1),
        mortality: EventRate = EventRate(ratePerYear: 0.0025, rateRatioPerDecade: 2.3, rateRatioPerCharlsonPoint: 1.35, femaleRateRatio: 0.7),
        emergencyAdmission: RiskModel = RiskModel(baseProbability: 0.05, oddsRatioPerDecade: 1.35, oddsRatioPerCharlsonPoint: 1.3),
        inHospitalDeath: RiskModel = RiskModel(baseProbability: 0.006, oddsRatioPerDecade: 1.5, oddsRatioPerCharlsonPoint: 1.2),
        lengthOfStay: LengthOfStay = LengthOfStay(),
        readmission: Readmission = Readmission(),
        costs: Costs = Costs(),
        emergencyRateShape: RateProfile = HealthcareParameters.flatShape
    ) {
        self.patients = patients
        self.population = population
        self.outpatient = outpatient
        self.emergency = emergency
        self.electiveAdmission = electiveAdmission
        self.mortality = mortality
        self.emergencyAdmission = emergencyAdmission
        self.inHospitalDeath = inHospitalDeath
        self.lengthOfStay = lengthOfStay
        self.readmission = readmission
        self.costs = costs
        self.emergencyRateShape = emergencyRateShape
    }

    /// Checks every value, reporting the first bad one under the path `healthcare`.
    /// - Throws: ``DistributionError`` naming the field, e.g.
    ///   `healthcare.readmission: base_probability must be in [0, 1], got 1.2`.
    public func validate() throws(DistributionError) { try validate(at: "healthcare") }

    /// Checks every value, reporting the first bad one under the dotted configuration `path`.
    public func validate(at path: String) throws(DistributionError) {
        try PopulationSize.check(patients, bytesEach: HealthcareBehaviour.estimatedBytesPerPatient, field: "patients", at: path)
        try population.validate(at: HealthcareCheck.join(path, "population"))
        let sections: [(String, EventRate)] = [
            ("outpatient", outpatient), ("emergency", emergency),
            ("elective_admission", electiveAdmission), ("mortality", mortality),
        ]
        for (key, rate) in sections {
            let sectionPath = HealthcareCheck.join(path, key)
            try rate.validate(at: sectionPath)
            // The largest rate any patient can get (before frailty), with the ED shape at its peak.
            let peak = key == "emergency" ? emergencyRateShape.maximumRate : 1
            let oldest = rate.multiplier(ageYears: Double(population.ageMaxYears), charlsonIndex: 0, female: false)
            let youngest = rate.multiplier(ageYears: Double(population.ageMinYears), charlsonIndex: 0, female: false)
            let charlson = pow(max(1, rate.rateRatioPerCharlsonPoint), Double(ChronicConditions.maximumCharlsonIndex))
            let largest = rate.ratePerYear * max(oldest, youngest) * charlson * max(1, rate.femaleRateRatio) * peak
            guard largest <= Self.maximumRatePerYear else {
                throw DistributionError(path: sectionPath, .outOfRange(
                    field: "rate_per_year scaled to the extreme age, Charlson index\(key == "emergency" ? " and rate shape" : "")",
                    value: largest, range: 0...Self.maximumRatePerYear))
            }
        }
        try emergencyAdmission.validate(at: HealthcareCheck.join(path, "emergency_admission"))
        try inHospitalDeath.validate(at: HealthcareCheck.join(path, "in_hospital_death"))
        try lengthOfStay.validate(at: HealthcareCheck.join(path, "length_of_stay"))
        try readmission.validate(at: HealthcareCheck.join(path, "readmission"))
        try costs.validate(at: HealthcareCheck.join(path, "costs"))
    }

    /// A constant multiplier of 1, the default ``emergencyRateShape``.
    public static let flatShape: RateProfile = {
        do {
            return try RateProfile(baseRate: 1)
        } catch {
            preconditionFailure("a flat profile with base rate 1 is valid: \(error)")
        }
    }()
}

extension HealthcareParameters {
    /// Who the patients are. Ages are drawn from a normal distribution truncated to
    /// [`age_min_years`, `age_max_years`] and fixed for the run (a one- or two-year horizon).
    public struct Population: Sendable, Equatable, Codable {
        /// Mean of the (untruncated) age distribution, in years; within [min, max]. Default 48,
        /// near the median age of US adults.
        public var ageMeanYears: Double
        /// Standard deviation of the (untruncated) age distribution, in years, ≥ 0. Default 18.
        public var ageSDYears: Double
        /// Youngest age, in whole years, 0 ... 120. Default 18 (adults).
        public var ageMinYears: Int
        /// Oldest age, in whole years, min ... 120. Default 95.
        public var ageMaxYears: Int
        /// Probability that a patient is female, in [0, 1]. Default 0.51 (US adults).
        public var femaleShare: Double
        /// Shape k of the gamma frailty (mean 1, variance 1/k), > 0. Default 2: a coefficient of
        /// variation of 0.71, the unexplained spread typical of utilisation data.
        public var frailtyShape: Double
        /// Prevalence of each chronic condition by age.
        public var conditions: ConditionTable

        /// Creates a population description; arguments default to the documented values.
        public init(
            ageMeanYears: Double = 48, ageSDYears: Double = 18, ageMinYears: Int = 18, ageMaxYears: Int = 95,
            femaleShare: Double = 0.51, frailtyShape: Double = 2, conditions: ConditionTable = ConditionTable()
        ) {
            self.ageMeanYears = ageMeanYears
            self.ageSDYears = ageSDYears
            self.ageMinYears = ageMinYears
            self.ageMaxYears = ageMaxYears
            self.femaleShare = femaleShare
            self.frailtyShape = frailtyShape
            self.conditions = conditions
        }

        /// Checks every value under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requireInRange(Double(ageMinYears), "age_min_years", 0...120, at: path)
            try DistributionError.requireInRange(Double(ageMaxYears), "age_max_years", Double(ageMinYears)...120, at: path)
            // A mean inside the range keeps the truncated draw's rejection rate bounded.
            try DistributionError.requireInRange(ageMeanYears, "age_mean_years", Double(ageMinYears)...Double(ageMaxYears), at: path)
            try DistributionError.requireNonNegative(ageSDYears, "age_sd_years", at: path)
            try DistributionError.requireInRange(femaleShare, "female_share", 0...1, at: path)
            try DistributionError.requirePositive(frailtyShape, "frailty_shape", at: path)
            try conditions.validate(at: HealthcareCheck.join(path, "conditions"))
        }
    }

    /// The age-dependent prevalence of one chronic condition: logistic in age, with the given
    /// prevalence at 65 and odds multiplied by `odds_ratio_per_decade` for every 10 years.
    public struct ConditionPrevalence: Sendable, Equatable, Codable {
        /// The probability of having the condition at age 65, in [0, 1].
        public var prevalenceAt65: Double
        /// The odds ratio per 10 years of age, > 0.
        public var oddsRatioPerDecade: Double

        /// Creates a prevalence curve.
        public init(prevalenceAt65: Double, oddsRatioPerDecade: Double) {
            self.prevalenceAt65 = prevalenceAt65
            self.oddsRatioPerDecade = oddsRatioPerDecade
        }

        /// The prevalence at `ageYears`.
        public func prevalence(ageYears: Double) -> Double {
            HealthcareCheck.logistic(baseProbability: prevalenceAt65, oddsMultiplier: pow(oddsRatioPerDecade, (ageYears - 65) / 10))
        }

        /// Checks both values under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requireInRange(prevalenceAt65, "prevalence_at_65", 0...1, at: path)
            try DistributionError.requirePositive(oddsRatioPerDecade, "odds_ratio_per_decade", at: path)
        }
    }

    /// One ``ConditionPrevalence`` per ``ChronicCondition``. Conditions are drawn independently
    /// given age.
    ///
    /// Defaults are rounded, illustrative US magnitudes at 65 (of the order reported by the CMS
    /// Chronic Conditions Warehouse and NHANES): myocardial infarction 5% (odds ×1.6 per decade), heart failure 8% (×2.0), peripheral
    /// vascular disease 5% (×1.8), cerebrovascular disease 6% (×1.9), dementia 4% (×3.0), chronic
    /// pulmonary disease 10% (×1.5), diabetes 22% (×1.4), moderate/severe renal disease 7% (×2.0),
    /// malignancy 8% (×1.7). The default population (mean age ≈ 50) then has a mean Charlson index
    /// of ≈ 0.6.
    public struct ConditionTable: Sendable, Equatable, Codable {
        /// The curves, indexed by ``ChronicCondition/rawValue``.
        var curves: [ConditionPrevalence]

        /// The documented defaults.
        public init() {
            curves = ChronicCondition.allCases.map { condition in
                switch condition {
                case .myocardialInfarction: ConditionPrevalence(prevalenceAt65: 0.05, oddsRatioPerDecade: 1.6)
                case .congestiveHeartFailure: ConditionPrevalence(prevalenceAt65: 0.08, oddsRatioPerDecade: 2.0)
                case .peripheralVascularDisease: ConditionPrevalence(prevalenceAt65: 0.05, oddsRatioPerDecade: 1.8)
                case .cerebrovascularDisease: ConditionPrevalence(prevalenceAt65: 0.06, oddsRatioPerDecade: 1.9)
                case .dementia: ConditionPrevalence(prevalenceAt65: 0.04, oddsRatioPerDecade: 3.0)
                case .chronicPulmonaryDisease: ConditionPrevalence(prevalenceAt65: 0.10, oddsRatioPerDecade: 1.5)
                case .diabetes: ConditionPrevalence(prevalenceAt65: 0.22, oddsRatioPerDecade: 1.4)
                case .renalDisease: ConditionPrevalence(prevalenceAt65: 0.07, oddsRatioPerDecade: 2.0)
                case .malignancy: ConditionPrevalence(prevalenceAt65: 0.08, oddsRatioPerDecade: 1.7)
                }
            }
        }

        /// The prevalence curve of `condition`.
        public subscript(condition: ChronicCondition) -> ConditionPrevalence {
            get { curves[condition.rawValue] }
            set { curves[condition.rawValue] = newValue }
        }

        /// Checks every curve; the path names the condition, e.g. `….conditions.dementia`.
        public func validate(at path: String) throws(DistributionError) {
            for condition in ChronicCondition.allCases {
                try self[condition].validate(at: HealthcareCheck.join(path, condition.key))
            }
        }
    }

    /// A Poisson event rate that scales with age, comorbidity, sex and frailty (see
    /// ``HealthcareParameters`` for the formula).
    public struct EventRate: Sendable, Equatable, Codable {
        /// Events per year (365.25 days) for the reference patient, ≥ 0.
        public var ratePerYear: Double
        /// Rate multiplier per 10 years of age above (or divisor below) 50, > 0.
        public var rateRatioPerDecade: Double
        /// Rate multiplier per Charlson point, > 0.
        public var rateRatioPerCharlsonPoint: Double
        /// Rate multiplier for women, > 0.
        public var femaleRateRatio: Double

        /// Creates a rate.
        public init(ratePerYear: Double, rateRatioPerDecade: Double, rateRatioPerCharlsonPoint: Double, femaleRateRatio: Double) {
            self.ratePerYear = ratePerYear
            self.rateRatioPerDecade = rateRatioPerDecade
            self.rateRatioPerCharlsonPoint = rateRatioPerCharlsonPoint
            self.femaleRateRatio = femaleRateRatio
        }

        /// The patient's rate relative to `rate_per_year`, before frailty.
        public func multiplier(ageYears: Double, charlsonIndex: Int, female: Bool) -> Double {
            pow(rateRatioPerDecade, (ageYears - referenceAgeYears) / 10)
                * pow(rateRatioPerCharlsonPoint, Double(charlsonIndex))
                * (female ? femaleRateRatio : 1)
        }

        /// Checks every value under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requireNonNegative(ratePerYear, "rate_per_year", at: path)
            try DistributionError.requirePositive(rateRatioPerDecade, "rate_ratio_per_decade", at: path)
            try DistributionError.requirePositive(rateRatioPerCharlsonPoint, "rate_ratio_per_charlson_point", at: path)
            try DistributionError.requirePositive(femaleRateRatio, "female_rate_ratio", at: path)
        }
    }

    /// A probability that rises with age and comorbidity: logistic, with `base_probability` at the
    /// reference patient (age 50, Charlson 0) and the odds multiplied by the ratios.
    public struct RiskModel: Sendable, Equatable, Codable {
        /// The probability for the reference patient, in [0, 1].
        public var baseProbability: Double
        /// Odds ratio per 10 years of age above 50, > 0.
        public var oddsRatioPerDecade: Double
        /// Odds ratio per Charlson point, > 0.
        public var oddsRatioPerCharlsonPoint: Double

        /// Creates a risk model.
        public init(baseProbability: Double, oddsRatioPerDecade: Double, oddsRatioPerCharlsonPoint: Double) {
            self.baseProbability = baseProbability
            self.oddsRatioPerDecade = oddsRatioPerDecade
            self.oddsRatioPerCharlsonPoint = oddsRatioPerCharlsonPoint
        }

        /// The probability for a patient of `ageYears` with Charlson index `charlsonIndex`.
        public func probability(ageYears: Double, charlsonIndex: Int) -> Double {
            HealthcareCheck.logistic(
                baseProbability: baseProbability,
                oddsMultiplier: pow(oddsRatioPerDecade, (ageYears - referenceAgeYears) / 10)
                    * pow(oddsRatioPerCharlsonPoint, Double(charlsonIndex)))
        }

        /// Checks every value under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requireInRange(baseProbability, "base_probability", 0...1, at: path)
            try DistributionError.requirePositive(oddsRatioPerDecade, "odds_ratio_per_decade", at: path)
            try DistributionError.requirePositive(oddsRatioPerCharlsonPoint, "odds_ratio_per_charlson_point", at: path)
        }
    }

    /// Length of stay, lognormal with the given mean and standard deviation of the stay itself.
    ///
    /// Defaults: mean 4.9 days and standard deviation 5.5 days, so the median is ≈ 3.3 days, about
    /// 10% of stays are under a day and 20% last one whole day — the right-skewed shape of US
    /// stays (HCUP: mean ≈ 4.6–5.5 days, median ≈ 3).
    public struct LengthOfStay: Sendable, Equatable, Codable {
        /// Mean stay, in days, > 0. Default 4.9.
        public var meanDays: Double
        /// Standard deviation of the stay, in days, ≥ 0. Default 5.5.
        public var sdDays: Double

        /// Creates a length-of-stay distribution; arguments default to the documented values.
        public init(meanDays: Double = 4.9, sdDays: Double = 5.5) {
            self.meanDays = meanDays
            self.sdDays = sdDays
        }

        /// Checks both values under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requirePositive(meanDays, "mean_days", at: path)
            try DistributionError.requireNonNegative(sdDays, "sd_days", at: path)
        }
    }

    /// The scheduled 30-day readmission: at each discharge, with probability p(LACE) — logistic,
    /// `base_probability` at LACE 0 and the odds × `odds_ratio_per_lace_point` per point — an
    /// emergent readmission is scheduled within 30 days (an exponential delay with the given mean,
    /// truncated at 30 days, so readmissions cluster early as observed).
    ///
    /// Readmissions also arise from the ordinary ED process of a patient who was just discharged
    /// (about 2.5% within 30 days: 0.5% at LACE 0–4, 7% at 10 or more), which flattens the
    /// gradient. The defaults (4.8% at LACE 0, odds ×1.155 per point) are calibrated so that, both
    /// mechanisms together, the default population has a 30-day unplanned readmission rate of
    /// about 15.5% (US all-payer ≈ 14%, HCUP; Medicare ≈ 19.6%, Jencks et al., NEJM 2009),
    /// rising from ≈ 7.5% at LACE 0–4 to ≈ 13% at 5–9 and ≈ 27.5% at 10 or more: about 2.45
    /// times the rate below van Walraven et al.'s high-risk cut-off of 10.
    public struct Readmission: Sendable, Equatable, Codable {
        /// p(LACE = 0), in [0, 1]. Default 0.048.
        public var baseProbability: Double
        /// Odds ratio per LACE point, > 0. Default 1.155.
        public var oddsRatioPerLACEPoint: Double
        /// Mean of the (untruncated) exponential delay from discharge to the scheduled readmission,
        /// in days, > 0. Default 10.
        public var meanDelayDays: Double

        /// The readmission window, in days: the 30 days of CMS's and HCUP's readmission measures.
        public static let windowDays = 30.0

        /// Creates readmission parameters; arguments default to the documented values.
        public init(baseProbability: Double = 0.048, oddsRatioPerLACEPoint: Double = 1.155, meanDelayDays: Double = 10) {
            self.baseProbability = baseProbability
            self.oddsRatioPerLACEPoint = oddsRatioPerLACEPoint
            self.meanDelayDays = meanDelayDays
        }

        /// The probability that a discharge with score `lace` schedules a readmission.
        public func probability(lace: Int) -> Double {
            HealthcareCheck.logistic(baseProbability: baseProbability, oddsMultiplier: pow(oddsRatioPerLACEPoint, Double(lace)))
        }

        /// Checks every value under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requireInRange(baseProbability, "base_probability", 0...1, at: path)
            try DistributionError.requirePositive(oddsRatioPerLACEPoint, "odds_ratio_per_lace_point", at: path)
            try DistributionError.requirePositive(meanDelayDays, "mean_delay_days", at: path)
        }
    }

    /// A lognormal cost with the given mean and standard deviation, in US dollars.
    public struct Cost: Sendable, Equatable, Codable {
        /// Mean cost, in US dollars, > 0.
        public var meanUSD: Double
        /// Standard deviation, in US dollars, ≥ 0.
        public var sdUSD: Double

        /// Creates a cost distribution.
        public init(meanUSD: Double, sdUSD: Double) {
            self.meanUSD = meanUSD
            self.sdUSD = sdUSD
        }

        /// Checks both values under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try DistributionError.requirePositive(meanUSD, "mean_usd", at: path)
            try DistributionError.requireNonNegative(sdUSD, "sd_usd", at: path)
        }
    }

    /// Cost per encounter type.
    public struct Costs: Sendable, Equatable, Codable {
        /// An outpatient encounter. Default mean $200, sd $120 (US office visits: $150–300, MEPS).
        public var outpatient: Cost
        /// An ED visit. Default mean $2,000, sd $1,500 (HCCI / MEPS, $1,500–2,500).
        public var emergency: Cost
        /// One day in hospital; a stay costs this daily rate (one draw per stay) times its length
        /// in days, at least one day. Default mean $2,800, sd $900 (KFF adjusted expenses per
        /// inpatient day, $2,500–3,000).
        public var inpatientDay: Cost

        /// Creates costs; arguments default to the documented values.
        public init(
            outpatient: Cost = Cost(meanUSD: 200, sdUSD: 120),
            emergency: Cost = Cost(meanUSD: 2_000, sdUSD: 1_500),
            inpatientDay: Cost = Cost(meanUSD: 2_800, sdUSD: 900)
        ) {
            self.outpatient = outpatient
            self.emergency = emergency
            self.inpatientDay = inpatientDay
        }

        /// Checks every cost under `path`.
        public func validate(at path: String) throws(DistributionError) {
            try outpatient.validate(at: HealthcareCheck.join(path, "outpatient"))
            try emergency.validate(at: HealthcareCheck.join(path, "emergency"))
            try inpatientDay.validate(at: HealthcareCheck.join(path, "inpatient_day"))
        }
    }
}

// Configuration keys (snake_case); decoding lives in HealthcareParameters+Codable.swift.

extension HealthcareParameters {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case patients, population, outpatient, emergency, mortality, readmission, costs
        case electiveAdmission = "elective_admission"
        case emergencyAdmission = "emergency_admission"
        case inHospitalDeath = "in_hospital_death"
        case lengthOfStay = "length_of_stay"
        case emergencyRateShape = "emergency_rate_shape"
    }
}

extension HealthcareParameters.Population {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case ageMeanYears = "age_mean_years"
        case ageSDYears = "age_sd_years"
        case ageMinYears = "age_min_years"
        case ageMaxYears = "age_max_years"
        case femaleShare = "female_share"
        case frailtyShape = "frailty_shape"
        case conditions
    }
}

extension HealthcareParameters.ConditionPrevalence {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case prevalenceAt65 = "prevalence_at_65"
        case oddsRatioPerDecade = "odds_ratio_per_decade"
    }
}

extension HealthcareParameters.EventRate {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case ratePerYear = "rate_per_year"
        case rateRatioPerDecade = "rate_ratio_per_decade"
        case rateRatioPerCharlsonPoint = "rate_ratio_per_charlson_point"
        case femaleRateRatio = "female_rate_ratio"
    }
}

extension HealthcareParameters.RiskModel {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseProbability = "base_probability"
        case oddsRatioPerDecade = "odds_ratio_per_decade"
        case oddsRatioPerCharlsonPoint = "odds_ratio_per_charlson_point"
    }
}

extension HealthcareParameters.LengthOfStay {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case meanDays = "mean_days"
        case sdDays = "sd_days"
    }
}

extension HealthcareParameters.Readmission {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseProbability = "base_probability"
        case oddsRatioPerLACEPoint = "odds_ratio_per_lace_point"
        case meanDelayDays = "mean_delay_days"
    }
}

extension HealthcareParameters.Cost {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case meanUSD = "mean_usd"
        case sdUSD = "sd_usd"
    }
}

extension HealthcareParameters.Costs {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case outpatient, emergency
        case inpatientDay = "inpatient_day"
    }
}

extension ChronicConditions {
    /// The largest Charlson index the modelled conditions can add up to.
    static let maximumCharlsonIndex = ChronicCondition.allCases.reduce(0) { $0 + $1.charlsonWeight }
}

/// Path joining and the shared logistic of the healthcare parameters.
enum HealthcareCheck {
    /// `path.key`, or `key` at the root.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The probability whose odds are those of `baseProbability` times `oddsMultiplier`; exact at
    /// the ends (a base of 0 stays 0, a base of 1 stays 1).
    static func logistic(baseProbability: Double, oddsMultiplier: Double) -> Double {
        guard baseProbability < 1 else { return 1 }
        let odds = baseProbability / (1 - baseProbability) * oddsMultiplier
        return odds.isFinite ? odds / (1 + odds) : 1
    }
}
