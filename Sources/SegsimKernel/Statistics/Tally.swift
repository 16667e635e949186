/// Running count, mean, variance, minimum and maximum of observations, in O(1) memory.
///
/// Sums are kept relative to a shift K, the first observation ("shifted data" algorithm): as
/// stable as Welford's update when K is near the mean, and with no division per observation,
/// which matters when every customer of a 10⁷-customer run is tallied several times.
public struct Tally: Sendable, Equatable, Codable {
    /// The number of observations.
    public var count: Int { storedCount }
    /// The smallest observation (+∞ when empty).
    public var minimum: Double { storedMinimum }
    /// The largest observation (−∞ when empty).
    public var maximum: Double { storedMaximum }
    // Internal storage behind read-only accessors, so that `add` can be inlined into other
    // modules' per-customer loops (a pipeline event feeds about twenty tallies).
    @usableFromInline var storedCount: Int = 0
    @usableFromInline var storedMinimum: Double = .infinity
    @usableFromInline var storedMaximum: Double = -.infinity
    @usableFromInline var shift: Double = 0
    @usableFromInline var sumOfDeviations: Double = 0
    @usableFromInline var sumOfSquaredDeviations: Double = 0

    /// The encoded names, unchanged by the storage's names.
    enum CodingKeys: String, CodingKey {
        case storedCount = "count", storedMinimum = "minimum", storedMaximum = "maximum"
        case shift, sumOfDeviations, sumOfSquaredDeviations
    }

    /// Creates an empty tally.
    public init() {}

    /// A tally with these sums (``TallyBundle`` hands out its lanes).
    init(count: Int, minimum: Double, maximum: Double, shift: Double, sumOfDeviations: Double,
         sumOfSquaredDeviations: Double) {
        storedCount = count
        storedMinimum = minimum
        storedMaximum = maximum
        self.shift = shift
        self.sumOfDeviations = sumOfDeviations
        self.sumOfSquaredDeviations = sumOfSquaredDeviations
    }

    /// Adds one observation.
    /// - Complexity: O(1), inlined into callers.
    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        if storedCount == 0 { shift = x }
        storedCount &+= 1
        let d = x - shift
        sumOfDeviations += d
        sumOfSquaredDeviations += d * d
        storedMinimum = Swift.min(storedMinimum, x)
        storedMaximum = Swift.max(storedMaximum, x)
    }

    /// Adds `count` copies of `x`: exactly the tally that adding each in turn gives, in O(1) when
    /// `x` equals the shift (a run of zeros into a tally of zeros, say), where every further copy
    /// adds a zero deviation and changes nothing but the count; otherwise one copy at a time.
    /// - Complexity: O(1) when `x` equals the shift, else O(count).
    public mutating func add(_ x: Double, count: Int) {
        guard count > 0 else { return }
        add(x)
        guard x - shift != 0 else {
            storedCount += count - 1
            return
        }
        for _ in 1..<count { add(x) }
    }

    /// The sample mean (0 when empty).
    public var mean: Double { count > 0 ? shift + sumOfDeviations / Double(count) : 0 }

    /// The unbiased sample variance (0 with fewer than two observations).
    public var variance: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        return Swift.max(0, (sumOfSquaredDeviations - sumOfDeviations * sumOfDeviations / n) / (n - 1))
    }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Combines two tallies exactly, e.g. across replications, by re-expressing `other`'s sums
    /// relative to this tally's shift.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let delta = other.shift - shift
        let n = Double(other.count)
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + 2 * delta * other.sumOfDeviations + n * delta * delta
        sumOfDeviations += other.sumOfDeviations + n * delta
        storedCount += other.count
        storedMinimum = Swift.min(storedMinimum, other.minimum)
        storedMaximum = Swift.max(storedMaximum, other.maximum)
    }

    /// A Student-t confidence interval for the mean, treating observations as independent
    /// (use it for independent replications; use `BatchMeans` for one autocorrelated run).
    /// Returns `nil` with fewer than two observations.
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
        ConfidenceInterval(mean: mean, variance: variance, count: count, level: level)
    }
}
