import Testing
import SegsimBehaviour

/// The defaults against the targets and published US magnitudes, on one shared run of
/// 200,000 patients over 395 days (``HealthcareFixture/calibrationRun``; fixed seed).
///
/// Standard errors quoted below are binomial (or σ/√n) at the run's sample sizes; each target range
/// lies at least 4 standard errors from the expected value, so a correct model fails for a random
/// seed with probability well under 10⁻⁴.
@Suite struct HealthcareCalibrationTests {
    @Test func overallReadmissionRateIsRealistic() throws {
        let run = try #require(HealthcareFixture.calibrationRun)
        let overall = run.readmissionRate(0...LACEScore.maximum)
        // ≈ 15,500 scored discharges; the rate is ≈ 15.5–16% (15.9% at this seed), SE ≈ 0.3%: the
        // band [13%, 18%] is ≥ 7 SE away on either side.
        #expect(overall.discharges > 12_000)
        #expect((0.13...0.18).contains(overall.rate), "30-day readmission rate \(overall.rate)")
    }

    @Test func readmissionRiseAcrossLACEBands() throws {
        let run = try #require(HealthcareFixture.calibrationRun)
        let low = run.readmissionRate(0...4), middle = run.readmissionRate(5...9)
        let high = run.readmissionRate(10...LACEScore.maximum), belowTen = run.readmissionRate(0...9)
        // Expected ≈ 7.5% (n ≈ 4,000, SE 0.4%), 13% (n ≈ 7,200, SE 0.4%), 28% (n ≈ 4,300, SE 0.7%):
        // neighbouring bands differ by more than 10 SE.
        #expect(low.rate < middle.rate, "LACE 0–4 \(low.rate) vs 5–9 \(middle.rate)")
        #expect(middle.rate < high.rate, "LACE 5–9 \(middle.rate) vs ≥ 10 \(high.rate)")
        // The ratio is ≈ 2.45 (2.49 at this seed) with a relative SE of ≈ 3.6% (0.09): 2 and 3 are
        // ≥ 5 SE away.
        let ratio = high.rate / belowTen.rate
        #expect((2...3).contains(ratio), "rate(LACE ≥ 10) / rate(LACE < 10) = \(ratio)")
    }

    @Test func lengthOfStayIsRightSkewedWithRealisticMean() throws {
        let run = try #require(HealthcareFixture.calibrationRun)
        let stays = run.stayDays.sorted()
        try #require(stays.count > 15_000)
        let mean = stays.reduce(0, +) / Double(stays.count)
        let median = stays[stays.count / 2]
        // Lognormal, mean 4.9 d and sd 5.5 d: SE of the mean ≈ 0.04 d, so [4, 6] is > 20 SE wide
        // either side (stays still open at the horizon, the longest, pull the mean down by ≈ 0.1).
        #expect((4...6).contains(mean), "mean stay \(mean) days")
        // Median ≈ 3.3 d against mean ≈ 4.8 d: the right skew of real stays.
        #expect(median < mean, "median \(median) vs mean \(mean)")
        // Whole-day stays of 1 day: ≈ 20% (SE 0.3%); under 2 days ≈ 30%: both well below half.
        let oneDay = Double(run.stayWholeDays.filter { $0 == 1 }.count) / Double(stays.count)
        let underTwo = Double(run.stayWholeDays.filter { $0 <= 1 }.count) / Double(stays.count)
        #expect(oneDay < 0.25, "share of 1-day stays \(oneDay)")
        #expect(underTwo < 0.35, "share of stays under 2 days \(underTwo)")
    }

    @Test func utilisationMatchesPublishedMagnitudes() throws {
        let run = try #require(HealthcareFixture.calibrationRun)
        let patientYears = 200_000 * 395 / 365.25
        func perPatientYear(_ kind: EventKind) -> Double { Double(run.counts[kind] ?? 0) / patientYears }
        // Expected (documented on HealthcareParameters): outpatient ≈ 3.44, ED ≈ 0.40, admissions
        // ≈ 0.080, deaths ≈ 0.0099 per patient-year; counts are ≥ 20,000 but overdispersed by
        // frailty, so the ranges are ±10–30%, still tighter than the published spread.
        #expect((3.0...4.0).contains(perPatientYear(.outpatientVisit)))
        #expect((0.35...0.45).contains(perPatientYear(.emergencyVisit)))
        #expect((0.06...0.10).contains(perPatientYear(.admission)))
        #expect((0.007...0.013).contains(perPatientYear(.death)))
        // ≈ 12% of ED visits lead to admission (NHAMCS 10–14%); ≈ 2.1% of stays end in death (HCUP ≈ 2%).
        let admittedFromED = Double(run.emergentAdmissions) / Double(run.counts[.emergencyVisit] ?? 1)
        #expect((0.09...0.15).contains(admittedFromED), "ED admission fraction \(admittedFromED)")
        let inHospitalMortality = Double(run.inHospitalDeaths) / Double(run.counts[.admission] ?? 1)
        #expect((0.012...0.03).contains(inHospitalMortality), "in-hospital mortality \(inHospitalMortality)")
    }

    @Test func costsMatchTheirConfiguredMeans() throws {
        let run = try #require(HealthcareFixture.calibrationRun)
        func meanAmount(_ kind: EventKind) -> Double { (run.amounts[kind] ?? 0) / Double(run.counts[kind] ?? 1) }
        // Outpatient: mean $200, sd $120, n ≈ 680,000 → SE $0.15; ED: mean $2,000, sd $1,500,
        // n ≈ 80,000 → SE $5.3; daily rate: mean $2,800, sd $900, n ≈ 15,000 → SE $7.3.
        // 2% is ≥ 7 SE for each.
        #expect(abs(meanAmount(.outpatientVisit) / 200 - 1) < 0.02)
        #expect(abs(meanAmount(.emergencyVisit) / 2_000 - 1) < 0.02)
        let daily = run.dailyCosts.reduce(0, +) / Double(run.dailyCosts.count)
        #expect(abs(daily / 2_800 - 1) < 0.02, "daily inpatient cost \(daily)")
    }
}
