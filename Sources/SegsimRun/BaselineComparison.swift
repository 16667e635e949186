import SegsimMetrics

/// A run compared with a baseline, metric by metric: what `segsim check` decides and prints.
///
/// Both summaries must describe the same experiment — scenario, seed, strategy, replications and
/// schema version — or the comparison is refused (``BaselineComparisonError``). Then every metric
/// in either summary gets a ``VerdictTable/Row``:
///
/// - **Deterministic metrics** are a pure function of (scenario, seed, code), so by default they
///   must be equal, up to a relative 10⁻¹² (to survive a JSON round trip). When both summaries
///   have a confidence interval (two or more replications), the new mean may instead lie anywhere
///   within the baseline mean ± (baseline half-width + new half-width).
/// - **Wall-clock metrics** vary between machines and runs: by default they may move 50% in the
///   bad direction (and any amount in the good one).
/// - A ``ToleranceOverride`` (`--tolerance`) replaces the default of the metrics it matches.
///
/// A move beyond the limit in the good direction is *improved* (reported, not a failure); in the
/// bad direction it is *regressed*; for a neutral metric either way is *changed*. Both sides not
/// applicable is *ok (n/a)*, one side only is *changed*. A metric the result lacks is *missing*
/// (a failure); one the baseline lacks is *new* (not a failure).
public struct BaselineComparison: Sendable {
    /// Relative difference under which two deterministic values count as equal.
    public static let exactRelativeTolerance = 1e-12
    /// The default tolerance of wall-clock metrics: 50% in the bad direction only.
    public static let defaultWallClockTolerance = MetricTolerance(.relative(0.5), badDirectionOnly: true)

    /// The baseline's run facts.
    public var baseline: RunSummary.RunFacts
    /// The result's run facts.
    public var result: RunSummary.RunFacts
    /// Every metric's verdict.
    public var table: VerdictTable
    /// Differences that do not make the comparison invalid but that a reader should know of
    /// (segsim version, scenario file, pipeline shape, …).
    public var notes: [String]

    /// Whether no metric failed: `segsim check` exits 0.
    public var passed: Bool { table.failures.isEmpty }

    /// Compares `result` with `baseline`.
    /// - Parameter overrides: tolerances replacing the defaults of the metrics they match.
    /// - Throws: ``BaselineComparisonError`` when the summaries describe different experiments,
    ///   or when an override matches no metric of either summary (a misspelt name).
    public init(baseline: RunSummary, result: RunSummary, overrides: [ToleranceOverride] = [])
        throws(BaselineComparisonError)
    {
        let differences = Self.identityDifferences(baseline, result)
        guard differences.isEmpty else { throw .differentExperiments(differences) }
        self.baseline = baseline.run
        self.result = result.run
        notes = Self.noteworthyDifferences(baseline, result)

        let names = Self.orderedNames(Set(baseline.metrics.keys).union(baseline.wallClock.keys)
            .union(result.metrics.keys).union(result.wallClock.keys))
        for override in overrides where !names.contains(where: override.matches) {
            throw .unmatchedTolerance(override.pattern)
        }
        var rows: [VerdictTable.Row] = []
        for name in names {
            let isWallClock = MetricCatalogue.descriptor(name).map { $0.kind == .wallClock }
                ?? (baseline.wallClock[name] != nil || result.wallClock[name] != nil)
            rows.append(Self.compare(
                name: name, direction: MetricCatalogue.descriptor(name)?.direction ?? .neutral,
                isWallClock: isWallClock,
                baseline: baseline.metric(name), result: result.metric(name),
                override: ToleranceOverride.applying(to: name, among: overrides)?.tolerance))
        }
        table = VerdictTable(rows: rows)
    }

    // MARK: - One metric

    /// The verdict on one metric.
    static func compare(name: String, direction: MetricDescriptor.Direction, isWallClock: Bool,
                        baseline: AggregateMetric?, result: AggregateMetric?,
                        override: MetricTolerance?) -> VerdictTable.Row {
        var row = VerdictTable.Row(metric: name, isWallClock: isWallClock, direction: direction,
                                   baseline: baseline?.mean, baselineHalfWidth: baseline?.halfWidth.number,
                                   now: result?.mean, nowHalfWidth: result?.halfWidth.number,
                                   change: nil, limit: "", verdict: .ok)
        guard let baseline else {
            row.limit = "—"
            row.verdict = .new
            return row
        }
        guard let result else {
            row.limit = "—"
            row.verdict = .missing
            return row
        }
        switch (baseline.mean.number, result.mean.number) {
        case (nil, nil):
            row.limit = "—"
            row.verdict = .okNotApplicable
            return row
        case (nil, _), (_, nil):
            row.limit = "—"
            row.verdict = .changed
            return row
        case let (old?, new?):
            let limit = Limit(old: old, new: new, direction: direction, isWallClock: isWallClock,
                              baselineHalfWidth: baseline.halfWidth.number, resultHalfWidth: result.halfWidth.number,
                              override: override)
            row.limit = limit.label
            row.change = Self.relativeChange(from: old, to: new)
            row.verdict = limit.verdict(old: old, new: new)
            return row
        }
    }

    /// (new − old) ÷ |old|; `nil` when old is 0 and new is not (an infinite relative change).
    static func relativeChange(from old: Double, to new: Double) -> Double? {
        if old == new { return 0 }
        guard old != 0, old.isFinite, new.isFinite else { return nil }
        return (new - old) / abs(old)
    }

