import Foundation
import Testing
import SegsimMetrics
import SegsimRun

/// A summary built in code: the run facts of `ci-smoke`, and the given metrics (one value per
/// replication). Built through JSON because `RunSummary` has no public memberwise initialiser.
private func makeSummary(seed: UInt64 = 7, strategy: String = "logistic", replications: Int = 1,
                         schemaVersion: Int = RunSummary.currentSchemaVersion,
                         metrics: [String: [Double]], wallClock: [String: [Double]] = [:]) throws -> RunSummary {
    let json = """
    {"schema_version": \(schemaVersion), "segsim_version": "0.4.0",
     "run": {"scenario": "ci-smoke", "file": "scenarios/ci-smoke.yaml", "seed": \(seed), "domain": "retail",
             "duration_seconds": 172800, "customers": 5000, "strategy": "\(strategy)", "cadence": "every 6h",
             "pipeline": "12 partitions, 6 workers (range), store ×8", "replications": \(replications)},
     "streams": [], "warmup_seconds": [], "segments": [], "metrics": {}, "wall_clock": {}, "notes": []}
    """
    var summary = try JSONDecoder().decode(RunSummary.self, from: Data(json.utf8))
    summary.metrics = metrics.mapValues { AggregateMetric($0.map(MetricValue.value)) }
    summary.wallClock = wallClock.mapValues { AggregateMetric($0.map(MetricValue.value)) }
    return summary
}

/// Every catalogue metric with a plausible value, one replication.
private let smokeMetrics: [String: [Double]] = [
    "throughput.generated_per_second": [41.237_5], "throughput.segmented_per_second": [41.1],
    "latency.p50": [0.002_71], "latency.p90": [0.006_3], "latency.p95": [0.008], "latency.p99": [0.012_5],
    "latency.p999": [0.02], "latency.max": [0.041], "latency.mean": [0.003_4], "latency.slo_compliance": [0.999_2],
    "latency.stage.append_mean": [0.000_5], "latency.stage.processing_mean": [0.000_6],
    "latency.stage.store_mean": [0.002_3], "pipeline.utilisation_max": [0.004_1],
    "pipeline.consumer_lag_mean": [0.01], "stability.flip_rate": [0.031], "stability.adjusted_rand_index": [0.93],
    "stability.psi_final": [0.002], "lift.outcome_rate": [0.12], "lift.top_segment": [2.345_678_901_234_5],
    "lift.oracle_top_segment": [3.1], "lift.oracle_share": [0.64], "lift.auc": [0.71], "lift.oracle_auc": [0.8],
    "lift.gains_at_10_percent": [0.27], "lift.top_precision": [0.5], "lift.top_recall": [0.4],
    "freshness.p50": [7_200], "freshness.p90": [30_000], "freshness.undetected_share": [0.1],
    "accounting.generated": [7_125_000], "accounting.applied": [7_125_000], "accounting.deduplicated": [0],
]
private let smokeWallClock: [String: [Double]] = [
    "simulator.events_per_wall_second": [2_500_000], "simulator.wall_seconds": [2.85],
]

private func smoke(changing changes: [String: Double] = [:], wallClock wallChanges: [String: Double] = [:],
                   seed: UInt64 = 7) throws -> RunSummary {
    try makeSummary(seed: seed, metrics: smokeMetrics.merging(changes.mapValues { [$0] }) { $1 },
                    wallClock: smokeWallClock.merging(wallChanges.mapValues { [$0] }) { $1 })
}

private func verdict(_ comparison: BaselineComparison, _ metric: String) -> VerdictTable.Verdict? {
    comparison.table.rows.first { $0.metric == metric }?.verdict
}

private func overrides(_ texts: String...) throws -> [ToleranceOverride] {
    try texts.map { try ToleranceOverride(parsing: $0) }
}

@Suite struct BaselineComparisonTests {
    // MARK: - Pass and fail

