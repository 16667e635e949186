import SegsimBehaviour

/// One patient's features at a query time: LACE components and score, encounter and ED counts in
/// windows, days since discharge. Produced by ``HealthcareFeatureStore/features(of:at:)``.
public struct HealthcareFeatures: Sendable, Equatable {
    /// The Charlson comorbidity index, from the patient's record (not observable from events).
    public var charlsonIndex: Int
    /// Whole days of the stay that ended at the last discharge; `nil` before the first.
    public var lengthOfStayDays: Int?
    /// Whether the latest admission was emergent; `nil` before the first admission.
    public var lastAdmissionEmergent: Bool?
    /// The LACE score of the stay that ended at the last discharge (L from its length, A from its
    /// admission, C from ``charlsonIndex``, E from the ED visits in the 182.5 days before its
    /// admission); `nil` before the first discharge.
    public var lace: LACEScore?
    /// Days from the last discharge to the query time; `nil` before the first discharge.
    public var daysSinceDischarge: Double?
    /// Admitted and not yet discharged.
    public var isInHospital: Bool
    /// A death event has been seen.
    public var isDeceased: Bool
    /// ED visits in the 30 days up to the query time, exact up to
    /// ``HealthcareFeatureStore/emergencyTimesKept`` (which it then reports).
    public var emergencyVisits30Days: Int
    /// ED visits in the 90 days up to the query time (exact in the same way).
    public var emergencyVisits90Days: Int
    /// ED visits in the 182.5 days up to the query time, LACE's look-back (exact in the same way).
    public var emergencyVisits182Days: Int
    /// Outpatient visits, ED visits and admissions, exponentially decayed with a mean lifetime of
    /// 30 days (weight e^(−age / 30 d)); for a steady rate it has the mean of the 30-day count.
    public var encounters30Days: Double
    /// The same with a 90-day mean lifetime.
    public var encounters90Days: Double
    /// The same with a 365-day mean lifetime.
    public var encounters365Days: Double
    /// All encounters (outpatient visits, ED visits, admissions) so far.
    public var totalEncounters: Int
    /// All ED visits so far.
    public var totalEmergencyVisits: Int

    /// Names of ``vector`` entries, in order (`snake_case`, stable). Missing values are 0, and
    /// `has_discharge` (0 or 1) tells them apart from a real 0.
    public static let featureNames = [
        "charlson_index", "has_discharge", "length_of_stay_days", "lace", "days_since_discharge",
        "last_admission_emergent", "in_hospital",
        "ed_visits_30d", "ed_visits_90d", "ed_visits_182d",
        "encounters_30d", "encounters_90d", "encounters_365d",
        "total_encounters", "total_ed_visits",
    ]

    /// The features as numbers for the segmentation strategies, in ``featureNames`` order, not
    /// standardised.
    public var vector: [Double] {
        [
            Double(charlsonIndex), lace == nil ? 0 : 1, Double(lengthOfStayDays ?? 0),
            Double(lace?.total ?? 0), daysSinceDischarge ?? 0,
            lastAdmissionEmergent == true ? 1 : 0, isInHospital ? 1 : 0,
            Double(emergencyVisits30Days), Double(emergencyVisits90Days), Double(emergencyVisits182Days),
            encounters30Days, encounters90Days, encounters365Days,
            Double(totalEncounters), Double(totalEmergencyVisits),
        ]
    }
}
