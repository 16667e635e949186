import Foundation
import SegsimPipeline
import SegsimRun
import SegsimScenario

/// A small retail scenario: 20,000 customers with four weeks of history, two simulated days, a
/// four-day outcome horizon (enough positives for the logistic model to learn, ~1 s a run).
func smallRetailScenario(strategy: StrategyConfiguration.Kind = .logistic, seed: UInt64 = 11) -> Scenario {
    var scenario = Scenario(name: "test")
    scenario.seed = seed
    scenario.duration = .init(seconds: 2 * 86_400)
    scenario.retail.customers = 20_000
    scenario.retail.acquisitionStart = -4 * 7 * 86_400
    scenario.strategy.kind = strategy
    scenario.strategy.trainingCustomers = 20_000
    scenario.evaluation.horizon = 4 * 86_400
    scenario.evaluation.liftEvery = 12 * 3_600
    return scenario
}

/// A pipeline with visible queueing: one partition and worker at moderate load.
let smallTopology = PipelineTopology(partitions: 2, workers: 2, processing: .exponential(mean: 0.05),
                                     store: .exponential(mean: 0.01), storeConcurrency: 2)

/// A small healthcare scenario: 40,000 patients (a year of history), eight simulated weeks, the
/// 30-day readmission horizon, weekly lift snapshots (~1 s a run).
func smallHealthcareScenario(strategy: StrategyConfiguration.Kind = .lace, seed: UInt64 = 21) -> Scenario {
    var scenario = Scenario(name: "health-test")
    scenario.domain = .healthcare
    scenario.seed = seed
    scenario.duration = .init(seconds: 8 * 7 * 86_400)
    scenario.healthcare.patients = 40_000
    scenario.strategy.kind = strategy
    scenario.strategy.trainingCustomers = 40_000
    scenario.evaluation.horizon = 30 * 86_400
    scenario.evaluation.snapshotEvery = 86_400
    scenario.evaluation.liftEvery = 7 * 86_400
    scenario.evaluation.window = 86_400
    return scenario
}

/// A temporary results folder path, removed by the caller.
func temporaryResultsDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("segsim-run-\(UUID().uuidString)").path
}
