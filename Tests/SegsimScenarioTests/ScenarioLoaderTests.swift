import Foundation
import Testing
import SegsimBehaviour
import SegsimScenario

@Suite struct ScenarioLoaderTests {
    /// The repository root, found from this file's location (tests run from any directory).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["retail", "healthcare", "ci-smoke"])
    func shippedScenariosLoad(name: String) throws {
        let scenario = try ScenarioLoader.load(path: Self.root.appendingPathComponent("scenarios/\(name).yaml").path)
        #expect(scenario.name == name)
        #expect(scenario.duration.seconds > 0)
    }

    @Test func defaultsFillMissingKeys() throws {
        let scenario = try ScenarioLoader.decode(yaml: "name: tiny\nretail: { customers: 10 }\n", file: "tiny.yaml")
        #expect(scenario.retail.customers == 10 && scenario.retail.purchases.r == 0.243 && scenario.seed == 1)
        #expect(scenario.duration.seconds == 7 * 86_400)
    }

    static func message(_ yaml: String) -> String {
        do {
            _ = try ScenarioLoader.decode(yaml: yaml, file: "bad.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func badValuesNameFileLineFieldAndValue() {
        let negative = Self.message("name: x\nretail:\n  purchases:\n    alpha: -1\n")
        #expect(negative.hasPrefix("bad.yaml:4:"), "\(negative)")
        #expect(negative.contains("purchases.alpha") && negative.contains("-1"), "\(negative)")

        let unknown = Self.message("name: x\nretail:\n  custmers: 5\n")
        #expect(unknown.contains("bad.yaml:3") && unknown.contains("did you mean 'customers'?"), "\(unknown)")

        let wrongType = Self.message("name: x\nseed: lots\n")
        #expect(wrongType.contains("bad.yaml:2") && wrongType.contains("seed"), "\(wrongType)")

        let duration = Self.message("name: x\nduration: 3 fortnights\n")
        #expect(duration.contains("duration") && duration.contains("fortnights"), "\(duration)")

        let syntax = Self.message("name: x\nretail: { customers: 5\n")
        #expect(syntax.contains("YAML syntax") && syntax.hasPrefix("bad.yaml:"), "\(syntax)")

        let topLevel = Self.message("name: x\npipline: {}\n")
        #expect(topLevel.contains("pipline"), "\(topLevel)")

        let badName = Self.message("name: ../etc\n")
        #expect(badName.contains("name"), "\(badName)")

        let missingFile = (try? ScenarioLoader.load(path: "/nonexistent/x.yaml")) == nil
        #expect(missingFile)
    }
}

@Suite struct ScenarioIndependenceTests {
    static func retailDigest(_ yaml: String) throws -> UInt64 {
        let scenario = try ScenarioLoader.decode(yaml: yaml, file: "x.yaml")
        var stream = EventStream(model: try RetailBehaviour(parameters: scenario.retail, runSeed: scenario.seed))
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        while let e = stream.next(notAfter: scenario.duration.seconds) {
            for word in [e.id, e.time.bitPattern, UInt64(e.kind.rawValue), UInt64(e.amount.bitPattern)] {
                hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    @Test func healthcareParametersDoNotChangeRetailEvents() throws {
        let base = "name: x\nseed: 3\nduration: 1d\nretail: { customers: 2000 }\n"
        let a = try Self.retailDigest(base)
        let b = try Self.retailDigest(base + "healthcare: { patients: 10 }\n")
        let c = try Self.retailDigest(base.replacingOccurrences(of: "seed: 3", with: "seed: 4"))
        #expect(a == b)
        #expect(a != c)
    }
}

@Suite("Merging a section over its defaults")
struct ScenarioMergeTests {
    func load(_ yaml: String, _ overrides: [String] = []) throws -> Scenario {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segsim-merge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name: base\nstrategy: { cadence: { nightly: 2h } }\nretail: { time_profile: { daily: { sinusoid: { amplitude: 0.5, peak_hour: 20 } } } }\n"
            .write(toFile: folder + "/base.yaml", atomically: true, encoding: .utf8)
        try yaml.write(toFile: folder + "/top.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: folder + "/top.yaml", overrides: overrides.map(ScenarioOverride.init(parsing:)))
    }

    @Test("A partial pipeline section keeps the default pipeline's other values")
    func partialPipeline() throws {
        let scenario = try load("name: x\npipeline: { workers: 3 }\n")
        var expected = Scenario.defaultPipeline
        expected.workers = 3
        #expect(scenario.pipeline == expected)
        let overridden = try load("name: x\n", ["pipeline.store.concurrency=2"])
        #expect(overridden.pipeline.storeConcurrency == 2)
        #expect(overridden.pipeline.store == Scenario.defaultPipeline.store)
    }

    @Test("A one-of value replaces the default or base form instead of merging beside it")
    func oneOfValuesReplace() throws {
        let store = try load("name: x\n", ["pipeline.store.write={ lognormal: { mean: 0.003, sd: 0.001 } }"])
        #expect(store.pipeline.store == .lognormal(mean: 0.003, standardDeviation: 0.001))
        let cadence = try load("base: base.yaml\nname: x\nstrategy: { cadence: { micro_batch: 5m } }\n")
        #expect(cadence.strategy.cadence == .microBatch(seconds: 300))
        let daily = try load("base: base.yaml\nname: x\nretail: { time_profile: { daily: { hourly: [\(Array(repeating: "1", count: 24).joined(separator: ", "))] } } }\n")
        #expect(daily.retail.timeProfile?.daily == .hourly(Array(repeating: 1, count: 24)))
    }
}
