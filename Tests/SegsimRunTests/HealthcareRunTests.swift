import Foundation
import Testing
import SegsimBehaviour
import SegsimMetrics
import SegsimPipeline
import SegsimRun
import SegsimScenario

@Suite struct HealthcareRunTests {
    /// The population 30-day readmission rate is small (≈ 0.07 admissions a patient-year, ≈ 15%
    /// of discharges readmitted): over 30 days, roughly 0.05–0.5% of patients. The LACE rule's high
    /// tier concentrates readmissions; the oracle ranks better than both strategies, and the
    /// fitted model's top tier (same size as the oracle's) lifts less than the oracle's.
    @Test func readmissionLiftIsSensible() throws {
        let lace = try ScenarioRun.run(smallHealthcareScenario(strategy: .lace), topology: smallTopology).aggregate
        let logistic = try ScenarioRun.run(smallHealthcareScenario(strategy: .logistic), topology: smallTopology).aggregate
        let oracle = try ScenarioRun.run(smallHealthcareScenario(strategy: .oracle), topology: smallTopology).aggregate

        let rate = try #require(lace["lift.outcome_rate"]?.mean.number)
        #expect(rate > 0.0003 && rate < 0.01, "outcome rate \(rate)")
        let laceLift = try #require(lace["lift.top_segment"]?.mean.number)
        #expect(laceLift > 1.5, "LACE top lift \(laceLift)")
        let logisticLift = try #require(logistic["lift.top_segment"]?.mean.number)
        let oracleLift = try #require(oracle["lift.top_segment"]?.mean.number)
        #expect(logisticLift > 1, "logistic top lift \(logisticLift)")
        #expect(oracleLift >= logisticLift, "oracle \(oracleLift) vs logistic \(logisticLift)")
        #expect(try #require(logistic["lift.oracle_top_segment"]?.mean.number) >= logisticLift)
        // The oracle's top tier is sized like the rule's high tier, so they compare like for like.
        let laceOracle = try #require(lace["lift.oracle_top_segment"]?.mean.number)
        #expect(laceOracle >= laceLift, "oracle \(laceOracle) vs LACE \(laceLift)")
        #expect(abs(try #require(oracle["lift.oracle_share"]?.mean.number) - 1) < 0.05)

        // The LACE total is the rule's score: it has an AUC, above chance and below the oracle's.
        let laceAUC = try #require(lace["lift.auc"]?.mean.number)
        let oracleAUC = try #require(lace["lift.oracle_auc"]?.mean.number)
        #expect(laceAUC > 0.55 && oracleAUC >= laceAUC, "AUC LACE \(laceAUC), oracle \(oracleAUC)")

        // Common random numbers: the strategies see the same patients and events.
        for name in ["accounting.generated", "lift.outcome_rate", "lift.oracle_auc"] {
            #expect(lace[name]?.mean == logistic[name]?.mean, "\(name)")
            #expect(lace[name]?.mean == oracle[name]?.mean, "\(name)")
        }
        // Freshness is measured from discharges that scheduled a readmission.
        #expect(try #require(lace["freshness.undetected_share"]?.mean.number) < 1)
        #expect(lace["freshness.p50"]?.mean.isApplicable == true)
    }

    /// Clusters carry no score: the AUC does not apply (never 0).
    @Test func kMeansHasNoAUC() throws {
        let kmeans = try ScenarioRun.run(smallHealthcareScenario(strategy: .kmeans), topology: smallTopology)
        let aggregate = kmeans.aggregate
        #expect(aggregate["lift.auc"]?.mean.isApplicable == false)
        #expect(kmeans.replications[0].segmentNames.count == 5)
    }

    /// Lift is a rate ratio over the whole population, so the size-weighted mean of the segments'
    /// lifts is exactly 1 at every snapshot: a random split scores 1 on average, never more.
    @Test func segmentLiftsAverageToOne() throws {
        let outcome = try ScenarioRun.run(smallHealthcareScenario(strategy: .lace), topology: smallTopology)
        let replication = try #require(outcome.replications.first)
        #expect(!replication.lift.isEmpty)
        for row in replication.lift where row.outcomeRate > 0 {
            let sizes = try #require(replication.segments.first { $0.time == row.time }).sizes
            let total = Double(sizes.reduce(0, +))
            let weighted = zip(sizes, row.segmentLift).reduce(0.0) { $0 + Double($1.0) * ($1.1 ?? 0) } / total
            #expect(abs(weighted - 1) < 1e-9, "snapshot at \(row.time): \(weighted)")
        }
    }

    @Test func sameSeedGivesIdenticalMetrics() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let scenario = smallHealthcareScenario(strategy: .logistic)
        let first = try ScenarioRun.run(scenario, topology: smallTopology).summary(file: "x")
        let second = try ScenarioRun.run(scenario, topology: smallTopology).summary(file: "x")
        #expect(try encoder.encode(first.metrics) == encoder.encode(second.metrics))
        let other = try ScenarioRun.run(smallHealthcareScenario(strategy: .logistic, seed: 22), topology: smallTopology)
        #expect(try encoder.encode(first.metrics) != encoder.encode(other.summary(file: "x").metrics))
        #expect(first.run.domain == "healthcare" && first.run.customers == 40_000)
        #expect(first.streams.contains { $0.purpose == "healthcare.events" })
        #expect(first.notes.contains { $0.contains("unplanned readmission") })
    }

    @Test func badCombinationsAreClearErrors() {
        var scenario = smallHealthcareScenario(strategy: .logistic)
        scenario.evaluation.horizon = 400 * 86_400
        #expect {
            try ScenarioRun.run(scenario, topology: smallTopology)
        } throws: { error in
            (error as? RunError)?.path == "evaluation.horizon"
        }
        #expect {
            try ScenarioRun.run(smallHealthcareScenario(strategy: .rfm), topology: smallTopology)
        } throws: { error in
            (error as? RunError)?.path == "strategy.kind"
        }
    }

    /// The report of a healthcare run has the same charts as a retail one and a dwell table.
    @Test func healthcareReportIsComplete() throws {
        let outcome = try ScenarioRun.run(smallHealthcareScenario(strategy: .lace), topology: smallTopology)
        let directory = temporaryResultsDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunResultWriter.write(outcome, scenarioFile: "health.yaml", to: directory)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 10 && html.contains("Mean time per stage"))
        #expect(html.contains("mean dwell time") && html.contains(MetricCatalogue.dwellMetricName(segment: "high")))
        #expect(!html.contains("nan") && !html.contains("inf "))
        #expect(!FileManager.default.fileExists(atPath: directory + "/customers.csv"))
    }

    /// The per-event scoring row is the feature vector.
    @Test func featureRowMatchesTheVector() throws {
        let model = try HealthcareBehaviour(parameters: HealthcareParameters(patients: 500), runSeed: 3, start: -86_400 * 200)
        var stream = EventStream(model: model)
        var store = HealthcareFeatureStore(charlsonIndex: (0..<500).map(model.charlsonIndex(of:)))
        while let event = stream.next(notAfter: 0) { store.apply(event) }
        var row = [Double](repeating: .nan, count: HealthcareFeatures.featureNames.count)
        for patient in 0..<500 {
            let features = store.features(of: patient, at: 0)
            features.write(into: &row)
            #expect(row == features.vector)
        }
    }
}
