import SegsimKernel
import SegsimMetrics
import SegsimPipeline
import SegsimScenario

extension Replication {
    /// Turns the accumulated windows, snapshots and pipeline result into a ``ReplicationResult``.
    func summarise(_ pipeline: PipelineResult, delivery: DeliveryAccounting, wallSeconds: Double) -> ReplicationResult {
        var metrics: [String: MetricValue] = [:]
        var notes: [String] = pipeline.warnings.map(\.description) + Domain.notes
        let runWindows = Int((duration / evaluation.window).rounded(.up))

        // Warm-up, in whole windows.
        let cut: Int
        switch evaluation.warmup {
        case let .fixed(seconds):
            cut = min(runWindows, Int((seconds / evaluation.window).rounded(.up)))
        case .automatic:
            let series = windows.prefix(runWindows).map { $0.latency.count > 0 ? $0.latency.mean : 0 }
            cut = (try? MSER5.truncation(Array(series))) ?? 0
        }
        let warmupSeconds = Double(cut) * evaluation.window
        var latency = LatencyHistogram(resolution: 1e-5)
        var segmented = 0, withinSLO = 0
        for window in windows.dropFirst(cut) {
            latency.merge(window.latency)
            segmented += window.segmented
            withinSLO += window.withinSLO
        }
        let measured = duration - warmupSeconds
        metrics["throughput.generated_per_second"] = .value(Double(pipelineEvents) / duration)
        metrics["throughput.segmented_per_second"] = measured > 0 ? .value(Double(segmented) / measured)
            : .notApplicable(reason: "the warm-up covers the whole run")
        if latency.count > 0 {
            let named = [("p50", 50.0), ("p90", 90), ("p95", 95), ("p99", 99), ("p999", 99.9)]
            let summary = latency.summary(percentiles: named.map(\.1))
            for ((name, _), value) in zip(named, summary.percentiles) { metrics["latency.\(name)"] = .value(value) }
            metrics["latency.max"] = .value(summary.maximum)
            metrics["latency.mean"] = .value(latency.mean)
            metrics["latency.slo_compliance"] = .value(Double(withinSLO) / Double(segmented))
        } else {
            for name in ["p50", "p90", "p95", "p99", "p999", "max", "mean", "slo_compliance"] {
                metrics["latency.\(name)"] = .notApplicable(reason: "no event was segmented after the warm-up")
            }
        }
        metrics["latency.stage.append_mean"] = .value(pipeline.append.tally.mean)
        metrics["latency.stage.processing_mean"] = .value(pipeline.processing.tally.mean)
        // Free scoring records nothing: every scoring latency was 0.
        metrics["latency.stage.scoring_mean"] = .value(pipeline.scoring.tally.count > 0 ? pipeline.scoring.tally.mean : 0)
        metrics["latency.stage.store_mean"] = .value(pipeline.store.tally.mean)
        metrics["pipeline.utilisation_max"] = .value(pipeline.workerUtilisation.max() ?? 0)
        metrics["pipeline.consumer_lag_mean"] = .value(pipeline.meanConsumerLag.reduce(0, +))

        // Stability.
        let rows = stability.rows
        let flips = rows.compactMap(\.flipRate), aris = rows.compactMap(\.adjustedRandIndex)
        metrics["stability.flip_rate"] = flips.isEmpty ? .notApplicable(reason: "only one stability snapshot")
            : .value(flips.reduce(0, +) / Double(flips.count))
        metrics["stability.adjusted_rand_index"] = aris.isEmpty ? .notApplicable(reason: "only one stability snapshot")
            : .value(aris.reduce(0, +) / Double(aris.count))
        metrics["stability.psi_final"] = rows.last?.populationStabilityIndex.map { .value($0) }
            ?? .notApplicable(reason: "no stability snapshot with customers")
        // Dwell: mean stay per segment by the exit-rate estimator over the stability snapshots.
        let dwell = stability.transitions.meanDwellTimes(snapshotInterval: evaluation.snapshotEvery)
        for (index, name) in segmenter.segmentNames.enumerated() where index < dwell.count {
            metrics[MetricCatalogue.dwellMetricName(segment: name)] = dwell[index]
        }

        // Lift, averaged over the lift snapshots.
        func mean(_ values: [Double?], _ reason: String) -> MetricValue {
            let present = values.compactMap { $0 }
            return present.isEmpty ? .notApplicable(reason: reason) : .value(present.reduce(0, +) / Double(present.count))
        }
        let noScore = "the \(segmenter.name) strategy has no score"
        metrics["lift.outcome_rate"] = mean(liftRows.map(\.outcomeRate), "no lift snapshot")
        metrics["lift.top_segment"] = mean(liftRows.map(\.topLift), "the top segment was empty or nobody had the outcome")
        metrics["lift.oracle_top_segment"] = mean(liftRows.map(\.oracleTopLift), "nobody had the outcome")
        metrics["lift.oracle_share"] = oracleShare(strategyTopLift: metrics["lift.top_segment"]!,
                                                   oracleTopLift: metrics["lift.oracle_top_segment"]!)
        metrics["lift.auc"] = segmenter.hasScore ? mean(liftRows.map(\.auc), "nobody had the outcome")
            : .notApplicable(reason: noScore)
        metrics["lift.oracle_auc"] = mean(liftRows.map(\.oracleAUC), "nobody had the outcome")
        // The grid is 0, 5, …, 100%: index 2 is the top 10%.
        metrics["lift.gains_at_10_percent"] = mean(liftRows.map { $0.gains.count > 2 ? $0.gains[2] : nil }, "no gains curve")
        metrics["lift.top_precision"] = mean(liftRows.map(\.topPrecision), "the top segment was empty")
        metrics["lift.top_recall"] = mean(liftRows.map(\.topRecall), Domain.noLatentHighReason)
        if segmenter.readsGroundTruth {
            notes.append("The oracle reads the ground truth: its results are an upper bound, not a strategy to deploy.")
        }

        // Freshness.
        let samples = book.freshness.sorted()
        let rises = samples.count + book.undetected
        func quantile(_ q: Double) -> MetricValue {
            guard !samples.isEmpty else { return .notApplicable(reason: "no latent rise was detected") }
            // The nearest-rank percentile: the ⌈q·n⌉-th smallest sample.
            let rank = Int((q * Double(samples.count)).rounded(.up))
            return .value(samples[min(samples.count, max(1, rank)) - 1])
        }
        metrics["freshness.p50"] = quantile(0.5)
        metrics["freshness.p90"] = quantile(0.9)
        metrics["freshness.undetected_share"] = rises > 0 ? .value(Double(book.undetected) / Double(rises))
            : .notApplicable(reason: Domain.noRiseReason)

        metrics["accounting.generated"] = .value(Double(delivery.produced))
        metrics["accounting.delivered"] = .value(Double(delivery.delivered))
        metrics["accounting.applied"] = .value(Double(delivery.applied))
        metrics["accounting.redelivered"] = .value(Double(delivery.redelivered))
        metrics["accounting.deduplicated"] = .value(Double(delivery.deduplicated))
        metrics["accounting.applied_twice"] = .value(Double(delivery.appliedTwice))
        metrics["accounting.lost"] = .value(Double(delivery.lost))
        if delivery.appliedTwice > 0 {
            notes.append("Idempotence is off: \(delivery.appliedTwice) deliveries were applied twice to the features.")
        }
        let bytes = Domain.bytesPerCustomer(features)
        metrics["memory.feature_bytes_per_customer"] = .value(Double(bytes.features))
        metrics["memory.dedup_bytes_per_customer"] = .value(Double(bytes.dedup))
        metrics["memory.delivery_ledger_bytes_per_customer"] = .value(Double(self.pipeline.ledgerBytes) / Double(max(1, customers)))
        metrics["simulator.events_per_wall_second"] = .value(Double(stream.delivered) / max(wallSeconds, 1e-9))
        metrics["simulator.wall_seconds"] = .value(wallSeconds)
        metrics["simulator.pipeline_events_per_wall_second"] = .value(Double(pipelineEvents) / max(runPhaseWallSeconds, 1e-9))

        let pipelineWindows = pipeline.timeline?.windows ?? []
        // Sorted: a Set's order changes between processes, and sums must add up in the same order.
        let owners = Set(pipeline.topology.workerOfPartition()).sorted()
        let timeseries = windows.enumerated().map { index, window in
            let flow = index < pipelineWindows.count ? pipelineWindows[index] : nil
            let busy = owners.compactMap { flow?.busyShare[$0] }
            let latency = window.latency.count > 0 ? window.latency.summary(percentiles: [50, 90, 99]) : nil
            return TimeseriesRow(
                start: Double(index) * evaluation.window, generated: window.generated,
                appended: flow?.appended ?? 0, processed: flow?.processed ?? 0,
                segmented: window.segmented,
                latencyP50: latency?.percentiles[0], latencyP90: latency?.percentiles[1],
                latencyP99: latency?.percentiles[2], latencyMax: latency?.maximum,
                sloCompliance: window.segmented > 0 ? Double(window.withinSLO) / Double(window.segmented) : nil,
                consumerLag: flow?.meanLag.reduce(0, +) ?? 0,
                utilisation: busy.isEmpty ? 0 : busy.reduce(0, +) / Double(busy.count),
                partitionLag: flow?.meanLag ?? Array(repeating: 0, count: pipeline.topology.partitions),
                workerUtilisation: flow?.busyShare ?? Array(repeating: 0, count: pipeline.topology.workers))
        }
        let k = stability.segmentCount
        let shares = (0..<k).map { from in stability.transitions.rowShares(from: from).map { $0.number ?? 0 } }
        var result = ReplicationResult(
            replication: replication, metrics: metrics, timeseries: timeseries, segments: rows, lift: liftRows,
            segmentNames: segmenter.segmentNames, transitionShares: shares, warmupSeconds: warmupSeconds,
            notes: notes, customers: customerTable, trace: trace.customers > 0 ? trace : nil)
        for trend in TrendMetric.allCases {
            result.metrics[trend.rawValue] = trend.trend(of: result, duration: duration, window: evaluation.window)
                .map { .value($0.slope) } ?? .notApplicable(reason: "fewer than three windows with a value after the warm-up")
        }
        return result
    }
}