    @Test func identicalResultPasses() throws {
        let baseline = try smoke()
        let comparison = try BaselineComparison(baseline: baseline, result: baseline)
        #expect(comparison.passed)
        #expect(comparison.table.rows.count == smokeMetrics.count + smokeWallClock.count)
        #expect(comparison.table.rows.allSatisfy { $0.verdict == .ok })
        #expect(comparison.table.summaryLine == "\(smokeMetrics.count + smokeWallClock.count) unchanged")
        #expect(comparison.notes.isEmpty)
    }

    @Test func identicalResultPassesAfterJSONRoundTrip() throws {
        let baseline = try smoke()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let reread = try JSONDecoder().decode(RunSummary.self, from: encoder.encode(baseline))
        #expect(try BaselineComparison(baseline: baseline, result: reread).passed)
    }

    @Test func tinyRoundingDifferenceIsEqual() throws {
        let value = try #require(smokeMetrics["lift.top_segment"]?.first)
        let nudged = try smoke(changing: ["lift.top_segment": value * (1 + 1e-14)])
        let comparison = try BaselineComparison(baseline: smoke(), result: nudged)
        #expect(comparison.passed)
        #expect(verdict(comparison, "lift.top_segment") == .ok)
    }

    @Test func perturbedQualityMetricRegresses() throws {
        let value = try #require(smokeMetrics["lift.top_segment"]?.first)
        let perturbed = try smoke(changing: ["lift.top_segment": value * 0.99])
        let comparison = try BaselineComparison(baseline: smoke(), result: perturbed)
        #expect(!comparison.passed)
        #expect(comparison.table.failures.map(\.metric) == ["lift.top_segment"])
        let row = try #require(comparison.table.failures.first)
        #expect(row.verdict == .regressed)
        #expect(row.limit == "exact")
        #expect(abs(try #require(row.change) + 0.01) < 1e-12)
        #expect(comparison.table.summaryLine == "1 regression, \(comparison.table.rows.count - 1) unchanged")
    }

    @Test func improvedQualityMetricIsReportedButPasses() throws {
        let value = try #require(smokeMetrics["lift.top_segment"]?.first)
        let better = try smoke(changing: ["lift.top_segment": value * 1.01])
        let comparison = try BaselineComparison(baseline: smoke(), result: better)
        #expect(comparison.passed)
        #expect(verdict(comparison, "lift.top_segment") == .improved)
        #expect(comparison.table.summaryLine.hasPrefix("1 improvement, "))
    }

