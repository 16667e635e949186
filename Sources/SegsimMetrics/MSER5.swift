/// White's MSER-5 rule for the warm-up period of one simulation output series.
///
/// The series is cut into batches of 5 (a trailing partial batch is ignored); for each candidate
/// truncation of d batches the marginal standard error of the remaining batch means,
/// MSER(d) = Σⱼ₌d⁺¹..ᵇ (Zⱼ − Z̄(d))² / (b − d)², trades the bias of the initial transient against
/// the variance lost with the data. d is searched over the first half of the batches only, since
/// near the end the statistic becomes erratic. (White 1997; White, Cobb & Spratt 2000.)
public enum MSER5 {
    /// The batch size of MSER-5.
    public static let batchSize = 5

    /// The number of original observations to delete from the start of `series` (a multiple of 5):
    /// 5·d for the d ≤ b/2 that minimises MSER(d), the smallest such d among ties.
    ///
    /// Returns 0 for fewer than two batches (10 observations): nothing can be judged.
    /// - Throws: ``MetricError/notFinite(field:index:)`` when a value is NaN or infinite.
    /// - Complexity: O(n) time, O(n/5) memory: Welford's update over the batch means from the
    ///   end, so each suffix's sum of squares costs O(1) and stays accurate for large offsets.
    public static func truncation(_ series: [Double]) throws(MetricError) -> Int {
        try validateFinite(series, field: "series")
        let b = series.count / batchSize
        guard b >= 2 else { return 0 }
        var batchMeans = [Double](repeating: 0, count: b)
        for j in 0..<b {
            var sum = 0.0
            for i in j * batchSize ..< (j + 1) * batchSize { sum += series[i] }
            batchMeans[j] = sum / Double(batchSize)
        }
        // Suffix statistics from the end: after adding batches j..<b, `mean` and `squares`
        // (Σ (Z − mean)²) describe the series truncated at d = j.
        var mean = 0.0, squares = 0.0
        var bestD = 0
        var bestStatistic = Double.infinity
        let lastCandidate = b / 2
        for j in stride(from: b - 1, through: 0, by: -1) {
            let count = Double(b - j)
            let delta = batchMeans[j] - mean
            mean += delta / count
            squares += delta * (batchMeans[j] - mean)
            if j <= lastCandidate {
                let statistic = squares / (count * count)
                if statistic <= bestStatistic {   // `<=` walking down keeps the smallest d among ties
                    bestStatistic = statistic
                    bestD = j
                }
            }
        }
        return bestD * batchSize
    }
}
