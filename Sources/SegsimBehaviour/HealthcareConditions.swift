/// A chronic condition from the Charlson comorbidity index, the conditions a simulated patient may
/// carry from the start of the run.
///
/// The set is the part of Charlson et al.'s list (J Chronic Dis 40(5), 1987) that a general adult
/// population carries often enough to matter; the rare entries (AIDS, hemiplegia, liver disease,
/// metastatic tumour) are left out. Weights are Charlson's original ones, so a patient's
/// ``HealthcareBehaviour`` Charlson index is the sum of the weights of its conditions, never
/// drawn separately.
public enum ChronicCondition: Int, Sendable, CaseIterable, Codable {
    /// Prior myocardial infarction (Charlson weight 1).
    case myocardialInfarction
    /// Congestive heart failure, CHF (weight 1).
    case congestiveHeartFailure
    /// Peripheral vascular disease (weight 1).
    case peripheralVascularDisease
    /// Cerebrovascular disease, e.g. prior stroke or TIA (weight 1).
    case cerebrovascularDisease
    /// Dementia (weight 1).
    case dementia
    /// Chronic pulmonary disease, e.g. COPD (weight 1).
    case chronicPulmonaryDisease
    /// Diabetes without end-organ damage (weight 1).
    case diabetes
    /// Moderate or severe renal disease, e.g. CKD stage 4–5 or dialysis (weight 2).
    case renalDisease
    /// Any malignancy, including leukaemia and lymphoma (weight 2).
    case malignancy

    /// The condition's weight in the Charlson comorbidity index (Charlson et al., 1987).
    public var charlsonWeight: Int {
        switch self {
        case .renalDisease, .malignancy: 2
        default: 1
        }
    }

    /// The stable `snake_case` name used in configuration files and exports.
    public var key: String {
        switch self {
        case .myocardialInfarction: "myocardial_infarction"
        case .congestiveHeartFailure: "congestive_heart_failure"
        case .peripheralVascularDisease: "peripheral_vascular_disease"
        case .cerebrovascularDisease: "cerebrovascular_disease"
        case .dementia: "dementia"
        case .chronicPulmonaryDisease: "chronic_pulmonary_disease"
        case .diabetes: "diabetes"
        case .renalDisease: "renal_disease"
        case .malignancy: "malignancy"
        }
    }
}

/// A set of ``ChronicCondition``s as a 16-bit mask (bit k = the condition with raw value k), the
/// form kept per patient.
public struct ChronicConditions: OptionSet, Sendable, Hashable, Codable {
    /// The bit mask; bit k stands for the ``ChronicCondition`` with raw value k.
    public var rawValue: UInt16

    /// A set from its bit mask.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The set holding exactly `condition`.
    public init(_ condition: ChronicCondition) { rawValue = 1 << UInt16(condition.rawValue) }

    /// The set holding exactly `conditions`.
    public init(_ conditions: some Sequence<ChronicCondition>) {
        self.init(rawValue: conditions.reduce(0) { $0 | ChronicConditions($1).rawValue })
    }

    /// Whether the set holds `condition`.
    public func contains(_ condition: ChronicCondition) -> Bool { contains(ChronicConditions(condition)) }

    /// The conditions in the set, in ``ChronicCondition`` order.
    public var members: [ChronicCondition] { ChronicCondition.allCases.filter(contains) }

    /// The Charlson comorbidity index of the set: the sum of its conditions' weights (0–11 here).
    public var charlsonIndex: Int { members.reduce(0) { $0 + $1.charlsonWeight } }
}
