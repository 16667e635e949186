import Foundation
import Testing
import SegsimBehaviour
import SegsimRandom

/// The event stream's invariants, the ground truth's agreement with the events, determinism and the
/// ED-rate shape.
@Suite struct HealthcareStreamTests {
    /// Per-patient bookkeeping rebuilt from the events alone.
    struct Observed {
        var inHospitalSince: Double?
        var emergentStay = false
        var dead = false
        var lastEvent: CustomerEvent?
        var admissions = 0
        var discharges = 0
        var readmissions = 0
        var lastDischarge = -Double.infinity
        var emergencyVisits: [Double] = []
        var lastLACE: Int?
    }

    @Test func eventsRespectTimeOrderStaysAndDeath() throws {
        let model = try HealthcareFixture.model(patients: 20_000, seed: 11)
        var stream = EventStream(model: model)
        var patients = [Observed](repeating: Observed(), count: model.customerCount)
        var lastTime = -Double.infinity
        let horizon = 730 * HealthcareFixture.day
        var checkedLACE = 0

        func observe(_ event: CustomerEvent) {
            #expect(event.time >= lastTime, "time went back: \(event)")
            lastTime = event.time
            let p = Int(event.customer)
            var patient = patients[p]
            defer { patients[p] = patient }
            #expect(!patient.dead, "event after death: \(event)")
            if patient.inHospitalSince != nil {
                #expect(event.kind == .discharge || event.kind == .death, "\(event.kind) during a stay")
            }
            switch event.kind {
            case .emergencyVisit:
                patient.emergencyVisits.append(event.time)
            case .admission:
                #expect(event.attribute <= 1)
                if event.attribute == 1 {
                    // Every emergent admission comes through the ED, at the same instant.
                    #expect(patient.lastEvent?.kind == .emergencyVisit && patient.lastEvent?.time == event.time)
                    if event.time - patient.lastDischarge <= HealthcareFixture.readmissionWindow { patient.readmissions += 1 }
                }
                patient.admissions += 1
                patient.inHospitalSince = event.time
                patient.emergentStay = event.attribute == 1
            case .discharge:
                guard let admitted = patient.inHospitalSince else {
                    Issue.record("discharge without admission: \(event)")
                    break
                }
                let stay = event.time - admitted
                #expect(Int(event.attribute) == Int(stay / HealthcareFixture.day), "whole days of a \(stay) s stay")
                #expect(event.amount > 0)
                let lace = stream.model.lastDischargeLACE(of: p)
                // E needs six months of visible history: recompute LACE from the events alone
                // once the warm-started history before time 0 is out of the window.
                if admitted >= LACEScore.emergencyLookbackSeconds {
                    let visits = patient.emergencyVisits.filter {
                        $0 >= admitted - LACEScore.emergencyLookbackSeconds && $0 < admitted
                    }.count
                    let expected = LACEScore(
                        lengthOfStayDays: Int(event.attribute), emergent: patient.emergentStay,
                        charlsonIndex: stream.model.charlsonIndex(of: p), emergencyVisits: visits)
                    #expect(lace == expected.total, "LACE at discharge of patient \(p)")
                    checkedLACE += 1
                }
                patient.lastLACE = lace
                patient.discharges += 1
                patient.lastDischarge = event.time
                patient.inHospitalSince = nil
            case .death:
                patient.dead = true
                patient.inHospitalSince = nil
            case .outpatientVisit:
                #expect(event.amount > 0)
            default:
                Issue.record("a non-healthcare event: \(event)")
            }
            patient.lastEvent = event
        }

        while let event = stream.next(notAfter: horizon) { observe(event) }
        #expect(checkedLACE > 1_000)

        // The truth agrees with the events at the horizon.
        for p in 0..<model.customerCount {
            let truth = stream.model.truth(of: p)
            let seen = patients[p]
            #expect(truth.isAlive == !seen.dead)
            #expect(truth.isInHospital == (seen.inHospitalSince != nil))
            #expect(truth.admissions == seen.admissions)
            #expect(truth.discharges == seen.discharges)
            #expect(truth.readmissions30 == seen.readmissions)
            #expect(truth.lastDischargeLACE == seen.lastLACE)
            #expect(truth.charlsonIndex == truth.conditions.charlsonIndex)
            #expect(truth.latentRisk > 0 && truth.frailty > 0)
        }

        // Every stay open at the horizon still ends in a discharge or a death.
        var open = Set(patients.indices.filter { patients[$0].inHospitalSince != nil })
        #expect(!open.isEmpty)
        while !open.isEmpty, let event = stream.next() {
            observe(event)
            if event.kind == .discharge || event.kind == .death { open.remove(Int(event.customer)) }
        }
        #expect(open.isEmpty)
    }