    @Test func lowerIsBetterMetricsRegressUpwards() throws {
        let worse = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["latency.p99": 0.013]))
        #expect(verdict(worse, "latency.p99") == .regressed)
        #expect(!worse.passed)
        let better = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["latency.p99": 0.012]))
        #expect(verdict(better, "latency.p99") == .improved)
        #expect(better.passed)
    }

    @Test func neutralMetricFailsOnAnyChange() throws {
        for generated in [7_124_999.0, 7_125_001.0] {
            let comparison = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["accounting.generated": generated]))
            #expect(verdict(comparison, "accounting.generated") == .changed)
            #expect(!comparison.passed)
        }
    }

    @Test func failuresAreListedLastWithASummary() throws {
        let perturbed = try smoke(changing: ["lift.top_segment": 2.0, "lift.auc": 0.75, "latency.p50": 0.003])
        let comparison = try BaselineComparison(baseline: smoke(), result: perturbed)
        let order = comparison.table.displayOrder.map(\.metric)
        // Improvements just before the failures; failures last, in catalogue order.
        #expect(Array(order.suffix(3)) == ["lift.auc", "latency.p50", "lift.top_segment"])
        #expect(comparison.table.summaryLine == "2 regressions, 1 improvement, \(order.count - 3) unchanged")

        let text = comparison.table.rendered()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("metric ") == true)
        #expect(lines.last == comparison.table.summaryLine)
        #expect(lines[lines.count - 3].hasPrefix("lift.top_segment "))
        // Aligned: every row's verdict starts in the header's verdict column.
        let column = try #require(lines[0].range(of: "verdict")).lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropLast(2) {
            let start = line.index(line.startIndex, offsetBy: column)
            #expect(line[line.index(before: start)] == " ", "\(line)")
            #expect(line[start] != " ", "\(line)")
        }
    }

    // MARK: - Tolerances

    @Test func explicitToleranceOverridesExactness() throws {
        let value = try #require(smokeMetrics["lift.top_segment"]?.first)
        let perturbed = try smoke(changing: ["lift.top_segment": value * 0.99])
        let loose = try BaselineComparison(baseline: smoke(), result: perturbed,
                                           overrides: overrides("lift.top_segment=±2%"))
        #expect(loose.passed)
        #expect(loose.table.rows.first { $0.metric == "lift.top_segment" }?.limit == "±2%")
        let tight = try BaselineComparison(baseline: smoke(), result: perturbed,
                                           overrides: overrides("lift.top_segment=±0.5%"))
        #expect(verdict(tight, "lift.top_segment") == .regressed)
        // Beyond a two-sided tolerance in the good direction: improved.
        let better = try smoke(changing: ["lift.top_segment": value * 1.01])
        let improved = try BaselineComparison(baseline: smoke(), result: better, overrides: overrides("lift.top_segment=±0.5%"))
        #expect(verdict(improved, "lift.top_segment") == .improved)
    }

    @Test func badDirectionOnlyToleranceLeavesTheGoodDirectionUnbounded() throws {
        let value = try #require(smokeMetrics["lift.top_segment"]?.first)
        let rules = try overrides("lift.top_segment=2%")
        let worse = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["lift.top_segment": value * 0.99]),
                                           overrides: rules)
        #expect(verdict(worse, "lift.top_segment") == .ok)
        #expect(worse.table.rows.first { $0.metric == "lift.top_segment" }?.limit == "≥ −2%")
        let muchWorse = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["lift.top_segment": value * 0.97]),
                                               overrides: rules)
        #expect(verdict(muchWorse, "lift.top_segment") == .regressed)
        let muchBetter = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["lift.top_segment": value * 1.5]),
                                                overrides: rules)
        #expect(verdict(muchBetter, "lift.top_segment") == .ok)
    }

    @Test func absoluteTolerance() throws {
        let rules = try overrides("latency.p99=±0.001")
        let within = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["latency.p99": 0.013_4]),
                                            overrides: rules)
        #expect(verdict(within, "latency.p99") == .ok)
        let beyond = try BaselineComparison(baseline: smoke(), result: smoke(changing: ["latency.p99": 0.013_6]),
                                            overrides: rules)
        #expect(verdict(beyond, "latency.p99") == .regressed)
        #expect(beyond.table.rows.first { $0.metric == "latency.p99" }?.limit == "±0.001")
    }

    @Test func globToleranceAppliesToEveryMatchAndAnExactNameWins() throws {
        let perturbed = try smoke(changing: ["latency.p99": 0.012_5 * 1.04, "latency.stage.store_mean": 0.002_3 * 1.04,
                                             "latency.p50": 0.002_71 * 1.04, "lift.auc": 0.71 * 0.96])
        let comparison = try BaselineComparison(baseline: smoke(), result: perturbed,
                                                overrides: overrides("latency.*=±5%", "latency.p50=±1%"))
        #expect(verdict(comparison, "latency.p99") == .ok)
        #expect(verdict(comparison, "latency.stage.store_mean") == .ok)
        #expect(verdict(comparison, "latency.p50") == .regressed)
        #expect(verdict(comparison, "lift.auc") == .regressed)
        // The longer glob is the more specific.
        let nested = try BaselineComparison(baseline: smoke(), result: perturbed,
                                            overrides: overrides("latency.*=±5%", "latency.stage.*=±1%", "lift.?uc=5%"))
        #expect(verdict(nested, "latency.stage.store_mean") == .regressed)
        #expect(verdict(nested, "latency.p99") == .ok)
        #expect(verdict(nested, "lift.auc") == .ok)
    }

    @Test func toleranceMatchingNoMetricIsRefused() throws {
        #expect(throws: BaselineComparisonError.unmatchedTolerance("lift.top_segmnt")) {
            try BaselineComparison(baseline: smoke(), result: smoke(), overrides: overrides("lift.top_segmnt=±1%"))
        }
    }

    // MARK: - Wall clock

    @Test func wallClockPassesWithinFiftyPercentAndFailsBeyond() throws {
        let speed = "simulator.events_per_wall_second", seconds = "simulator.wall_seconds"
        let slower = try BaselineComparison(baseline: smoke(), result: smoke(wallClock: [speed: 1_500_000, seconds: 4.0]))
        #expect(slower.passed)
        #expect(verdict(slower, speed) == .ok)
        #expect(slower.table.rows.first { $0.metric == speed }?.limit == "≥ −50%")
        #expect(slower.table.rows.first { $0.metric == seconds }?.limit == "≤ +50%")
        let muchSlower = try BaselineComparison(baseline: smoke(), result: smoke(wallClock: [speed: 1_000_000, seconds: 4.5]))
        #expect(!muchSlower.passed)
        #expect(verdict(muchSlower, speed) == .regressed)
        #expect(verdict(muchSlower, seconds) == .regressed)
        // A faster machine is never a failure.
        let faster = try BaselineComparison(baseline: smoke(), result: smoke(wallClock: [speed: 9_000_000, seconds: 0.5]))
        #expect(faster.passed)
        // Overridable.
        let strict = try BaselineComparison(baseline: smoke(), result: smoke(wallClock: [speed: 2_000_000]),
                                            overrides: overrides("simulator.*=10%"))
        #expect(verdict(strict, speed) == .regressed)
    }

    // MARK: - Replications

    @Test func confidenceIntervalsWidenTheDefaultLimit() throws {
        // Baseline mean 1.0, half-width ≈ 0.248; result mean 1.3, half-width ≈ 0.248.
        let baseline = try makeSummary(replications: 3, metrics: ["lift.top_segment": [0.9, 1.0, 1.1]])
        let within = try makeSummary(replications: 3, metrics: ["lift.top_segment": [1.2, 1.3, 1.4]])
        let comparison = try BaselineComparison(baseline: baseline, result: within)
        #expect(comparison.passed)
        #expect(comparison.table.rows.first?.limit.hasPrefix("CI ±") == true)
        let beyond = try makeSummary(replications: 3, metrics: ["lift.top_segment": [0.35, 0.4, 0.45]])
        let regressed = try BaselineComparison(baseline: baseline, result: beyond)
        #expect(verdict(regressed, "lift.top_segment") == .regressed)
        let above = try makeSummary(replications: 3, metrics: ["lift.top_segment": [1.55, 1.6, 1.65]])
        #expect(verdict(try BaselineComparison(baseline: baseline, result: above), "lift.top_segment") == .improved)
    }

    // MARK: - Applicability and presence

    @Test func notApplicableOnBothSidesIsOkOnOneSideFails() throws {
        var baseline = try smoke()
        baseline.metrics["lift.auc"] = AggregateMetric([.notApplicable(reason: "a rule has no score")])
        let both = try BaselineComparison(baseline: baseline, result: baseline)
        #expect(verdict(both, "lift.auc") == .okNotApplicable)
        #expect(both.passed)
        let oneSide = try BaselineComparison(baseline: baseline, result: smoke())
        #expect(verdict(oneSide, "lift.auc") == .changed)
        #expect(!oneSide.passed)
    }

    @Test func missingMetricFailsAndNewMetricPasses() throws {
        var lacking = try smoke()
        lacking.metrics["lift.auc"] = nil
        let missing = try BaselineComparison(baseline: smoke(), result: lacking)
        #expect(verdict(missing, "lift.auc") == .missing)
        #expect(!missing.passed)
        let new = try BaselineComparison(baseline: lacking, result: smoke())
        #expect(verdict(new, "lift.auc") == .new)
        #expect(new.passed)
        // A metric unknown to the catalogue is compared too (after the known ones).
        var extra = try smoke()
        extra.metrics["zz.experimental"] = AggregateMetric([.value(1)])
        let unknown = try BaselineComparison(baseline: extra, result: extra)
        #expect(unknown.table.rows.last?.metric == "zz.experimental")
        #expect(unknown.passed)
    }

    // MARK: - Different experiments

    @Test func mismatchedSeedIsRefused() throws {
        let error = try #require(throws: BaselineComparisonError.self) {
            try BaselineComparison(baseline: smoke(), result: smoke(seed: 8))
        }
        #expect(error.fields == ["seed"])
        #expect(error.description.contains("seed differs (baseline 7, result 8)"))
    }

    @Test func everyDifferingIdentityFieldIsNamed() throws {
        let baseline = try makeSummary(metrics: [:])
        let other = try makeSummary(strategy: "rfm", replications: 2, schemaVersion: 2, metrics: [:])
        let error = try #require(throws: BaselineComparisonError.self) {
            try BaselineComparison(baseline: baseline, result: other)
        }
        #expect(error.fields == ["schema_version", "strategy", "replications"])
    }

    @Test func otherRunFactDifferencesAreNotedNotRefused() throws {
        let baseline = try smoke()
        var result = baseline
        result.segsimVersion = "0.5.0"
        result.run.pipeline = "4 partitions, 2 workers (range), store ×2"
        let comparison = try BaselineComparison(baseline: baseline, result: result)
        #expect(comparison.passed)
        #expect(comparison.notes.count == 2)
        #expect(comparison.notes.first == "segsim_version differs: baseline 0.4.0, now 0.5.0")
    }

    // MARK: - Tolerance syntax

    @Test(arguments: [
        ("lift.top_segment=±5%", "lift.top_segment", MetricTolerance(.relative(0.05))),
        ("lift.top_segment=+-5%", "lift.top_segment", MetricTolerance(.relative(0.05))),
        ("lift.top_segment=+/-2.5%", "lift.top_segment", MetricTolerance(.relative(0.025))),
        ("lift.top_segment=5%", "lift.top_segment", MetricTolerance(.relative(0.05), badDirectionOnly: true)),
        ("latency.p99=±0.01", "latency.p99", MetricTolerance(.absolute(0.01))),
        ("latency.p99=0.01", "latency.p99", MetricTolerance(.absolute(0.01), badDirectionOnly: true)),
        ("latency.*=±5%", "latency.*", MetricTolerance(.relative(0.05))),
        (" latency.p99 = ±.5% ", "latency.p99", MetricTolerance(.relative(0.005))),
    ])
    func toleranceParserAccepts(text: String, pattern: String, tolerance: MetricTolerance) throws {
        let parsed = try ToleranceOverride(parsing: text)
        #expect(parsed.pattern == pattern)
        #expect(parsed.tolerance == tolerance)
    }

    @Test(arguments: ["foo", "=5%", "lift.auc=", "lift.auc=±", "lift.auc=±x%", "lift.auc=-5%", "lift.auc=+5%",
                      "lift.auc=5%%", "lift.auc=nan", "lift.auc=inf", "lift.auc=1e3", "lift.auc=1.2.3", "lift auc=5%",
                      "lift.auc=5=5", "lift.auc=%"])
    func toleranceParserRejects(text: String) {
        #expect(throws: ToleranceSyntaxError(text: text)) { try ToleranceOverride(parsing: text) }
        #expect(ToleranceSyntaxError(text: "foo").description.hasPrefix("expected metric=±x% or metric=±x"))
        #expect(ToleranceSyntaxError(text: "foo").description.hasSuffix("got 'foo'"))
    }

    @Test func toleranceDescriptionReadsBack() throws {
        for text in ["a=±5%", "a=5%", "a=±0.01", "a=0.01", "a.*=±12.5%"] {
            #expect(try ToleranceOverride(parsing: text).description == text)
        }
    }

    @Test func globMatching() throws {
        let rule = try ToleranceOverride(parsing: "latency.*=±5%")
        #expect(rule.isGlob)
        #expect(rule.matches("latency.p99"))
        #expect(rule.matches("latency.stage.store_mean"))
        #expect(!rule.matches("lift.auc"))
        #expect(!rule.matches("latency"))
        let middle = try ToleranceOverride(parsing: "*.p9?=1%")
        #expect(middle.matches("latency.p99") && middle.matches("freshness.p90"))
        #expect(!middle.matches("latency.p999"))
        #expect(try !ToleranceOverride(parsing: "lift.auc=1%").isGlob)
    }
}
