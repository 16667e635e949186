/// "Replicate until the 95% interval of a metric is narrow enough": replications are added in
/// parallel batches until the half-width of `metric` is at most `relativeHalfWidth` of its mean,
/// or `maxReplications` have run (reported, not hidden, when the target is missed).
public struct PrecisionTarget: Sendable, Equatable, Codable {
    /// The summary metric whose interval is watched, e.g. `lift.top_segment`.
    public var metric: String
    /// The largest acceptable half-width as a share of the mean (0.05 for 5%).
    public var relativeHalfWidth: Double
    /// The cap on replications.
    public var maxReplications: Int

    /// Parses `METRIC=5%` (or `METRIC=0.05`) with a cap.
    /// - Throws: ``RunError`` at `--precision` for an unknown metric, a wall-clock metric (it is
    ///   not a property of the simulated system), a share outside (0, 1) or a cap below 2.
    public init(parsing text: String, maxReplications: Int) throws(RunError) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else {
            throw RunError(path: "--precision", message: "expected METRIC=SHARE such as lift.top_segment=5%, got '\(text)'")
        }
        guard let descriptor = MetricCatalogue.descriptor(parts[0]), descriptor.kind == .deterministic else {
            throw RunError(path: "--precision", message: "'\(parts[0])' is not a deterministic summary metric "
                + "(e.g. lift.top_segment, latency.p99, stability.flip_rate)")
        }
        guard let share = ServiceLevelObjective.bound(parts[1], unit: "share"), share > 0, share < 1 else {
            throw RunError(path: "--precision", message: "the half-width must be a share in (0, 1) such as 5% or 0.05, got '\(parts[1])'")
        }
        guard maxReplications >= 2, maxReplications <= 1_000 else {
            throw RunError(path: "--max-replications", message: "must be 2…1000 (an interval needs two replications), got \(maxReplications)")
        }
        metric = descriptor.name
        relativeHalfWidth = share
        self.maxReplications = maxReplications
    }

    /// Whether `aggregate` meets the target: a number with a half-width at most the share of |mean|.
    public func isMet(by aggregate: AggregateMetric?) -> Bool {
        guard let mean = aggregate?.mean.number, let halfWidth = aggregate?.halfWidth.number else { return false }
        return halfWidth <= relativeHalfWidth * abs(mean)
    }
}
