import Foundation
import Testing
import SegsimBehaviour
import SegsimRandom

/// Validation, decoding and the LACE score.
@Suite struct HealthcareParametersTests {
    /// A scenario-like wrapper, so that decoded paths start with `healthcare`.
    struct Scenario: Decodable {
        var healthcare: HealthcareParameters
    }

    func decode(_ json: String) throws -> HealthcareParameters {
        try JSONDecoder().decode(Scenario.self, from: Data(json.utf8)).healthcare
    }

    /// The error `body` throws; fails the test if it throws none or another kind.
    func error(_ body: () throws -> Void) throws -> DistributionError {
        do {
            try body()
        } catch {
            return try #require(DistributionError(unwrapping: error), "not a DistributionError: \(error)")
        }
        Issue.record("no error thrown")
        throw CancellationError()
    }

    @Test func defaultsAreValidAndRoundTrip() throws {
        let defaults = HealthcareParameters()
        try defaults.validate()
        let encoded = try JSONEncoder().encode(defaults)
        #expect(try JSONDecoder().decode(HealthcareParameters.self, from: encoded) == defaults)
        let text = try #require(String(data: encoded, encoding: .utf8))
        for key in ["mean_days", "rate_per_year", "odds_ratio_per_lace_point", "prevalence_at_65", "inpatient_day", "emergency_rate_shape"] {
            #expect(text.contains("\"\(key)\""), "snake_case key \(key)")
        }
    }

    @Test func negativeRateIsRejectedWithItsPath() throws {
        var parameters = HealthcareParameters()
        parameters.emergency.ratePerYear = -1
        let failure = try error { try parameters.validate() }
        #expect(failure.path == "healthcare.emergency")
        #expect(failure.description == "healthcare.emergency: rate_per_year must be ≥ 0, got -1")
        #expect(throws: DistributionError.self) { try HealthcareBehaviour(parameters: parameters, runSeed: 1) }
    }

    @Test func probabilityAboveOneIsRejectedWithItsPath() throws {
        var parameters = HealthcareParameters()
        parameters.readmission.baseProbability = 1.2
        let failure = try error { try parameters.validate() }
        #expect(failure.description == "healthcare.readmission: base_probability must be in [0, 1], got 1.2")
        parameters = HealthcareParameters()
        parameters.population.conditions[.dementia].prevalenceAt65 = 2
        #expect(try error { try parameters.validate() }.path == "healthcare.population.conditions.dementia")
    }

    @Test func populationSizeIsChecked() throws {
        let none = try error { try HealthcareParameters(patients: 0).validate() }
        #expect(none.description.hasPrefix("healthcare: patients must be in [1, "), "\(none)")
        #expect(none.description.hasSuffix("got 0"), "\(none)")
        let absurd = try error { try HealthcareParameters(patients: 300_000_000).validate() }
        // 300 million × 86 B ≈ 25.8 GB: the message says how much memory it would take.
        let bytes = HealthcareBehaviour.estimatedBytesPerPatient
        #expect(absurd.description.contains("estimated memory 300000000 × \(bytes) B"), "\(absurd)")
        #expect(absurd.description.contains("GB"), "\(absurd)")
    }

    @Test func extremeRatesAreRejected() throws {
        var parameters = HealthcareParameters()
        parameters.outpatient.rateRatioPerDecade = 50   // 50^4.5 ≈ 4 × 10⁷ times the reference at 95
        #expect(try error { try parameters.validate() }.path == "healthcare.outpatient")
    }

    @Test func decodingValidatesAtTheCodingPath() throws {
        let bad = try error { _ = try decode(#"{ "healthcare": { "readmission": { "base_probability": 1.2 } } }"#) }
        #expect(bad.description == "healthcare.readmission: base_probability must be in [0, 1], got 1.2")
        let negative = try error { _ = try decode(#"{ "healthcare": { "costs": { "emergency": { "mean_usd": -5, "sd_usd": 1 } } } }"#) }
        #expect(negative.path == "healthcare.costs.emergency")
        let typo = try error { _ = try decode(#"{ "healthcare": { "readmision": {} } }"#) }
        #expect(typo.path == "healthcare")
        #expect(typo.problem == .unknownKey(name: "readmision", known: [
            "patients", "population", "outpatient", "emergency", "mortality", "readmission", "costs",
            "elective_admission", "emergency_admission", "in_hospital_death", "length_of_stay", "emergency_rate_shape",
        ]))
        let zero = try error { _ = try decode(#"{ "healthcare": { "patients": 0 } }"#) }
        #expect(zero.path == "healthcare")
    }

    @Test func missingKeysTakeTheirDefaults() throws {
        let parameters = try decode("""
            { "healthcare": {
                "patients": 500,
                "length_of_stay": { "mean_days": 6 },
                "emergency": { "rate_per_year": 0.5 },
                "emergency_rate_shape": { "windows": [ { "start": "280d", "end": "364d", "factor": 1.3, "name": "flu" } ] }
            } }
            """)
        var expected = HealthcareParameters(patients: 500)
        expected.lengthOfStay.meanDays = 6
        expected.emergency.ratePerYear = 0.5
        expected.emergencyRateShape = try RateProfile(
            baseRate: 1, windows: [.init(start: 280 * 86_400, end: 364 * 86_400, factor: 1.3, name: "flu")])
        #expect(parameters == expected)
    }

    @Test func laceScoresFollowVanWalraven() {
        // L: <1 d 0, 1 1, 2 2, 3 3, 4–6 4, 7–13 5, ≥ 14 7.
        let lengthPoints = [0, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 7, 7, 7]
        for (days, points) in lengthPoints.enumerated() {
            #expect(LACEScore.lengthOfStayPoints(days: days) == points, "\(days) days")
        }
        // C: Charlson 0–3 as is, ≥ 4 → 5; E capped at 4; A = 3 when emergent.
        let charlsonPoints = [0, 1, 2, 3, 5, 5, 5]
        for (charlson, points) in charlsonPoints.enumerated() {
            #expect(LACEScore(lengthOfStayDays: 0, emergent: false, charlsonIndex: charlson, emergencyVisits: 0).total == points)
        }
        let worst = LACEScore(lengthOfStayDays: 30, emergent: true, charlsonIndex: 9, emergencyVisits: 12)
        #expect(worst.total == LACEScore.maximum)
        #expect(worst.emergencyVisitPoints == 4 && worst.acuityPoints == 3)
        #expect(ChronicConditions([.renalDisease, .malignancy, .diabetes]).charlsonIndex == 5)
    }
}
