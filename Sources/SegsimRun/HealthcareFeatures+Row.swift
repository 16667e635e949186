import SegsimBehaviour
import SegsimPipeline

extension HealthcareFeatures {
    /// Writes ``vector`` into `row` (whose count must be ``featureNames``' count) without
    /// allocating, for the per-event scoring path.
    /// - Complexity: O(1), no allocation.
    @inlinable
    public func write(into row: inout [Double]) {
        precondition(row.count == Self.featureNames.count, "feature row of the wrong length")
        row[0] = Double(charlsonIndex)
        row[1] = lace == nil ? 0 : 1
        row[2] = Double(lengthOfStayDays ?? 0)
        row[3] = Double(lace?.total ?? 0)
        row[4] = daysSinceDischarge ?? 0
        row[5] = lastAdmissionEmergent == true ? 1 : 0
        row[6] = isInHospital ? 1 : 0
        row[7] = Double(emergencyVisits30Days)
        row[8] = Double(emergencyVisits90Days)
        row[9] = Double(emergencyVisits182Days)
        row[10] = encounters30Days
        row[11] = encounters90Days
        row[12] = encounters365Days
        row[13] = Double(totalEncounters)
        row[14] = Double(totalEmergencyVisits)
    }
}
