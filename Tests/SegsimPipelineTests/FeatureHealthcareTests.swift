import Foundation
import SegsimBehaviour
import SegsimPipeline
import Testing

@Suite("Healthcare features")
struct FeatureHealthcareTests {
    static let day = FeatureEventLog.day

    /// Patient 0 (Charlson 2): ED visits on days 10, 50, 100, 150, 170; on day 200 an ED visit and
    /// an emergent admission at the same instant; discharge on day 205.5 after 5 whole days;
    /// an outpatient visit on day 220. Patient 1 (Charlson 5): an elective stay of half a day.
    /// Patient 2 (Charlson 0): admitted, dies in hospital.
    static func handBuilt() -> [CustomerEvent] {
        var log = FeatureEventLog()
        let d = day
        for t in [10.0, 50, 100, 150, 170] { log.add(0, t * d, .emergencyVisit, amount: 300) }
        log.add(1, 10 * d, .admission, attribute: 0)
        log.add(1, 10.5 * d, .discharge, amount: 900, attribute: 0)
        log.add(0, 200 * d, .emergencyVisit, amount: 300)
        log.add(0, 200 * d, .admission, attribute: 1)
        log.add(2, 201 * d, .admission, attribute: 1)
        log.add(2, 203 * d, .death)
        log.add(0, 205.5 * d, .discharge, amount: 5_000, attribute: 5)
        log.add(0, 220 * d, .outpatientVisit, amount: 80)
        return log.events
    }

    @Test func handBuiltStaysGiveTheLACEOfLACEScore() {
        var store = HealthcareFeatureStore(charlsonIndex: [2, 5, 0])
        for event in Self.handBuilt() {
            let applied = store.apply(event)
            #expect(applied)
        }
        let d = Self.day
        let now = 229 * d
        let f = store.features(of: 0, at: now)
        // L: 5 days → 4; A: emergent → 3; C: 2; E: days 50, 100, 150, 170 lie in the 182.5 days
        // before day 200 (day 10 does not, and the visit at the admission's instant is excluded) → 4.
        #expect(f.lace == LACEScore(lengthOfStayDays: 5, emergent: true, charlsonIndex: 2, emergencyVisits: 4))
        #expect(f.lace?.total == 13)
        #expect(f.lengthOfStayDays == 5)
        #expect(f.lastAdmissionEmergent == true)
        #expect(f.charlsonIndex == 2)
        #expect(f.daysSinceDischarge == 229 - 205.5)
        #expect(!f.isInHospital && !f.isDeceased)
        // ED visits up to day 229: in [199, 229] day 200; in [139, 229] days 150, 170, 200; in
        // [46.5, 229] days 50 … 200, all five kept times.
        #expect(f.emergencyVisits30Days == 1)
        #expect(f.emergencyVisits90Days == 3)
        #expect(f.emergencyVisits182Days == 5)
        // Encounters: 6 ED visits, the admission, the outpatient visit.
        #expect(f.totalEncounters == 8)
        #expect(f.totalEmergencyVisits == 6)
        let encounterDays = [10.0, 50, 100, 150, 170, 200, 200, 220]
        for (value, lifetime, hand) in [
            (f.encounters30Days, 30.0, 1.730083690124319), (f.encounters90Days, 90, 3.7518747991464814),
            (f.encounters365Days, 365, 6.342480139153372),
        ] {
            let closed = encounterDays.reduce(0) { $0 + exp(-(229 - $1) / lifetime) }
            #expect(abs(value - closed) <= 1e-12 * closed)
            #expect(abs(value - hand) <= 1e-9)
        }

        let g = store.features(of: 1, at: now)
        // L 0 (under a day), A 0 (elective), C 5, E 0.
        #expect(g.lace == LACEScore(lengthOfStayDays: 0, emergent: false, charlsonIndex: 5, emergencyVisits: 0))
        #expect(g.lace?.total == 5)
        #expect(g.lastAdmissionEmergent == false)

        let h = store.features(of: 2, at: now)
        #expect(h.isDeceased && !h.isInHospital)
        #expect(h.lace == nil && h.daysSinceDischarge == nil && h.lengthOfStayDays == nil)

        #expect(f.vector.count == HealthcareFeatures.featureNames.count)
        #expect(store.featureVector(of: 0, at: now)[0...5] == [2, 1, 5, 13, 23.5, 1])
    }

