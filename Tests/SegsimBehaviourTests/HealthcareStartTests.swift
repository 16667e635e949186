import Testing
import SegsimBehaviour
import SegsimRandom

/// A start time before 0 replays a history: the same population, encounters from the start on.
@Suite struct HealthcareStartTests {
    @Test func earlierStartKeepsThePopulationAndBeginsEncountersThere() throws {
        let year = 365 * 86_400.0
        let parameters = HealthcareParameters(patients: 2_000)
        let fromZero = try HealthcareBehaviour(parameters: parameters, runSeed: 5)
        let fromYearBefore = try HealthcareBehaviour(parameters: parameters, runSeed: 5, start: -year)
        #expect(fromZero.start == 0 && fromYearBefore.start == -year)
        for patient in 0..<fromZero.customerCount {
            #expect(fromZero.truth(of: patient) == fromYearBefore.truth(of: patient))
        }
        var stream = EventStream(model: fromYearBefore)
        var first = Double.infinity, before = 0, previous = -Double.infinity, ordered = true
        while let event = stream.next(notAfter: 0) {
            first = min(first, event.time)
            if event.time < 0 { before += 1 }
            if event.time < previous { ordered = false }
            previous = event.time
        }
        #expect(first >= -year && first < -year + 86_400)
        // About four encounters a patient-year: thousands before 0.
        #expect(before > 4_000)
        #expect(ordered)
        var original = EventStream(model: fromZero)
        let firstFromZero = original.next()
        #expect(try #require(firstFromZero).time >= 0)
    }

    @Test func nonFiniteStartIsRejected() {
        #expect(throws: DistributionError.self) {
            try HealthcareBehaviour(parameters: HealthcareParameters(patients: 10), runSeed: 1, start: -.infinity)
        }
    }
}
