/// The LACE index of van Walraven et al. (CMAJ 182(6), 2010): a 0–19 point score for the risk of
/// death or unplanned readmission within 30 days of a hospital discharge.
///
/// L = length of stay, A = acuity of the admission, C = comorbidity (Charlson index),
/// E = emergency-department visits in the six months before the admission. The healthcare model
/// computes it at every discharge from the patient's true state, and evaluations can compute it
/// from observed events in the same way; a score of ``highRiskThreshold`` or more is the usual
/// "high risk" cut-off.
public struct LACEScore: Sendable, Hashable, Codable {
    /// L: 0 for a stay under 1 day, 1–3 for 1–3 days, 4 for 4–6, 5 for 7–13, 7 for 14 or more.
    public let lengthOfStayPoints: Int
    /// A: 3 for an emergent (unplanned) admission, 0 for an elective one.
    public let acuityPoints: Int
    /// C: the Charlson index as is for 0–3, 5 for 4 or more.
    public let comorbidityPoints: Int
    /// E: the number of ED visits in the six months before admission, capped at 4.
    public let emergencyVisitPoints: Int

    /// The highest possible score, 7 + 3 + 5 + 4.
    public static let maximum = 19
    /// Scores at or above this are conventionally "high risk" (van Walraven et al., 2010).
    public static let highRiskThreshold = 10
    /// The look-back window of the E component, in seconds: six months, taken as 182.5 days.
    public static let emergencyLookbackSeconds = 182.5 * 86_400

    /// Scores one stay.
    /// - Parameters:
    ///   - lengthOfStayDays: whole days in hospital (the stay in seconds divided by 86,400,
    ///     rounded down); negative values count as 0.
    ///   - emergent: whether the admission was unplanned.
    ///   - charlsonIndex: the patient's Charlson comorbidity index at admission.
    ///   - emergencyVisits: ED visits in the six months before the admission, not counting the
    ///     visit that led to it.
    public init(lengthOfStayDays: Int, emergent: Bool, charlsonIndex: Int, emergencyVisits: Int) {
        lengthOfStayPoints = Self.lengthOfStayPoints(days: lengthOfStayDays)
        acuityPoints = emergent ? 3 : 0
        comorbidityPoints = charlsonIndex >= 4 ? 5 : max(0, charlsonIndex)
        emergencyVisitPoints = min(4, max(0, emergencyVisits))
    }

    /// The score, 0 ... ``maximum``.
    public var total: Int { lengthOfStayPoints + acuityPoints + comorbidityPoints + emergencyVisitPoints }

    /// The L points for a stay of `days` whole days.
    public static func lengthOfStayPoints(days: Int) -> Int {
        switch days {
        case ..<1: 0
        case 1...3: days
        case 4...6: 4
        case 7...13: 5
        default: 7
        }
    }
}
