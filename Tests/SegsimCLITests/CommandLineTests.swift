import Foundation
import Testing

@Suite("segsim on the command line", .serialized)
struct CommandLineTests {
    /// Writes `yaml` as a scenario file and validates it.
    func validate(_ yaml: String) throws -> Invocation {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try yaml.write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        return try segsim(["validate", folder + "/bad.yaml"])
    }

    @Test("Bad scenarios exit 2 naming the file, line, field and what is expected")
    func badScenarios() throws {
        let cases: [(yaml: String, expected: [String])] = [
            ("name: x\npipeline:\n  wokers: 4\n", ["bad.yaml:3:", "pipeline", "wokers", "did you mean 'workers'"]),
            ("name: x\npipeline: { workers: four }\n", ["pipeline.workers"]),
            ("name: x\npipeline: { partitions: 0 }\n", ["partitions", "≥ 1"]),
            ("name: x\nretail: { customers: 0 }\n", ["bad.yaml:2", "retail", "customers must be in [1, "]),
            ("name: x\nstrategy: { kind: lace }\n", ["strategy.kind", "does not apply to the retail domain"]),
            ("name: x\nduration: soon\n", ["duration", "not a duration"]),
            ("name: x\nload: { multiplier: -1 }\n", ["load", "multiplier must be > 0"]),
            ("name: x\nretail: { customers: 2000000000 }\n", ["customers", "estimated memory", "GB"]),
            ("name: x\nevaluation: { trace_customers: -1 }\n", ["evaluation.trace_customers", "must be ≥ 0, got -1"]),
            ("name: x\npipeline: { consumer: { scoring: { exponential: { mean: 0 } } } }\n",
             ["pipeline.consumer.scoring", "exponential mean must be > 0, got 0"]),
        ]
        for (yaml, expected) in cases {
            let result = try validate(yaml)
            #expect(result.status == 2, "\(yaml)")
            for fragment in expected {
                #expect(result.error.contains(fragment), "\(yaml): expected '\(fragment)' in: \(result.error)")
            }
        }
    }

