import SegsimMetrics

/// The trends a sweep judges stability by, each the slope of a per-window series against time over
/// the windows after the warm-up and within the run: consumer lag (summed over partitions,
/// records/s) and median end-to-end latency (seconds per second; any growing backlog, the profile
/// store's included, makes it rise).
public enum TrendMetric: String, Sendable, CaseIterable {
    /// Consumer lag, records per second.
    case consumerLag = "pipeline.consumer_lag_trend"
    /// The per-window median latency, seconds per second.
    case latency = "latency.p50_trend"

    /// The series' value in one window, nil when the window has none.
    func value(_ row: TimeseriesRow) -> Double? {
        switch self {
        case .consumerLag: row.consumerLag
        case .latency: row.latencyP50
        }
    }

    /// The trend of `result`'s series over the windows that start after its warm-up and end by
    /// `duration` (windows without a value are skipped); nil with fewer than three such windows.
    public func trend(of result: ReplicationResult, duration: Double, window: Double) -> LinearTrend? {
        let rows = result.timeseries.filter { $0.start >= result.warmupSeconds && $0.start + window <= duration + 1e-9 }
        let points = rows.compactMap { row in value(row).map { (row.start + window / 2, $0) } }
        return try? LinearTrend(times: points.map(\.0), values: points.map(\.1))
    }

    /// The trend of the series averaged over replications window by window (one fit, smoother
    /// with more replications than any single one).
    func trendOfMean(_ replications: [ReplicationResult], duration: Double, window: Double) -> LinearTrend? {
        guard var mean = replications.first else { return nil }
        let count = replications.map(\.timeseries.count).min() ?? 0
        mean.timeseries = Array(mean.timeseries.prefix(count))
        mean.warmupSeconds = replications.map(\.warmupSeconds).max() ?? 0
        for i in 0..<count {
            let values = replications.compactMap { value($0.timeseries[i]) }
            let average = values.count == replications.count ? values.reduce(0, +) / Double(values.count) : nil
            switch self {
            case .consumerLag: mean.timeseries[i].consumerLag = average ?? 0
            case .latency: mean.timeseries[i].latencyP50 = average
            }
        }
        return trend(of: mean, duration: duration, window: window)
    }
}
