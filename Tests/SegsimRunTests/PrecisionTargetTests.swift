import Testing
import SegsimRun
import SegsimScenario

@Suite("Replicating until a metric is precise enough")
struct PrecisionTargetTests {
    @Test("Parsing accepts a deterministic metric and a share, and explains what is wrong otherwise")
    func parsing() throws {
        let target = try PrecisionTarget(parsing: "lift.top_segment=5%", maxReplications: 20)
        #expect(target.metric == "lift.top_segment" && target.relativeHalfWidth == 0.05 && target.maxReplications == 20)
        #expect(try PrecisionTarget(parsing: "latency.p99=0.02", maxReplications: 5).relativeHalfWidth == 0.02)
        for (text, cap) in [("lift.top_segment", 5), ("lift.nope=5%", 5), ("simulator.wall_seconds=5%", 5),
                            ("lift.top_segment=0%", 5), ("lift.top_segment=150%", 5), ("lift.top_segment=5%", 1)] {
            #expect(throws: RunError.self, "\(text)") { try PrecisionTarget(parsing: text, maxReplications: cap) }
        }
    }

    @Test("A loose target stops at two replications; a tight one runs to the cap and says it was missed")
    func stopsWhenMetOrAtTheCap() throws {
        let scenario = smallRetailScenario(strategy: .oracle)
        let loose = try ScenarioRun.run(scenario, topology: smallTopology,
                                        until: PrecisionTarget(parsing: "lift.top_segment=90%", maxReplications: 6))
        #expect(loose.replications.count == 2)
        #expect(loose.notes.contains { $0.hasPrefix("Replicated until") })
        let tight = try ScenarioRun.run(scenario, topology: smallTopology,
                                        until: PrecisionTarget(parsing: "lift.top_segment=0.01%", maxReplications: 3))
        #expect(tight.replications.map(\.replication) == [0, 1, 2])
        #expect(tight.notes.contains { $0.contains("NOT reached") })
        // The first two replications are the same in both runs: replication r depends only on (seed, r).
        #expect(tight.replications[1].metrics["lift.top_segment"] == loose.replications[1].metrics["lift.top_segment"])
    }
}
