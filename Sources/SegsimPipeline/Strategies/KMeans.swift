import SegsimRandom

/// k-means clustering on standardised features: k-means++ seeding from a ``RandomStream``, Lloyd
/// iterations, and clusters numbered by a chosen "value" column so that segment 0 is always the
/// same kind of customer.
///
/// **Fitting.** Columns are standardised with the training means and standard deviations
/// (``ColumnStandardisation``). Each of `restarts` runs seeds k centres by k-means++ (Arthur &
/// Vassilvitskii, 2007: the first uniformly, each next one with probability proportional to the
/// squared distance to the nearest centre already chosen), then alternates assignment and mean
/// updates until no assignment changes or `maximumIterations` is reached. A point only moves to a
/// centre that is strictly nearer than its own, which makes ties (duplicate rows) stable. A cluster
/// left empty is re-seeded with the point farthest from its centre among clusters with two or more
/// members. The run with the lowest inertia wins, the earliest on a tie. Everything is driven by the
/// stream, so a seed fixes the result.
///
/// **Numbering.** Clusters are sorted by their centroid's value in `valueColumn`, **largest first**
/// (ties broken by the other coordinates, then by fitting order), so with a monetary value column
/// segment 0 is always the highest-value group, across runs and replications.
///
/// **Assignment** is to the nearest centroid in standardised space, computed in original units as
/// Σⱼ (xⱼ − cⱼ)² / sⱼ², which needs no temporary buffer.
public struct KMeans: Sendable, Equatable {
    /// The number of clusters.
    public let clusterCount: Int
    /// The centring and scaling fitted on the training data.
    public let standardisation: ColumnStandardisation
    /// The column that orders the clusters.
    public let valueColumn: Int
    /// The centroids in original units, row-major k × d, in segment order.
    public let centroids: [Double]
    /// The weight of each column in the distance, 1 / sⱼ².
    public let weights: [Double]
    /// The training rows per cluster, in segment order.
    public let clusterSizes: [Int]
    /// The segment of each training row.
    public let trainingAssignments: [Int]
    /// The sum of squared standardised distances of the training rows to their centroids.
    public let inertia: Double
    /// The Lloyd iterations of the winning run.
    public let iterations: Int
    /// Whether the winning run stopped because no assignment changed (rather than at the cap).
    public let converged: Bool

    /// Fits k clusters to `data`.
    /// - Parameters:
    ///   - k: the number of clusters, `1...data.rows`.
    ///   - valueColumn: the column whose centroid value orders the segments (largest first).
    ///   - stream: the source of the k-means++ draws; the same seed gives the same clustering.
    ///   - restarts: independent seedings to try, at least 1; the lowest inertia wins.
    ///   - maximumIterations: the cap on Lloyd iterations per run, at least 1.
    /// - Throws: ``SegmentationError`` for a bad `k`, `valueColumn`, `restarts` or `maximumIterations`.
    /// - Complexity: O(restarts · iterations · n · k · d).
    public init(
        fitting data: TrainingMatrix, k: Int, valueColumn: Int = 0, stream: RandomStream,
        restarts: Int = 3, maximumIterations: Int = 100
    ) throws(SegmentationError) {
        guard k >= 1, k <= data.rows else { throw .invalidClusterCount(k: k, rows: data.rows) }
        guard (0..<data.columns).contains(valueColumn) else {
            throw .invalidParameter(field: "valueColumn", value: Double(valueColumn), requirement: "in 0..<\(data.columns)")
        }
        guard restarts >= 1 else { throw .invalidParameter(field: "restarts", value: Double(restarts), requirement: ">= 1") }
        guard maximumIterations >= 1 else {
            throw .invalidParameter(field: "maximumIterations", value: Double(maximumIterations), requirement: ">= 1")
        }
        let standardisation = ColumnStandardisation(fitting: data)
        let points = standardisation.standardised(data)
        let d = data.columns
        var best = Lloyd.run(points: points, columns: d, k: k, stream: stream, maximumIterations: maximumIterations)
        for _ in 1..<restarts {
            let run = Lloyd.run(points: points, columns: d, k: k, stream: stream, maximumIterations: maximumIterations)
            if run.inertia < best.inertia { best = run }
        }

        let order = (0..<k).sorted { a, b in
            for offset in 0..<d {
                let j = (valueColumn + offset) % d
                let (ca, cb) = (best.centres[a * d + j], best.centres[b * d + j])
                if ca != cb { return ca > cb }
            }
            return a < b
        }
        var segmentOf = [Int](repeating: 0, count: k)
        for (segment, cluster) in order.enumerated() { segmentOf[cluster] = segment }

        var centroids = [Double](repeating: 0, count: k * d)
        for (segment, cluster) in order.enumerated() {
            for j in 0..<d {
                centroids[segment * d + j] = standardisation.means[j] + standardisation.scales[j] * best.centres[cluster * d + j]
            }
        }
        self.clusterCount = k
        self.standardisation = standardisation
        self.valueColumn = valueColumn
        self.centroids = centroids
        self.weights = standardisation.scales.map { 1 / ($0 * $0) }
        self.trainingAssignments = best.labels.map { segmentOf[$0] }
        self.clusterSizes = order.map { best.counts[$0] }
        self.inertia = best.inertia
        self.iterations = best.iterations
        self.converged = best.converged
    }

