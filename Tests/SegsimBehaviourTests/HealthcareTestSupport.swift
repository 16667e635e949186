import SegsimBehaviour
import SegsimRandom

/// What the healthcare tests measure from one run, computed from the event stream alone (plus the
/// model's LACE at each discharge), the way an evaluation would.
struct HealthcareRunSummary {
    /// Events by kind.
    var counts: [EventKind: Int] = [:]
    /// Total `amount` by kind.
    var amounts: [EventKind: Double] = [:]
    /// LACE of each discharge whose 30-day follow-up ended before the horizon.
    var dischargeLACE: [Int] = []
    /// Whether that discharge was followed by an emergent admission within 30 days.
    var readmitted: [Bool] = []
    /// Exact lengths of stay, in days, of the stays that ended in a discharge.
    var stayDays: [Double] = []
    /// The `attribute` (whole days) of each discharge.
    var stayWholeDays: [Int] = []
    /// Each discharge's cost divided by its stay in days (at least 1): the daily rate drawn.
    var dailyCosts: [Double] = []
    /// Emergent admissions.
    var emergentAdmissions = 0
    /// Deaths that ended a stay.
    var inHospitalDeaths = 0
    /// Events delivered.
    var events = 0

    /// The readmission rate, and the number of discharges, of the discharges whose LACE is in `band`.
    func readmissionRate(_ band: ClosedRange<Int>) -> (rate: Double, discharges: Int) {
        var n = 0, k = 0
        for (lace, outcome) in zip(dischargeLACE, readmitted) where band.contains(lace) {
            n += 1
            if outcome { k += 1 }
        }
        return (Double(k) / Double(max(n, 1)), n)
    }
}

enum HealthcareFixture {
    static let day = 86_400.0
    static let readmissionWindow = 30 * day

    /// A model of `patients` patients with default parameters, changed by `configure`.
    static func model(
        patients: Int, seed: UInt64, replication: Int = 0,
        _ configure: (inout HealthcareParameters) -> Void = { _ in }
    ) throws -> HealthcareBehaviour {
        var parameters = HealthcareParameters(patients: patients)
        configure(&parameters)
        return try HealthcareBehaviour(parameters: parameters, runSeed: seed, replication: replication)
    }

    /// Runs `model` to `horizonDays` and summarises its events. Discharges in the last 30 days
    /// are left out of the readmission figures: their follow-up is incomplete.
    static func summarise(_ model: HealthcareBehaviour, horizonDays: Double) -> HealthcareRunSummary {
        var stream = EventStream(model: model)
        var summary = HealthcareRunSummary()
        let horizon = horizonDays * day
        var lastDischarge = [Int](repeating: -1, count: model.customerCount)   // index into the records
        var admittedAt = [Double](repeating: .nan, count: model.customerCount)
        var dischargeTimes: [Double] = []
        var laces: [Int] = []
        var outcomes: [Bool] = []
        while let event = stream.next(notAfter: horizon) {
            summary.events += 1
            summary.counts[event.kind, default: 0] += 1
            summary.amounts[event.kind, default: 0] += Double(event.amount)
            let p = Int(event.customer)
            switch event.kind {
            case .admission:
                // Only the first admission after a discharge can be its readmission.
                if event.attribute == 1 {
                    summary.emergentAdmissions += 1
                    let index = lastDischarge[p]
                    if index >= 0, event.time - dischargeTimes[index] <= readmissionWindow { outcomes[index] = true }
                }
                lastDischarge[p] = -1
                admittedAt[p] = event.time
            case .discharge:
                let days = (event.time - admittedAt[p]) / day
                summary.stayDays.append(days)
                summary.stayWholeDays.append(Int(event.attribute))
                summary.dailyCosts.append(Double(event.amount) / max(1, days))
                lastDischarge[p] = dischargeTimes.count
                dischargeTimes.append(event.time)
                laces.append(stream.model.lastDischargeLACE(of: p) ?? -1)
                outcomes.append(false)
                admittedAt[p] = .nan
            case .death:
                if !admittedAt[p].isNaN { summary.inHospitalDeaths += 1 }
            default:
                break
            }
        }
        for (index, time) in dischargeTimes.enumerated() where time <= horizon - readmissionWindow {
            summary.dischargeLACE.append(laces[index])
            summary.readmitted.append(outcomes[index])
        }
        return summary
    }

    /// FNV-1a over the chosen fields of every event up to `horizonDays`, in delivery order.
    static func hash(_ model: HealthcareBehaviour, horizonDays: Double, timesOnly: Bool = false) -> (hash: UInt64, events: Int) {
        var stream = EventStream(model: model)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var events = 0
        while let e = stream.next(notAfter: horizonDays * day) {
            events += 1
            let words = timesOnly
                ? [e.time.bitPattern, UInt64(e.customer), UInt64(e.kind.rawValue)]
                : [e.id, e.time.bitPattern, UInt64(e.customer), UInt64(e.kind.rawValue),
                   UInt64(e.amount.bitPattern), UInt64(e.attribute)]
            for word in words { hash = (hash ^ word) &* 0x0000_0100_0000_01B3 }
        }
        return (hash, events)
    }

    /// The default population of 200,000 over 395 days (a year of index discharges plus 30 days of
    /// follow-up), seed 2024: about 870,000 events and 15,500 scored discharges; 0.4 s in release.
    /// Shared by the calibration tests; `nil` only if the defaults failed validation.
    static let calibrationRun: HealthcareRunSummary? = {
        guard let model = try? model(patients: 200_000, seed: 2024) else { return nil }
        return summarise(model, horizonDays: 395)
    }()
}
