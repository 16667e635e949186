/// One patient's ground truth, for export beside the pipeline's output: the latent traits the
/// pipeline cannot see and the outcomes it tries to predict.
public struct HealthcarePatientTruth: Sendable, Equatable, Codable {
    /// Dense patient id.
    public var patient: Int
    /// Age in whole years (fixed for the run).
    public var ageYears: Int
    /// Whether the patient is female.
    public var isFemale: Bool
    /// Charlson comorbidity index: the sum of the conditions' weights.
    public var charlsonIndex: Int
    /// Chronic conditions (bit k = ``ChronicCondition`` with raw value k).
    public var conditions: ChronicConditions
    /// Gamma frailty (mean 1) multiplying every rate of the patient.
    public var frailty: Double
    /// Expected admissions per year, emergent and elective, at an ED-rate multiplier of 1 — see
    /// ``HealthcareBehaviour/latentRisk(of:)``.
    public var latentRisk: Double
    /// Admissions so far.
    public var admissions: Int
    /// Discharges (alive) so far.
    public var discharges: Int
    /// Discharges followed by an unplanned admission within 30 days, so far.
    public var readmissions30: Int
    /// LACE at the last discharge, `nil` before the first.
    public var lastDischargeLACE: Int?
    /// Whether an emergent readmission is scheduled (the latent "will be readmitted" state).
    public var hasScheduledReadmission: Bool
    /// Whether the patient is in hospital now.
    public var isInHospital: Bool
    /// Whether the patient is alive.
    public var isAlive: Bool

    enum CodingKeys: String, CodingKey {
        case patient, conditions, frailty, admissions, discharges, readmissions30
        case ageYears = "age_years"
        case isFemale = "female"
        case charlsonIndex = "charlson_index"
        case latentRisk = "latent_risk"
        case lastDischargeLACE = "last_discharge_lace"
        case hasScheduledReadmission = "readmission_scheduled"
        case isInHospital = "in_hospital"
        case isAlive = "alive"
    }
}

/// Read access to the ground truth, for evaluation. All queries are O(1) and take a patient id
/// in 0 ..< ``customerCount``.
extension HealthcareBehaviour {
    /// The patient's latent acute-care risk: expected admissions per year (ED visits that lead to
    /// admission plus elective admissions) at an ED-rate multiplier of 1. It combines frailty, age,
    /// sex and comorbidity, and is what a readmission-risk segment should find.
    public func latentRisk(of patient: Int) -> Double {
        let rate = rates[patient]
        let perSecond = Double(rate[Lane.emergency]) * emergencyAdmissionProbability[riskIndex(patient)]
            + Double(rate[Lane.elective])
        return perSecond * Self.secondsPerYear
    }

    /// The patient's gamma frailty (mean 1).
    public func frailty(of patient: Int) -> Double { Double(frailty[patient]) }

    /// Age in whole years.
    public func age(of patient: Int) -> Int { Int(age[patient]) }

    /// Whether the patient is female.
    public func isFemale(_ patient: Int) -> Bool { flags[patient] & Flag.female != 0 }

    /// The patient's chronic conditions.
    public func conditions(of patient: Int) -> ChronicConditions { ChronicConditions(rawValue: conditions[patient]) }

    /// The patient's Charlson comorbidity index.
    public func charlsonIndex(of patient: Int) -> Int { Int(charlson[patient]) }

    /// Whether the patient is alive.
    public func isAlive(_ patient: Int) -> Bool { flags[patient] & Flag.dead == 0 }

    /// Whether the patient is in hospital.
    public func isInHospital(_ patient: Int) -> Bool { flags[patient] & Flag.inHospital != 0 }

    /// Whether an emergent readmission is scheduled: the patient will be readmitted within 30 days
    /// of the last discharge unless death or another admission comes first.
    public func hasScheduledReadmission(_ patient: Int) -> Bool { flags[patient] & Flag.readmissionScheduled != 0 }

    /// The LACE score computed at the patient's last discharge, `nil` before the first.
    public func lastDischargeLACE(of patient: Int) -> Int? {
        lastLACE[patient] == Self.noLACE ? nil : Int(lastLACE[patient])
    }

    /// Admissions so far (saturating at 65,535).
    public func admissions(of patient: Int) -> Int { Int(admissionCount[patient]) }

    /// Discharges (alive) so far: admissions minus a stay in progress minus a death in hospital.
    public func discharges(of patient: Int) -> Int {
        let state = flags[patient]
        let diedInHospital = state & Flag.dead != 0 && state & Flag.diesInStay != 0
        return admissions(of: patient) - (state & Flag.inHospital != 0 ? 1 : 0) - (diedInHospital ? 1 : 0)
    }

    /// Discharges that were followed by an unplanned (emergent) admission within 30 days, so far —
    /// the readmission outcome. Planned (elective) admissions do not count, as in CMS's measure.
    public func readmissions30(of patient: Int) -> Int { Int(readmissionCount[patient]) }

    /// The patient's whole truth record.
    public func truth(of patient: Int) -> HealthcarePatientTruth {
        HealthcarePatientTruth(
            patient: patient, ageYears: age(of: patient), isFemale: isFemale(patient),
            charlsonIndex: charlsonIndex(of: patient), conditions: conditions(of: patient),
            frailty: frailty(of: patient), latentRisk: latentRisk(of: patient),
            admissions: admissions(of: patient), discharges: discharges(of: patient),
            readmissions30: readmissions30(of: patient), lastDischargeLACE: lastDischargeLACE(of: patient),
            hasScheduledReadmission: hasScheduledReadmission(patient), isInHospital: isInHospital(patient),
            isAlive: isAlive(patient))
    }
}
