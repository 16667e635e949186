import SegsimMetrics

/// The consumer-lag trend of a replication: the slope of the per-window consumer lag (summed over
/// partitions) against time, after the warm-up and within the run.
public enum LagTrendMetric {
    /// Its name among the summary metrics.
    public static let name = "pipeline.consumer_lag_trend"

    /// The trend of `result`'s lag over the windows that start after its warm-up and end by
    /// `duration`; nil with fewer than three such windows.
    public static func trend(of result: ReplicationResult, duration: Double, window: Double) -> LagTrend? {
        let rows = result.timeseries.filter { $0.start >= result.warmupSeconds && $0.start + window <= duration + 1e-9 }
        return try? LagTrend(times: rows.map { $0.start + window / 2 }, lags: rows.map(\.consumerLag))
    }
}
