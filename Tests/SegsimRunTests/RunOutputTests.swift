import Foundation
import Testing
import SegsimMetrics
import SegsimPipeline
import SegsimRun
import SegsimScenario

/// customers.csv, the dwell metrics and the run-phase speed.
@Suite struct RunOutputTests {
    @Test func customersCSVHasOneRowPerPatientAndTheLastSnapshotsOutcomes() throws {
        var scenario = smallHealthcareScenario(strategy: .lace)
        scenario.evaluation.customersCSV = true
        scenario.replications = 2
        let outcome = try ScenarioRun.run(scenario, topology: smallTopology)
        #expect(outcome.replications[1].customers == nil)
        let table = try #require(outcome.replications[0].customers)
        #expect(table.count == 40_000 && table.time == scenario.duration.seconds)

        let directory = temporaryResultsDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunResultWriter.write(outcome, scenarioFile: "health.yaml", to: directory)
        let text = try String(contentsOfFile: directory + "/customers.csv", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == 40_001)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "customer" && header.contains("lace") && header.contains("readmission_scheduled"))
        let column = { (name: String) in try #require(header.firstIndex(of: name)) }
        let segment = try column("segment"), score = try column("score"), outcomeColumn = try column("outcome")
        let lace = try column("lace"), hasDischarge = try column("has_discharge"), latentHigh = try column("latent_high")
        var positives = 0, high = 0
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == header.count)
            #expect(fields[0] == String(index))
            #expect(["high", "medium", "low"].contains(fields[segment]))
            #expect(["0", "1"].contains(fields[outcomeColumn]) && ["0", "1"].contains(fields[latentHigh]))
            if fields[outcomeColumn] == "1" { positives += 1 }
            // The LACE rule's score is the last discharge's LACE (−1 before one, or after death).
            let value = try #require(Double(fields[score]))
            if fields[hasDischarge] == "1", value >= 0 { #expect(value == Double(fields[lace])) }
            if fields[segment] == "high" {
                high += 1
                #expect(value >= 10)
            }
        }
        #expect(high > 0)
        // The outcome column is the last lift snapshot's outcome.
        let last = try #require(outcome.replications[0].lift.last)
        #expect(Double(positives) / 40_000 == last.outcomeRate)
        #expect(table.outcomeSnapshotTime == last.time)
    }

    /// The memory metrics state what the stores hold: retail features within the 128 bytes
    /// and a 32-byte dedup window; no delivery ledger unless events can repeat, then at most twice
    /// a window per customer (it grows by doubling); healthcare without idempotence keeps no windows.
    @Test func memoryMetricsStateWhatTheStoresHold() throws {
        let metric = { (outcome: RunOutcome, name: String) in try #require(outcome.aggregate[name]?.mean.number) }
        let clean = try ScenarioRun.run(smallRetailScenario(), topology: smallTopology)
        #expect(try metric(clean, "memory.feature_bytes_per_customer") == Double(RetailFeatureStore.stateBytesPerCustomer))
        #expect(try metric(clean, "memory.feature_bytes_per_customer") <= 128)
        #expect(try metric(clean, "memory.dedup_bytes_per_customer") == 32)
        #expect(try metric(clean, "memory.delivery_ledger_bytes_per_customer") == 0)

        var resending = smallTopology
        resending.producer.resendProbability = 0.05
        let resent = try ScenarioRun.run(smallRetailScenario(), topology: resending)
        let ledger = try metric(resent, "memory.delivery_ledger_bytes_per_customer")
        #expect(ledger > 0 && ledger <= 64, "\(ledger)")

        var unguarded = smallTopology
        unguarded.idempotent = false
        let healthcare = try ScenarioRun.run(smallHealthcareScenario(), topology: unguarded)
        #expect(try metric(healthcare, "memory.feature_bytes_per_customer")
            == Double(HealthcareFeatureStore.stateBytesPerCustomer))
        #expect(try metric(healthcare, "memory.dedup_bytes_per_customer") == 0)
    }

    @Test func retailCustomersCSVHasEmptyScoresForRules() throws {
        var scenario = smallRetailScenario(strategy: .rfm)
        scenario.evaluation.customersCSV = true
        let outcome = try ScenarioRun.run(scenario, topology: smallTopology)
        let directory = temporaryResultsDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunResultWriter.write(outcome, scenarioFile: "retail.yaml", to: directory)
        let text = try String(contentsOfFile: directory + "/customers.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 20_001)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.contains("recency_days") && header.contains("intent_level") && header.contains("true_purchase_rate_per_day"))
        let score = try #require(header.firstIndex(of: "score"))
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[score].isEmpty)
    }

    /// trace.csv holds every delivery of the traced customers — resent duplicates as unapplied
    /// rows — with stage times in order, the scoring step's drawn time between featurised and
    /// scored, and the segment written at the store write; tracing changes no metric.
    @Test func traceCSVFollowsEveryDeliveryOfTheTracedCustomers() throws {
        var scenario = smallRetailScenario()
        scenario.evaluation.traceCustomers = 500
        scenario.replications = 2
        var topology = smallTopology
        topology.scoring = .exponential(mean: 0.01)
        topology.producer.resendProbability = 0.05
        let outcome = try ScenarioRun.run(scenario, topology: topology)
        #expect(outcome.replications[1].trace == nil)
        let rows = try #require(outcome.replications[0].trace).rows
        #expect(rows.count > 1_000 && rows.allSatisfy { $0.record.event.customer < 500 })

        var untraced = scenario
        untraced.evaluation.traceCustomers = 0
        let plain = try ScenarioRun.run(untraced, topology: topology)
        #expect(plain.replications[0].trace == nil)
        #expect(plain.replications.map(\.metrics).map { $0.filter { !$0.key.hasPrefix("simulator.") } }
                == outcome.replications.map(\.metrics).map { $0.filter { !$0.key.hasPrefix("simulator.") } })

        let applied = rows.filter(\.applied)
        #expect(Set(applied.map(\.record.event.id)).count == applied.count, "each event applied once")
        let duplicates = rows.filter { !$0.applied }
        #expect(!duplicates.isEmpty && duplicates.allSatisfy { $0.record.delivery == .resent })
        #expect(Set(duplicates.map(\.record.event.id)).isSubset(of: Set(applied.map(\.record.event.id))))
        var scoring = 0.0
        for row in rows {
            let r = row.record
            #expect(r.event.time <= r.producerTime && r.producerTime <= r.sentTime && r.sentTime <= r.logArrival
                    && r.logArrival <= r.ingestTime && r.ingestTime <= r.readableTime
                    && r.readableTime <= r.processingStart && r.processingStart <= r.featurisedTime
                    && r.featurisedTime < r.processingEnd && r.processingEnd <= r.storeEnd)
            scoring += r.processingEnd - r.featurisedTime
            if row.applied {
                #expect(row.segment != nil && row.segmentTime == r.storeEnd)
            } else {
                #expect(row.segment == nil && row.segmentTime == nil)
            }
        }
        // ~2,000 Exp(0.01) draws: the mean is within 10% (over four standard errors).
        #expect(abs(scoring / Double(rows.count) - 0.01) < 0.001)

        let directory = temporaryResultsDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunResultWriter.write(outcome, scenarioFile: "retail.yaml", to: directory)
        let lines = try String(contentsOfFile: directory + "/trace.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == rows.count + 1)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.count == 21 && header.contains("featurised_s") && header.contains("scored_s"))
        for line in lines.dropFirst() { #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == 21) }
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = { (name: String) in try #require(header.firstIndex(of: name)) }
        #expect(try Double(first[column("end_to_end_s")]) == rows[0].record.endToEnd)
        #expect(try ["high", "medium", "low", ""].contains(first[column("segment")]))
    }

    /// The mean dwell of segment s is the snapshot interval over its exit share: time in s ÷ exits
    /// = interval × (customer-intervals in s) ÷ (customer-intervals in s × (1 − share s→s)).
    @Test func dwellMetricsMatchTheTransitionShares() throws {
        for (scenario, name) in [(smallRetailScenario(strategy: .logistic), "retail"),
                                 (smallHealthcareScenario(strategy: .lace), "healthcare")] {
            let outcome = try ScenarioRun.run(scenario, topology: smallTopology)
            let replication = try #require(outcome.replications.first)
            for (index, segment) in replication.segmentNames.enumerated() {
                let metric = try #require(replication.metrics[MetricCatalogue.dwellMetricName(segment: segment)], "\(name) \(segment)")
                let stay = replication.transitionShares[index][index]
                if let value = metric.number {
                    let expected = scenario.evaluation.snapshotEvery / (1 - stay)
                    #expect(abs(value - expected) <= 1e-9 * expected, "\(name) \(segment): \(value) vs \(expected)")
                } else {
                    // Not applicable only when nobody left the segment (or nobody was in it).
                    #expect(stay == 1 || stay == 0, "\(name) \(segment)")
                }
            }
            let summary = outcome.summary(file: "x")
            #expect(summary.metrics.keys.contains { $0.hasPrefix(MetricCatalogue.dwellPrefix) })
            #expect(summary.wallClock["simulator.pipeline_events_per_wall_second"]?.mean.number ?? 0 > 0)
        }
    }

    @Test func dwellMetricNamesAreStableSlugs() {
        #expect(MetricCatalogue.dwellMetricName(segment: "Can't Lose Them") == "stability.mean_dwell_cant_lose_them")
        #expect(MetricCatalogue.dwellMetricName(segment: "cluster 0") == "stability.mean_dwell_cluster_0")
        #expect(MetricCatalogue.dwellMetricName(segment: "high") == "stability.mean_dwell_high")
        let descriptor = MetricCatalogue.descriptor("stability.mean_dwell_high")
        #expect(descriptor?.unit == "s" && descriptor?.kind == .deterministic)
        #expect(MetricCatalogue.descriptor("stability.mean_dwell_") == nil)
        #expect(MetricCatalogue.descriptor("simulator.pipeline_events_per_wall_second")?.kind == .wallClock)
        let names = MetricCatalogue.descriptors(segments: ["high", "low"]).map(\.name)
        #expect(names.suffix(2) == ["stability.mean_dwell_high", "stability.mean_dwell_low"])
        #expect(names.count == MetricCatalogue.all.count + 2)
    }
}
