extension TransitionMatrix {
    /// The mean time a customer stays in `segment`, by the exit-rate estimator.
    ///
    /// (customer-intervals spent in the segment × `snapshotInterval`) ÷ (exits from the segment):
    /// the reciprocal of the estimated exit rate. Customers still in the segment at the last
    /// snapshot (right-censored stays) contribute time but no exit, which is what keeps the
    /// estimate unbiased for a memoryless stay instead of cutting long stays short.
    /// Assumes equally spaced snapshots.
    /// - Parameter snapshotInterval: the time between consecutive snapshots, in the unit wanted.
    /// - Returns: not applicable when the segment was never occupied or nobody left it.
    public func meanDwellTime(segment: Int, snapshotInterval: Double) -> MetricValue {
        guard (0..<segmentCount).contains(segment) else {
            return .notApplicable(reason: "segment \(segment) is out of range 0..<\(segmentCount)")
        }
        guard snapshotInterval.isFinite, snapshotInterval > 0 else {
            return .notApplicable(reason: "snapshot interval must be finite and > 0, got \(snapshotInterval)")
        }
        let occupied = intervals(in: segment)
        guard occupied > 0 else { return .notApplicable(reason: "segment \(segment) was never occupied") }
        let exits = exits(from: segment)
        guard exits > 0 else {
            return .notApplicable(reason: "no exits from segment \(segment): every stay is censored")
        }
        return .value(Double(occupied) * snapshotInterval / Double(exits))
    }

    /// ``meanDwellTime(segment:snapshotInterval:)`` for every segment, in index order.
    public func meanDwellTimes(snapshotInterval: Double) -> [MetricValue] {
        (0..<segmentCount).map { meanDwellTime(segment: $0, snapshotInterval: snapshotInterval) }
    }
}
