/// The method of non-overlapping batch means: a confidence interval for the steady-state mean
/// of one long, autocorrelated output series (waits in a queue near saturation).
///
/// Observations are grouped into consecutive batches of `batchSize`; when batches are much
/// longer than the correlation time, batch means are nearly independent and normal, and a
/// Student-t interval over them is valid.
public struct BatchMeans: Sendable, Equatable {
    /// Observations per batch.
    public let batchSize: Int
    /// The means of the completed batches, in order.
    public var batchMeans: [Double] { completedMeans }
    // Internal storage behind a read-only accessor, so that `add` can be inlined into callers.
    @usableFromInline var completedMeans: [Double] = []
    @usableFromInline var currentSum: Double = 0
    @usableFromInline var currentCount: Int = 0

    /// Creates an empty collector.
    /// - Precondition: `batchSize >= 1`.
    public init(batchSize: Int) {
        precondition(batchSize >= 1, "batch size must be at least 1")
        self.batchSize = batchSize
    }

    /// Adds one observation; O(1), inlined into callers (the batch's close is not).
    @inlinable
    public mutating func add(_ x: Double) {
        currentSum += x
        currentCount += 1
        if currentCount == batchSize { closeBatch() }
    }

    /// Adds `count` copies of `x`: exactly the batches that adding each in turn gives, one step per
    /// batch when `x` is zero (adding a zero again leaves a sum as the first addition left it).
    /// - Complexity: O(count / batchSize) when `x` is zero, else O(count).
    public mutating func add(_ x: Double, count: Int) {
        guard x == 0 else {
            for _ in 0..<Swift.max(0, count) { add(x) }
            return
        }
        var remaining = count
        while remaining > 0 {
            let taken = Swift.min(remaining, batchSize - currentCount)
            currentSum += x
            currentCount += taken
            remaining -= taken
            if currentCount == batchSize { closeBatch() }
        }
    }

    /// Appends the full batch's mean and starts the next batch.
    @usableFromInline
    mutating func closeBatch() {
        completedMeans.append(currentSum / Double(batchSize))
        currentSum = 0
        currentCount = 0
    }

    /// The interval over completed batches (a partial last batch is left out so every batch
    /// has equal weight); `nil` with fewer than two batches.
    public func confidenceInterval(level: Double = 0.99) -> ConfidenceInterval? {
        var tally = Tally()
        for m in batchMeans { tally.add(m) }
        return tally.confidenceInterval(level: level)
    }

    /// Lag-1 autocorrelation of the batch means: near 0 when batches are long enough.
    public var lag1Autocorrelation: Double {
        let n = batchMeans.count
        guard n >= 3 else { return 0 }
        let mean = batchMeans.reduce(0, +) / Double(n)
        var numerator = 0.0, denominator = 0.0
        for i in 0..<n {
            let d = batchMeans[i] - mean
            denominator += d * d
            if i > 0 { numerator += d * (batchMeans[i - 1] - mean) }
        }
        return denominator > 0 ? numerator / denominator : 0
    }
}
