import Foundation
import Testing
import SegsimMetrics
import SegsimPipeline
import SegsimRun
import SegsimScenario

@Suite struct ScenarioRunTests {
    @Test func sameSeedGivesByteIdenticalMetrics() throws {
        let scenario = smallRetailScenario()
        let first = try ScenarioRun.run(scenario, topology: smallTopology).summary(file: "x")
        let second = try ScenarioRun.run(scenario, topology: smallTopology).summary(file: "x")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first.metrics) == encoder.encode(second.metrics))
        var other = scenario
        other.seed = 12
        let third = try ScenarioRun.run(other, topology: smallTopology).summary(file: "x")
        #expect(try encoder.encode(first.metrics) != encoder.encode(third.metrics))
    }

    /// Common random numbers: strategies and capacities see the same customers and events, so the
    /// event count and the ground-truth outcome rate are identical.
    @Test func strategiesAndCapacitiesShareCustomersAndEvents() throws {
        let logistic = try ScenarioRun.run(smallRetailScenario(strategy: .logistic), topology: smallTopology).aggregate
        let rfm = try ScenarioRun.run(smallRetailScenario(strategy: .rfm), topology: smallTopology).aggregate
        let bigger = PipelineTopology(partitions: 8, workers: 8, processing: .exponential(mean: 0.05),
                                      store: .exponential(mean: 0.01), storeConcurrency: 8)
        let wide = try ScenarioRun.run(smallRetailScenario(strategy: .logistic), topology: bigger).aggregate
        for name in ["accounting.generated", "lift.outcome_rate", "lift.oracle_top_segment", "lift.oracle_auc"] {
            #expect(logistic[name]?.mean == rfm[name]?.mean, "\(name)")
            #expect(logistic[name]?.mean == wide[name]?.mean, "\(name)")
        }
        // More capacity: lower latency.
        let p99 = try #require(logistic["latency.p99"]?.mean.number), wideP99 = try #require(wide["latency.p99"]?.mean.number)
        #expect(wideP99 < p99)
    }

    /// The oracle ranks by the true purchase rate: its lift beats the fitted strategies', both beat
    /// random (1), and rules have no AUC (not applicable, never 0).
    @Test func liftOrdersOracleAboveStrategiesAboveRandom() throws {
        let oracle = try ScenarioRun.run(smallRetailScenario(strategy: .oracle), topology: smallTopology).aggregate
        let logistic = try ScenarioRun.run(smallRetailScenario(strategy: .logistic), topology: smallTopology).aggregate
        let rfm = try ScenarioRun.run(smallRetailScenario(strategy: .rfm), topology: smallTopology).aggregate
        let oracleLift = try #require(oracle["lift.top_segment"]?.mean.number)
        let logisticLift = try #require(logistic["lift.top_segment"]?.mean.number)
        #expect(oracleLift > logisticLift && logisticLift > 1.5)
        #expect(try #require(logistic["lift.auc"]?.mean.number) > 0.55)
        #expect(rfm["lift.auc"]?.mean.isApplicable == false)
        // The oracle's own share of the oracle's lift is about 1 (same tier share, same ranking).
        #expect(abs(try #require(oracle["lift.oracle_share"]?.mean.number) - 1) < 0.05)
    }

    /// Streaming reflects an event within the pipeline's latency; a micro-batch waits for its
    /// boundary (mean wait ≈ half the interval); a nightly batch for the night (≈ half a day).
    @Test func cadenceSetsTheLatencyScale() throws {
        var scenario = smallRetailScenario()
        let streaming = try ScenarioRun.run(scenario, topology: smallTopology).aggregate
        scenario.strategy.cadence = .microBatch(seconds: 600)
        let micro = try ScenarioRun.run(scenario, topology: smallTopology).aggregate
        scenario.strategy.cadence = .nightly(secondsAfterMidnight: 7_200)
        let nightly = try ScenarioRun.run(scenario, topology: smallTopology).aggregate
        let s = try #require(streaming["latency.mean"]?.mean.number)
        let m = try #require(micro["latency.mean"]?.mean.number)
        let n = try #require(nightly["latency.mean"]?.mean.number)
        #expect(s < 1)
        #expect(abs(m - 300) < 30, "micro-batch mean latency \(m)")
        #expect(n > 6 * 3_600 && n < 24 * 3_600, "nightly mean latency \(n)")
    }

    /// The time series carries the pipeline's own flow: every processed record is in some window,
    /// and the workers were measurably busy.
    @Test func timeseriesCarriesThePipelineFlow() throws {
        let outcome = try ScenarioRun.run(smallRetailScenario(), topology: smallTopology)
        let rows = try #require(outcome.replications.first).timeseries
        let delivered = try #require(outcome.aggregate["accounting.delivered"]?.mean.number)
        #expect(Double(rows.map(\.processed).reduce(0, +)) == delivered)
        #expect(Double(rows.map(\.appended).reduce(0, +)) == delivered)
        #expect(rows.contains { $0.utilisation > 0 } && rows.contains { $0.consumerLag > 0 })
    }

    @Test func tooLittleHistoryForTrainingIsAClearError() {
        var scenario = smallRetailScenario()
        scenario.retail.acquisitionStart = -86_400
        #expect {
            try ScenarioRun.run(scenario, topology: smallTopology)
        } throws: { error in
            let run = error as? RunError
            return run?.path == "retail.acquisition.before" && run?.message.contains("horizon") == true
        }
    }

    @Test func resultsFolderIsCompleteAndReportShowsEveryChart() throws {
        let outcome = try ScenarioRun.run(smallRetailScenario(), topology: smallTopology)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segsim-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunResultWriter.write(outcome, scenarioFile: "test.yaml", to: directory)
        for file in ["summary.json", "details.json", "timeseries.csv", "pipeline.csv", "segments.csv", "lift.csv",
                     "transitions.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "\(file)")
        }
        // pipeline.csv: per window, each partition's lag and each worker's busy share, which add up
        // to timeseries.csv's total lag and mean utilisation (both workers own a partition).
        let windows = outcome.replications[0].timeseries
        let pipeline = try String(contentsOfFile: directory + "/pipeline.csv", encoding: .utf8).split(separator: "\n")
        #expect(pipeline.count == windows.count + 1)
        #expect(pipeline[0] == "replication,window_start_s,lag:partition_0,lag:partition_1,utilisation:worker_0,utilisation:worker_1")
        for (line, window) in zip(pipeline.dropFirst(), windows) {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            #expect(fields.count == 6 && fields[1] == window.start)
            #expect(fields[2] + fields[3] == window.consumerLag && (fields[4] + fields[5]) / 2 == window.utilisation)
        }
        #expect(windows.contains { ($0.workerUtilisation?.max() ?? 0) > 0 })
        #expect(!FileManager.default.fileExists(atPath: directory + ".partial"))
        let summary = try RunResultWriter.readSummary(at: directory)
        #expect(summary.schemaVersion == RunSummary.currentSchemaVersion && summary.run.seed == 11)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        for title in ["Latency percentiles per window", "Mean time per stage", "Events per second", "Segment sizes", "Flip rate", "Transitions",
                      "Lift by segment", "Cumulative gains"] {
            #expect(html.contains(title), "\(title)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 10)
        #expect(!html.contains("nan") && !html.contains("inf "))
    }
}