    @Test func sameSeedSameEventsOtherSeedOtherEvents() throws {
        let first = HealthcareFixture.hash(try HealthcareFixture.model(patients: 20_000, seed: 5), horizonDays: 365)
        let again = HealthcareFixture.hash(try HealthcareFixture.model(patients: 20_000, seed: 5), horizonDays: 365)
        let otherSeed = HealthcareFixture.hash(try HealthcareFixture.model(patients: 20_000, seed: 6), horizonDays: 365)
        let otherReplication = HealthcareFixture.hash(
            try HealthcareFixture.model(patients: 20_000, seed: 5, replication: 1), horizonDays: 365)
        #expect(first.events > 50_000)
        #expect(first == again)
        #expect(first.hash != otherSeed.hash)
        #expect(first.hash != otherReplication.hash)
    }

    @Test func costsHaveTheirOwnStream() throws {
        // Common random numbers: changing a cost changes amounts but no time, patient or kind.
        let base = try HealthcareFixture.model(patients: 10_000, seed: 8)
        let dearer = try HealthcareFixture.model(patients: 10_000, seed: 8) { $0.costs.emergency.sdUSD = 3_000 }
        #expect(HealthcareFixture.hash(base, horizonDays: 365, timesOnly: true)
            == HealthcareFixture.hash(dearer, horizonDays: 365, timesOnly: true))
        #expect(HealthcareFixture.hash(base, horizonDays: 365) != HealthcareFixture.hash(dearer, horizonDays: 365))
    }

    @Test func fluSurgeMultipliesEmergencyVisitsOnly() throws {
        // ED visits doubled on days [0, 91), flat on [91, 182).
        let shape = try RateProfile(baseRate: 1, windows: [.init(start: 0, end: 91 * HealthcareFixture.day, factor: 2, name: "flu")])
        let model = try HealthcareFixture.model(patients: 100_000, seed: 3) { $0.emergencyRateShape = shape }
        var stream = EventStream(model: model)
        var emergency = [0, 0], outpatient = [0, 0]
        while let event = stream.next(notAfter: 182 * HealthcareFixture.day) {
            let half = event.time < 91 * HealthcareFixture.day ? 0 : 1
            if event.kind == .emergencyVisit { emergency[half] += 1 }
            if event.kind == .outpatientVisit { outpatient[half] += 1 }
        }
        // ≈ 20,000 and 10,000 ED visits: the ratio's SE is √(1/20,000 + 1/10,000) ≈ 1.2%, so
        // ±0.15 around 2 is > 5 SE (readmissions, which also come through the ED, add ~1%).
        let surge = Double(emergency[0]) / Double(emergency[1])
        #expect(abs(surge - 2) < 0.15, "ED visits in / out of the surge: \(surge)")
        // ≈ 170,000 outpatient visits each: SE of the ratio ≈ 0.35%; ±3% allows for deaths.
        let flat = Double(outpatient[0]) / Double(outpatient[1])
        #expect(abs(flat - 1) < 0.03, "outpatient visits in / out of the surge: \(flat)")
    }

    @Test func truthRecordExportsAsFlatJSON() throws {
        let model = try HealthcareFixture.model(patients: 10, seed: 1)
        let truth = model.truth(of: 3)
        let json = try #require(String(data: JSONEncoder().encode(truth), encoding: .utf8))
        for key in ["age_years", "female", "charlson_index", "frailty", "latent_risk", "admissions", "readmissions30", "alive"] {
            #expect(json.contains("\"\(key)\":"), "\(key) in \(json)")
        }
        // The condition set exports as its bit mask, a plain number.
        #expect(json.contains("\"conditions\":\(truth.conditions.rawValue)"), "\(json)")
        #expect(try JSONDecoder().decode(HealthcarePatientTruth.self, from: Data(json.utf8)) == truth)
    }

    @Test func stateFitsInSixtyFourBytesPerPatient() {
        #expect(HealthcareBehaviour.stateBytesPerPatient <= 64)
        #expect(HealthcareBehaviour.stateBytesPerPatient == 58)
    }
}