    @Test("Every shipped scenario validates and runs at smoke size")
    func shippedScenariosRun() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/scenarios")
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(scenarios.count >= 6)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in scenarios {
            let path = "scenarios/" + name
            let validated = try segsim(["validate", path])
            #expect(validated.status == 0, "\(name): \(validated.error)")
            let domain = validated.output.contains("healthcare") ? "healthcare" : "retail"
            let run = try segsim(["run", path, "--dir", folder + "/" + name, "--quiet"] + smokeSize(domain: domain))
            #expect(run.status == 0, "\(name): \(run.error)")
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name + "/summary.json"), "\(name)")
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name + "/report.html"), "\(name)")
        }
    }

    @Test("A run that fails validation writes nothing")
    func failedRunWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try segsim(["run", "scenarios/ci-smoke.yaml", "--set", "pipeline.workers=0", "--dir", folder + "/run"])
        #expect(result.status == 2)
        #expect(result.error.contains("pipeline.workers"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("A run with idle workers warns on standard error, runs, and keeps the warning in its notes")
    func idleWorkersWarn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try segsim(["run", "scenarios/ci-smoke.yaml", "--set", "pipeline.partitions=2", "--set", "pipeline.workers=5",
                                 "--dir", folder + "/run", "--quiet"] + smokeSize(domain: "retail"))
        #expect(result.status == 0, "\(result.error)")
        let warning = "pipeline.workers: 5 workers for 2 partitions leave 3 idle (2–4)"
        #expect(result.error.contains("segsim: warning: scenarios/ci-smoke.yaml: " + warning), "\(result.error)")
        let summary = try String(contentsOfFile: folder + "/run/summary.json", encoding: .utf8)
        #expect(summary.contains(warning))
    }

    @Test("check passes an identical result and fails a perturbed one")
    func check() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try segsim(["run", "scenarios/ci-smoke.yaml", "--dir", folder + "/a", "--quiet"]).status == 0)
        let same = try segsim(["check", folder + "/a", "--baseline", folder + "/a/summary.json"])
        #expect(same.status == 0, "\(same.output)")
        let perturbed = try segsim(["run", "scenarios/ci-smoke.yaml", "--dir", folder + "/b", "--quiet",
                                    "--set", "pipeline.store.write={ exponential: { mean: 0.02 } }"])
        #expect(perturbed.status == 0)
        let regression = try segsim(["check", folder + "/b", "--baseline", folder + "/a/summary.json",
                                     "--tolerance", "simulator.*=±1000%"])
        #expect(regression.status == 1)
        #expect(regression.output.contains("latency.p99") && regression.output.contains("regressed"))
    }

    /// A sweep small enough for a test: two loads × two store sizes of the smoke scenario.
    let sweepArguments = ["scenarios/ci-smoke.yaml", "--vary", "load.multiplier=1,3", "--vary", "pipeline.workers=1,2",
                          "--slo", "p99<=1s", "--slo", "dropped=0", "--set", "retail.customers=2000", "--quiet"]

    @Test("A sweep run as shards and merged equals the sweep run whole")
    func shardsMergeToTheWholeSweep() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = try segsim(["sweep"] + sweepArguments + ["--dir", folder + "/whole"])
        #expect(whole.status == 0, "\(whole.error)")
        for shard in ["1/2", "2/2"] {
            let part = try segsim(["sweep"] + sweepArguments + ["--dir", folder + "/sharded", "--shard", shard])
            #expect(part.status == 0, "\(part.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/sharded/sweep-summary.json"))
        let merged = try segsim(["merge", folder + "/sharded"])
        #expect(merged.status == 0, "\(merged.error)")
        let analysis = { (path: String) throws -> Any? in
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/sweep-summary.json")))
            return (json as? [String: Any])?["analysis"]
        }
        let a = try #require(analysis(folder + "/whole") as? NSDictionary)
        let b = try #require(analysis(folder + "/sharded") as? NSDictionary)
        #expect(a == b)
        let csv = try String(contentsOfFile: folder + "/whole/capacity.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 5)
        let report = try String(contentsOfFile: folder + "/whole/report.html", encoding: .utf8)
        #expect(report.components(separatedBy: "<svg").count - 1 == 4)
    }

    @Test("merge refuses a sweep with missing points and lists them; sweep refuses bad --vary and --point")
    func sweepBadInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try segsim(["sweep"] + sweepArguments + ["--dir", folder + "/s", "--point", "2"]).status == 0)
        let merged = try segsim(["merge", folder + "/s"])
        #expect(merged.status == 2)
        #expect(merged.error.contains("3 of 4 points have not run: 0, 1, 3"))
        let badPoint = try segsim(["sweep"] + sweepArguments + ["--dir", folder + "/t", "--point", "9"])
        #expect(badPoint.status == 2 && badPoint.error.contains("--point"))
        let badValue = try segsim(["sweep", "scenarios/ci-smoke.yaml", "--vary", "pipeline.workers=2,0", "--dir", folder + "/u"])
        #expect(badValue.status == 2 && badValue.error.contains("point 1") && badValue.error.contains("pipeline.workers"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/u"))
        let badObjective = try segsim(["sweep", "scenarios/ci-smoke.yaml", "--vary", "load.multiplier=1,2", "--slo", "p98<1s"])
        #expect(badObjective.status == 2 && badObjective.error.contains("p98"))
    }

    @Test("compare runs strategies on identical customers and writes the comparison")
    func compare() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try segsim(["compare", "scenarios/ci-smoke.yaml", "--strategies", "rfm,oracle", "--replications", "2",
                                 "--dir", folder + "/c", "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("lift.top_segment"))
        for file in ["comparison.json", "comparison.csv", "report.html", "runs/rfm/summary.json", "runs/oracle/summary.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/c/" + file), "\(file)")
        }
        // Same customers: the offered load is identical for both strategies.
        let rows = try String(contentsOfFile: folder + "/c/comparison.csv", encoding: .utf8).split(separator: "\n")
        let throughput = rows.filter { $0.hasPrefix("throughput.segmented_per_second,") }.map { $0.split(separator: ",")[2] }
        #expect(throughput.count == 2 && throughput[0] == throughput[1])
        let wrongDomain = try segsim(["compare", "scenarios/ci-smoke.yaml", "--strategies", "rfm,lace"])
        #expect(wrongDomain.status == 2 && wrongDomain.error.contains("strategy.kind"))
    }
}
