import Foundation
import Testing
import SegsimMetrics
import SegsimRun

@Suite("Sweep plans, objectives and capacity")
struct SweepTests {
    @Test("Axes parse lists and inclusive ranges without drift")
    func axes() throws {
        #expect(try SweepAxis(parsing: "load.multiplier=0.5:2:0.5").values == ["0.5", "1", "1.5", "2"])
        #expect(try SweepAxis(parsing: "load.multiplier=0.1:0.3:0.1").values == ["0.1", "0.2", "0.3"])
        #expect(try SweepAxis(parsing: "pipeline.workers=2, 4,8").values == ["2", "4", "8"])
        #expect(try SweepAxis(parsing: "strategy.kind=rfm,logistic").numbers == nil)
        for bad in ["workers", "=1,2", "pipeline.workers=", "load.multiplier=2:1:0.5", "load.multiplier=1:2:0",
                    "load.multiplier=a:2:1", "pipeline.workers=2,2"] {
            #expect(throws: RunError.self, "\(bad)") { try SweepAxis(parsing: bad) }
        }
    }

    @Test("Points are the cartesian product, last axis fastest; shards partition them")
    func grid() throws {
        let plan = try SweepPlan(scenarioFile: "s.yaml", scenarioName: "s", seed: 1, overrides: ["seed=3"],
                                 axes: [SweepAxis(key: "load.multiplier", values: ["1", "2", "3"]),
                                        SweepAxis(key: "pipeline.workers", values: ["2", "4"])],
                                 objectives: [])
        #expect(plan.pointCount == 6)
        #expect(plan.coordinates(of: 3) == [1, 1])
        #expect((0..<6).allSatisfy { plan.index(of: plan.coordinates(of: $0)) == $0 })
        #expect(plan.settings(of: 3) == ["seed=3", "load.multiplier=2", "pipeline.workers=4"])
        #expect(plan.loadAxis == 0)
        #expect(plan.load(of: 5) == 3)
        #expect(plan.configurations == [[0, 2, 4], [1, 3, 5]])
        #expect(plan.configurationLabel(of: 3) == "pipeline.workers=4")
        let shards = (1...4).flatMap { plan.points(shard: $0, of: 4) }.sorted()
        #expect(shards == Array(0..<6))
        #expect(throws: RunError.self) {
            try SweepPlan(scenarioFile: "s.yaml", scenarioName: "s", seed: 1, overrides: [],
                          axes: [SweepAxis(key: "a", values: ["1"]), SweepAxis(key: "a", values: ["2"])], objectives: [])
        }
    }

    @Test("Objectives parse short names, units and percentages; bad ones say what is expected")
    func objectives() throws {
        let p99 = try ServiceLevelObjective(parsing: "p99 <= 250ms")
        #expect(p99.metric == "latency.p99" && p99.comparison == .atMost && abs(p99.bound - 0.25) < 1e-12)
        #expect(try ServiceLevelObjective(parsing: "slo-compliance>=99.5%").bound == 0.995)
        #expect(try ServiceLevelObjective(parsing: "dropped=0").metric == "accounting.lost")
        #expect(try ServiceLevelObjective(parsing: "lag-trend<=0").metric == "pipeline.consumer_lag_trend")
        #expect(try ServiceLevelObjective(parsing: "latency.max<2m").bound == 120)
        #expect(p99.holds(.value(0.2)) && !p99.holds(.value(0.3)) && !p99.holds(.notApplicable(reason: "none")))
        for bad in ["p99", "p98<=1s", "p99<=fast", "utilisation<=1s"] {
            #expect(throws: RunError.self, "\(bad)") { try ServiceLevelObjective(parsing: bad) }
        }
    }

    @Test("A trend objective fails only when the slope is significantly above the bound")
    func trendObjective() throws {
        let objective = try ServiceLevelObjective(parsing: "lag-trend<=0")
        let flat = try LinearTrend(times: [0, 1, 2, 3], values: [1, 3, 2, 5])   // slope 1.1 ± 2.2
        let growing = try LinearTrend(times: [0, 1, 2, 3], values: [0, 10, 20, 30.5])
        #expect(objective.holds(.value(flat.slope), trend: flat))
        #expect(!objective.holds(.value(growing.slope), trend: growing))
    }

    @Test("Capacity is the last load before the first failure; demand the first configuration covering a load")
    func analysis() throws {
        let plan = try SweepPlan(scenarioFile: "s.yaml", scenarioName: "s", seed: 1, overrides: [],
                                 axes: [SweepAxis(key: "pipeline.workers", values: ["2", "4"]),
                                        SweepAxis(key: "load.multiplier", values: ["1", "2", "3", "4"])],
                                 objectives: [ServiceLevelObjective(parsing: "p99<=1s")])
        // workers=2 passes at loads 1, 2, fails at 3, passes again at 4 (noise); workers=4 passes everywhere.
        let passes = [true, true, false, true, true, true, true, true]
        let points = passes.enumerated().map { index, pass in
            SweepPointResult(index: index, label: plan.label(of: index), load: plan.load(of: index), metrics: [:],
                             verdicts: [.init(objective: "p99<=1s", value: .value(pass ? 0.5 : 2), holds: pass)])
        }
        let analysis = SweepAnalysis(plan: plan, points: points)
        #expect(analysis.capacities.map(\.capacity) == [2, 4])
        #expect(analysis.capacities.map(\.atLeast) == [false, true])
        #expect(analysis.capacities.map(\.nonMonotone) == [true, false])
        #expect(analysis.demands.map(\.configuration) == ["pipeline.workers=2", "pipeline.workers=2",
                                                          "pipeline.workers=4", "pipeline.workers=4"])
        // Without workers=4 nothing covers loads 3 and 4.
        let partial = SweepAnalysis(plan: plan, points: Array(points.prefix(4)))
        #expect(partial.demands.map(\.configuration) == ["pipeline.workers=2", "pipeline.workers=2", nil, nil])
    }

    /// An M/M/c profile store: customers' events (≈ Poisson in aggregate, flat rates) reach a store
    /// of c writers with exponential writes of mean m, every other stage negligible. It saturates
    /// where the offered rate reaches c/m; a capacity search with `latency-trend<=0` must put the
    /// capacity at the last grid load below that rate and the first failure just above it.
    @Test("A capacity search on an M/M/c store finds the analytic saturation point c/m")
    func saturationOfMMc() throws {
        let mean = 1.406
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segsim-sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/mmc.yaml"
        try """
        name: mmc
        seed: 11
        duration: 1d
        retail: { customers: 20000, acquisition: { before: 2w, after: 0 } }
        pipeline: { store: { write: { exponential: { mean: \(mean) } }, concurrency: 1 } }
        strategy: { kind: rfm }
        evaluation: { horizon: 1d, lift_every: 1d, snapshot_every: 6h, window: 1h }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let plan = try SweepPlan(scenarioFile: file, scenarioName: "mmc", seed: 11, overrides: [],
                                 axes: [SweepAxis(key: "pipeline.store.concurrency", values: ["1", "2"]),
                                        SweepAxis(parsing: "load.multiplier=0.25:5:0.25")],
                                 objectives: [ServiceLevelObjective(parsing: "latency-trend<=0")])
        let points = try SweepRunner.run(plan, mode: .capacitySearch, directory: folder + "/sweep")
        let byIndex = Dictionary(uniqueKeysWithValues: points.map { ($0.index, $0) })
        let analysis = SweepAnalysis(plan: plan, points: points)
        for (c, group) in zip([1.0, 2.0], plan.configurations) {
            let saturation = c / mean
            let capacity = try #require(analysis.capacities[Int(c) - 1].capacity)
            let position = try #require(group.firstIndex { plan.load(of: $0) == capacity })
            let passing = try #require(byIndex[group[position]])
            let failing = try #require(byIndex[group[position + 1]], "the search evaluates the load above the capacity")
            let offered = { (p: SweepPointResult) in p.metrics["throughput.generated_per_second"]?.mean.number ?? .nan }
            #expect(offered(passing) < saturation, "c=\(c): capacity load \(capacity) offers \(offered(passing)) ≥ c/m = \(saturation)")
            #expect(offered(failing) > saturation, "c=\(c): load \(failing.load) offers \(offered(failing)) ≤ c/m = \(saturation)")
            #expect(!failing.meetsObjectives)
            #expect(points.filter { group.contains($0.index) }.count <= 6, "bisection, not the whole grid")
        }
    }
}
