/// What each summary metric means: its unit, which way is better, and whether it is a pure
/// function of (scenario, seed, code) or depends on the machine (wall-clock speed).
public struct MetricDescriptor: Sendable, Equatable {
    /// How a metric may vary between two runs of the same inputs.
    public enum Kind: String, Sendable, Codable {
        /// Deterministic: computed in virtual time or from segments; identical for identical inputs.
        case deterministic
        /// Measured on the wall clock: varies with the machine and its load.
        case wallClock = "wall_clock"
    }

    /// Which direction is an improvement, for regression checks.
    public enum Direction: String, Sendable, Codable {
        case higherIsBetter = "higher"
        case lowerIsBetter = "lower"
        /// Neither (a rate of the input, a count): any change is reported.
        case neutral
    }

    /// The metric's name in `summary.json`.
    public var name: String
    /// Its unit (`s`, `events/s`, `share`, `ratio`, `count`).
    public var unit: String
    /// Deterministic or wall-clock.
    public var kind: Kind
    /// Which way is better.
    public var direction: Direction
    /// One line for reports and `segsim check`.
    public var summary: String
}

/// Every metric a run reports, in report order.
public enum MetricCatalogue {
    /// The descriptors, in report order.
    public static let all: [MetricDescriptor] = [
        .init(name: "throughput.generated_per_second", unit: "events/s", kind: .deterministic, direction: .neutral,
              summary: "events generated per second of virtual time (the offered load)"),
        .init(name: "throughput.segmented_per_second", unit: "events/s", kind: .deterministic, direction: .higherIsBetter,
              summary: "events whose segment was written, per second of virtual time"),
        .init(name: "latency.p50", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "median end-to-end latency (segment time − event time), after warm-up"),
        .init(name: "latency.p90", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "90th percentile latency"),
        .init(name: "latency.p95", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "95th percentile latency"),
        .init(name: "latency.p99", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "99th percentile latency"),
        .init(name: "latency.p999", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "99.9th percentile latency"),
        .init(name: "latency.max", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "largest latency"),
        .init(name: "latency.mean", unit: "s", kind: .deterministic, direction: .lowerIsBetter, summary: "mean latency"),
        .init(name: "latency.slo_compliance", unit: "share", kind: .deterministic, direction: .higherIsBetter,
              summary: "share of events segmented within the SLO bound"),
        .init(name: "latency.stage.append_mean", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "mean time from event to log append"),
        .init(name: "latency.stage.processing_mean", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "mean time from append to end of processing (waiting + service)"),
        .init(name: "latency.stage.scoring_mean", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "mean time from featurised to scored (the strategy's scoring step)"),
        .init(name: "latency.stage.store_mean", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "mean time from end of processing to the profile-store write"),
        .init(name: "pipeline.utilisation_max", unit: "share", kind: .deterministic, direction: .lowerIsBetter,
              summary: "busy share of the busiest worker"),
        .init(name: "pipeline.consumer_lag_mean", unit: "records", kind: .deterministic, direction: .lowerIsBetter,
              summary: "time-average consumer lag summed over partitions"),
        .init(name: TrendMetric.consumerLag.rawValue, unit: "records/s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "slope of the per-window consumer lag over the run (≈ 0 when the workers keep up)"),
        .init(name: TrendMetric.latency.rawValue, unit: "s/s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "slope of the per-window median latency over the run (≈ 0 when no backlog grows anywhere)"),
        .init(name: "stability.flip_rate", unit: "share", kind: .deterministic, direction: .lowerIsBetter,
              summary: "mean share of customers changing segment between consecutive snapshots"),
        .init(name: "stability.adjusted_rand_index", unit: "index", kind: .deterministic, direction: .higherIsBetter,
              summary: "mean adjusted Rand index between consecutive snapshots"),
        .init(name: "stability.psi_final", unit: "index", kind: .deterministic, direction: .lowerIsBetter,
              summary: "population stability index of the last snapshot's sizes against the first"),
        .init(name: "lift.outcome_rate", unit: "share", kind: .deterministic, direction: .neutral,
              summary: "share of customers with the outcome within the horizon (mean over lift snapshots)"),
        .init(name: "lift.top_segment", unit: "ratio", kind: .deterministic, direction: .higherIsBetter,
              summary: "outcome rate of the top segment ÷ overall rate"),
        .init(name: "lift.oracle_top_segment", unit: "ratio", kind: .deterministic, direction: .neutral,
              summary: "the same for the oracle's top tier (ground truth, an upper bound; healthcare: as large as the strategy's top segment)"),
        .init(name: "lift.oracle_share", unit: "share", kind: .deterministic, direction: .higherIsBetter,
              summary: "(top lift − 1) ÷ (oracle top lift − 1)"),
        .init(name: "lift.auc", unit: "probability", kind: .deterministic, direction: .higherIsBetter,
              summary: "ROC AUC of the strategy's score against the outcome"),
        .init(name: "lift.oracle_auc", unit: "probability", kind: .deterministic, direction: .neutral,
              summary: "ROC AUC of the ground-truth score"),
        .init(name: "lift.gains_at_10_percent", unit: "share", kind: .deterministic, direction: .higherIsBetter,
              summary: "share of outcomes captured by the top 10% of customers"),
        .init(name: "lift.top_precision", unit: "share", kind: .deterministic, direction: .higherIsBetter,
              summary: "share of the top segment whose latent state is high"),
        .init(name: "lift.top_recall", unit: "share", kind: .deterministic, direction: .higherIsBetter,
              summary: "share of latently high customers in the top segment"),
        .init(name: "freshness.p50", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "median time from a latent rise to the top segment"),
        .init(name: "freshness.p90", unit: "s", kind: .deterministic, direction: .lowerIsBetter,
              summary: "90th percentile of the same"),
        .init(name: "freshness.undetected_share", unit: "share", kind: .deterministic, direction: .lowerIsBetter,
              summary: "share of latent rises never reflected within the horizon"),
        .init(name: "accounting.generated", unit: "count", kind: .deterministic, direction: .neutral,
              summary: "events offered to the pipeline"),
        .init(name: "accounting.delivered", unit: "count", kind: .deterministic, direction: .neutral,
              summary: "records written by the pipeline, redeliveries and resends included"),
        .init(name: "accounting.applied", unit: "count", kind: .deterministic, direction: .neutral,
              summary: "deliveries applied to the features"),
        .init(name: "accounting.redelivered", unit: "count", kind: .deterministic, direction: .neutral,
              summary: "records redelivered after a worker crash"),
        .init(name: "accounting.deduplicated", unit: "count", kind: .deterministic, direction: .neutral,
              summary: "deliveries dropped as duplicates"),
        .init(name: "accounting.applied_twice", unit: "count", kind: .deterministic, direction: .lowerIsBetter,
              summary: "events applied more than once (idempotence off)"),
        .init(name: "accounting.lost", unit: "count", kind: .deterministic, direction: .lowerIsBetter,
              summary: "events produced but never applied"),
        .init(name: "memory.feature_bytes_per_customer", unit: "bytes", kind: .deterministic, direction: .lowerIsBetter,
              summary: "feature state per customer in the feature store, dedup excluded"),
        .init(name: "memory.dedup_bytes_per_customer", unit: "bytes", kind: .deterministic, direction: .lowerIsBetter,
              summary: "bounded dedup memory per customer (its window of the latest event ids)"),
        .init(name: "memory.delivery_ledger_bytes_per_customer", unit: "bytes", kind: .deterministic,
              direction: .neutral,
              summary: "the simulator's own ledger of applied ids, kept only when events can repeat "
                  + "(it counts applied-twice; no deployed pipeline needs it)"),
        .init(name: "simulator.events_per_wall_second", unit: "events/s", kind: .wallClock, direction: .higherIsBetter,
              summary: "events generated per second of wall-clock time (the simulator's own speed)"),
        .init(name: "simulator.wall_seconds", unit: "s", kind: .wallClock, direction: .lowerIsBetter,
              summary: "wall-clock time of one replication"),
        .init(name: "simulator.pipeline_events_per_wall_second", unit: "events/s", kind: .wallClock,
              direction: .higherIsBetter,
              summary: "events offered to the pipeline in [0, duration] per wall-clock second of that phase "
                  + "(history replay and the truth phase excluded)"),
    ]

    /// The prefix of the per-segment dwell metrics: `stability.mean_dwell_<segment>`.
    public static let dwellPrefix = "stability.mean_dwell_"

    /// The metric name of the mean dwell time in the segment named `segment`:
    /// ``dwellPrefix`` + the name in lower case with every run of other characters than letters
    /// and digits turned into one `_` (apostrophes dropped): `Can't Lose Them` → `cant_lose_them`.
    public static func dwellMetricName(segment: String) -> String {
        var slug = ""
        for character in segment.lowercased() where character != "'" && character != "’" {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "_" {
                slug.append("_")
            }
        }
        while slug.last == "_" { slug.removeLast() }
        return dwellPrefix + slug
    }

    /// The descriptor of `name`, if it is a known metric (per-segment dwell metrics included).
    public static func descriptor(_ name: String) -> MetricDescriptor? {
        if let known = all.first(where: { $0.name == name }) { return known }
        guard name.hasPrefix(dwellPrefix), name.count > dwellPrefix.count else { return nil }
        return MetricDescriptor(
            name: name, unit: "s", kind: .deterministic, direction: .neutral,
            summary: "mean time a customer stays in segment '\(name.dropFirst(dwellPrefix.count))' (exit-rate "
                + "estimator over the stability snapshots: time in the segment ÷ exits)")
    }

    /// Every descriptor of a run with `segments` (in segment-index order), in report order: the
    /// catalogue, then one mean-dwell metric per segment. Tables of a summary iterate this.
    public static func descriptors(segments: [String]) -> [MetricDescriptor] {
        all + segments.map(dwellMetricName).compactMap(descriptor)
    }
}