    @Test func anAdmittedPatientIsInHospitalUntilDischarged() {
        let events = Self.handBuilt()
        var store = HealthcareFeatureStore(charlsonIndex: [2, 5, 0])
        for event in events where event.kind != .discharge || event.customer != 0 { store.apply(event) }
        let f = store.features(of: 0, at: 202 * Self.day)
        #expect(f.isInHospital && f.lace == nil && f.lastAdmissionEmergent == true)
    }

    @Test func duplicatesAndCrossPatientReorderingChangeNothing() {
        let events = Self.handBuilt()
        var clean = HealthcareFeatureStore(charlsonIndex: [2, 5, 0])
        var noisy = HealthcareFeatureStore(charlsonIndex: [2, 5, 0])
        for event in events { clean.apply(event) }
        let (duplicated, copies) = FeatureStreams.withDuplicates(
            FeatureStreams.shuffledAcrossCustomers(events, seed: 3), replay: 3, burst: 4)
        for event in duplicated { noisy.apply(event) }
        #expect(noisy.deduplicator.duplicates + noisy.deduplicator.stale == copies)
        for p in 0..<3 { #expect(noisy.features(of: p, at: 229 * Self.day) == clean.features(of: p, at: 229 * Self.day)) }
    }

    /// A generated population over three years: the LACE computed from events equals the model's
    /// own at every last discharge whose six-month look-back lies inside the run (the model also
    /// knows the ED visits before time 0, which the stream does not carry).
    @Test func laceFromEventsEqualsTheModelsLACE() throws {
        let model = try HealthcareBehaviour(parameters: HealthcareParameters(patients: 3_000), runSeed: 17)
        let horizon = 3 * 365 * Self.day
        var stream = EventStream(model: model)
        var events: [CustomerEvent] = []
        while let event = stream.next(notAfter: horizon) { events.append(event) }
        let truth = stream.model
        let charlson = (0..<3_000).map { truth.charlsonIndex(of: $0) }
        var store = HealthcareFeatureStore(charlsonIndex: charlson)
        var lastAdmission = [Double](repeating: -.infinity, count: 3_000)
        var admissionOfLastDischarge = lastAdmission
        for event in events {
            store.apply(event)
            if event.kind == .admission { lastAdmission[Int(event.customer)] = event.time }
            if event.kind == .discharge { admissionOfLastDischarge[Int(event.customer)] = lastAdmission[Int(event.customer)] }
        }
        var compared = 0
        for p in 0..<3_000 where admissionOfLastDischarge[p] >= LACEScore.emergencyLookbackSeconds {
            #expect(store.features(of: p, at: horizon).lace?.total == truth.lastDischargeLACE(of: p))
            compared += 1
        }
        #expect(compared > 100)

        // Shuffling across patients and duplicating changes nothing either.
        let (noisy, _) = FeatureStreams.withDuplicates(
            FeatureStreams.shuffledAcrossCustomers(events, seed: 11), replay: 6, burst: 53)
        var other = HealthcareFeatureStore(charlsonIndex: charlson)
        for event in noisy { other.apply(event) }
        for p in 0..<3_000 { #expect(other.features(of: p, at: horizon) == store.features(of: p, at: horizon)) }

        // Any order within a patient: the order-independent features agree.
        var rng = FeatureTestRNG(state: 23)
        var anyOrder = HealthcareFeatureStore(charlsonIndex: charlson, stalePolicy: .apply)
        for event in events.shuffled(using: &rng) { anyOrder.apply(event) }
        for p in 0..<3_000 {
            let a = store.features(of: p, at: horizon), b = anyOrder.features(of: p, at: horizon)
            #expect(a.totalEncounters == b.totalEncounters && a.totalEmergencyVisits == b.totalEmergencyVisits)
            #expect(a.emergencyVisits30Days == b.emergencyVisits30Days && a.emergencyVisits182Days == b.emergencyVisits182Days)
            #expect(a.daysSinceDischarge == b.daysSinceDischarge && a.lengthOfStayDays == b.lengthOfStayDays)
            #expect(a.lastAdmissionEmergent == b.lastAdmissionEmergent && a.isDeceased == b.isDeceased)
            #expect(abs(a.encounters365Days - b.encounters365Days) <= 1e-9 * max(1, a.encounters365Days))
        }
    }

    @Test func statePerPatientFitsIn128Bytes() {
        #expect(HealthcareFeatureStore.stateBytesPerCustomer == 102)
        #expect(HealthcareFeatureStore.stateBytesPerCustomer <= 128)
    }
}
