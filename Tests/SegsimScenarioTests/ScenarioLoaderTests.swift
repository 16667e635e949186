import Foundation
import Testing
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