    /// The segment names in index order: `"cluster 0"` (highest value) … `"cluster k−1"`.
    public var segmentNames: [String] { (0..<clusterCount).map { "cluster \($0)" } }

    /// The segment (0 = highest value) of one customer's features, in the training column order.
    /// - Throws: ``SegmentationError`` if `features` has the wrong length or a non-finite value.
    /// - Complexity: O(k · d), no allocation.
    public func assign(_ features: [Double]) throws(SegmentationError) -> Int {
        let d = weights.count
        try features.validateFeatureRow(expected: d, field: "features")
        var bestSegment = 0
        var bestDistance = Double.infinity
        for segment in 0..<clusterCount {
            var distance = 0.0
            let base = segment * d
            for j in 0..<d {
                let difference = features[j] - centroids[base + j]
                distance += weights[j] * difference * difference
            }
            if distance < bestDistance {
                bestDistance = distance
                bestSegment = segment
            }
        }
        return bestSegment
    }

    /// Centroid `segment` in original units.
    public func centroid(_ segment: Int) -> [Double] {
        let d = weights.count
        return Array(centroids[segment * d ..< (segment + 1) * d])
    }
}

/// One k-means++ seeding followed by Lloyd iterations, on standardised row-major points.
private struct Lloyd {
    var centres: [Double]
    var labels: [Int]
    var counts: [Int]
    var inertia: Double
    var iterations: Int
    var converged: Bool

    static func run(points: [Double], columns d: Int, k: Int, stream: RandomStream, maximumIterations: Int) -> Lloyd {
        let n = points.count / d
        func distance(_ i: Int, _ centres: [Double], _ c: Int) -> Double {
            var sum = 0.0
            for j in 0..<d {
                let difference = points[i * d + j] - centres[c * d + j]
                sum += difference * difference
            }
            return sum
        }

        // k-means++ seeding.
        var centres = [Double](repeating: 0, count: k * d)
        func seat(_ c: Int, at i: Int) { for j in 0..<d { centres[c * d + j] = points[i * d + j] } }
        seat(0, at: stream.uniformInteger(below: n))
        var nearest = (0..<n).map { distance($0, centres, 0) }
        for c in 1..<k {
            let total = nearest.reduce(0, +)
            var chosen = stream.uniformInteger(below: n)
            if total > 0 {
                // The first point whose cumulative weight passes the draw; the last positive one
                // if rounding leaves the draw beyond the sum.
                let target = stream.uniform() * total
                var cumulative = 0.0
                for i in 0..<n where nearest[i] > 0 {
                    chosen = i
                    cumulative += nearest[i]
                    if cumulative > target { break }
                }
            }
            seat(c, at: chosen)
            for i in 0..<n { nearest[i] = min(nearest[i], distance(i, centres, c)) }
        }

        // Lloyd iterations.
        var labels = [Int](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: k)
        var iterations = 0
        var converged = false
        while iterations < maximumIterations {
            iterations += 1
            var changed = false
            for i in 0..<n {
                var best = labels[i]
                var bestDistance = best >= 0 ? distance(i, centres, best) : .infinity
                for c in 0..<k {
                    let candidate = distance(i, centres, c)
                    if candidate < bestDistance { (best, bestDistance) = (c, candidate) }
                }
                if best != labels[i] { (labels[i], changed) = (best, true) }
                distances[i] = bestDistance
            }
            if !changed {
                converged = true
                break
            }
            counts = [Int](repeating: 0, count: k)
            for label in labels { counts[label] += 1 }
            for c in 0..<k where counts[c] == 0 {
                // Re-seed from the worst-fitted point of a cluster that can spare one (k ≤ n
                // guarantees there is such a cluster).
                var farthest = -1
                for i in 0..<n where counts[labels[i]] > 1 && (farthest < 0 || distances[i] > distances[farthest]) {
                    farthest = i
                }
                guard farthest >= 0 else { break }
                counts[labels[farthest]] -= 1
                labels[farthest] = c
                counts[c] = 1
                distances[farthest] = 0
            }
            centres = [Double](repeating: 0, count: k * d)
            for i in 0..<n { for j in 0..<d { centres[labels[i] * d + j] += points[i * d + j] } }
            for c in 0..<k where counts[c] > 0 { for j in 0..<d { centres[c * d + j] /= Double(counts[c]) } }
        }
        counts = [Int](repeating: 0, count: k)
        for label in labels { counts[label] += 1 }
        let inertia = (0..<n).reduce(0.0) { $0 + distance($1, centres, labels[$1]) }
        return Lloyd(centres: centres, labels: labels, counts: counts, inertia: inertia, iterations: iterations, converged: converged)
    }
}