    /// The band a metric's new mean must lie in: how far below and above the baseline it may go.
    struct Limit {
        /// Allowed move below the baseline (≥ 0, possibly infinite).
        var below: Double
        /// Allowed move above the baseline.
        var above: Double
        /// What the table shows in the limit column.
        var label: String
        /// Which way is better.
        var direction: MetricDescriptor.Direction

        init(old: Double, new: Double, direction: MetricDescriptor.Direction, isWallClock: Bool,
             baselineHalfWidth: Double?, resultHalfWidth: Double?, override: MetricTolerance?) {
            self.direction = direction
            // Rounding slack: identical inputs always pass, whatever the scale.
            let slack = BaselineComparison.exactRelativeTolerance * max(abs(old), abs(new))
            let tolerance: MetricTolerance?
            if let override {
                tolerance = override
            } else if isWallClock {
                tolerance = BaselineComparison.defaultWallClockTolerance
            } else if let baselineHalfWidth, let resultHalfWidth {
                let width = baselineHalfWidth + resultHalfWidth
                below = width + slack
                above = width + slack
                label = "CI ±" + VerdictTable.formatWidth(width)
                return
            } else {
                tolerance = nil
            }
            guard let tolerance else {
                below = slack
                above = slack
                label = "exact"
                return
            }
            let amount: Double
            switch tolerance.amount {
            case let .relative(fraction): amount = fraction * abs(old)
            case let .absolute(value): amount = value
            }
            below = amount + slack
            above = amount + slack
            label = tolerance.description
            guard tolerance.badDirectionOnly else { return }
            switch direction {
            case .higherIsBetter:
                above = .infinity
                label = "≥ −" + label
            case .lowerIsBetter:
                below = .infinity
                label = "≤ +" + label
            case .neutral:
                label = "±" + label
            }
        }

        /// The verdict on a move from `old` to `new`.
        func verdict(old: Double, new: Double) -> VerdictTable.Verdict {
            if old == new { return .ok }
            guard !old.isNaN, !new.isNaN else { return .changed }
            let difference = new - old
            let up: Bool
            if difference > above {
                up = true
            } else if -difference > below {
                up = false
            } else {
                return .ok
            }
            switch direction {
            case .neutral: return .changed
            case .higherIsBetter: return up ? .improved : .regressed
            case .lowerIsBetter: return up ? .regressed : .improved
            }
        }
    }

    // MARK: - Which runs compare

    /// The run facts that make two summaries the same experiment, and how they differ.
    static func identityDifferences(_ baseline: RunSummary, _ result: RunSummary) -> [BaselineComparisonError.FieldDifference] {
        let fields: [(String, String, String)] = [
            ("schema_version", String(baseline.schemaVersion), String(result.schemaVersion)),
            ("scenario", baseline.run.scenario, result.run.scenario),
            ("seed", String(baseline.run.seed), String(result.run.seed)),
            ("strategy", baseline.run.strategy, result.run.strategy),
            ("replications", String(baseline.run.replications), String(result.run.replications)),
        ]
        return fields.filter { $0.1 != $0.2 }.map { .init(field: $0.0, baseline: $0.1, result: $0.2) }
    }

    /// Differences in the other run facts: allowed (a change under test may cause them) but shown.
    static func noteworthyDifferences(_ baseline: RunSummary, _ result: RunSummary) -> [String] {
        let fields: [(String, String, String)] = [
            ("segsim_version", baseline.segsimVersion, result.segsimVersion),
            ("file", baseline.run.file, result.run.file),
            ("domain", baseline.run.domain, result.run.domain),
            ("duration_seconds", VerdictTable.format(baseline.run.durationSeconds),
             VerdictTable.format(result.run.durationSeconds)),
            ("customers", String(baseline.run.customers), String(result.run.customers)),
            ("cadence", baseline.run.cadence, result.run.cadence),
            ("pipeline", baseline.run.pipeline, result.run.pipeline),
        ]
        return fields.filter { $0.1 != $0.2 }.map { "\($0.0) differs: baseline \($0.1), now \($0.2)" }
    }

    /// Catalogue order, then metrics the catalogue does not know, by name.
    static func orderedNames(_ names: Set<String>) -> [String] {
        let known = MetricCatalogue.all.map(\.name).filter(names.contains)
        return known + names.subtracting(known).sorted()
    }
}

/// Why two summaries cannot be compared (bad input: `segsim check` exits 2).
public enum BaselineComparisonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One run fact that differs.
    public struct FieldDifference: Sendable, Hashable {
        /// The field in `summary.json`: `schema_version`, `scenario`, `seed`, `strategy`, `replications`.
        public var field: String
        /// The baseline's value.
        public var baseline: String
        /// The result's value.
        public var result: String

        /// `field` is `baseline` in the baseline and `result` in the result.
        public init(field: String, baseline: String, result: String) {
            self.field = field
            self.baseline = baseline
            self.result = result
        }
    }

    /// The summaries describe different experiments; every differing field, in a fixed order.
    case differentExperiments([FieldDifference])
    /// A tolerance pattern matches no metric of either summary.
    case unmatchedTolerance(String)

    /// The fields that differ, for ``differentExperiments(_:)``.
    public var fields: [String] {
        if case let .differentExperiments(differences) = self { return differences.map(\.field) }
        return []
    }

    public var description: String {
        switch self {
        case let .differentExperiments(differences):
            let list = differences.map { "\($0.field) differs (baseline \($0.baseline), result \($0.result))" }
            return "the result and the baseline are different experiments: " + list.joined(separator: "; ")
                + ". Compare runs of the same scenario, seed, strategy and replications, or record a new baseline with --update"
        case let .unmatchedTolerance(pattern):
            return "--tolerance: '\(pattern)' matches no metric of the result or the baseline"
        }
    }
}
