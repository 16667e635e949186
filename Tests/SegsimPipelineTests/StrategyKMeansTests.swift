import Testing
import SegsimPipeline
import SegsimRandom

/// k-means must recover well-separated clusters exactly, number them by value, be reproducible
/// from a seed, and refuse bad inputs with a typed error.
@Suite struct StrategyKMeansTests {
    /// Three Gaussian blobs of `perCluster` points with unit-scale noise, in columns of very different
    /// scales (visits, and spend in cents): without standardisation the spend column would decide
    /// alone. Centres are ≥ 10 noise SDs apart in standardised units, so every point is nearer its
    /// own centre than any other (the nearest other centre is > 5 SDs away in the worst direction,
    /// probability < 1e-6 per point for a Gaussian), hence exact recovery is the right expectation.
    static func blobs(perCluster: Int, seed: UInt64) throws -> (TrainingMatrix, [Int]) {
        let stream = RandomStream(runSeed: seed, purpose: "strategy-tests.kmeans")
        let centres: [(visits: Double, cents: Double)] = [(2, 10_000), (20, 500_000), (40, 100_000)]
        var values = [Double]()
        var truth = [Int]()
        for index in 0..<(3 * perCluster) {
            let cluster = index % 3
            values += [
                stream.normal(mean: centres[cluster].visits, standardDeviation: 1),
                stream.normal(mean: centres[cluster].cents, standardDeviation: 10_000),
            ]
            truth.append(cluster)
        }
        return (try TrainingMatrix(flat: values, columns: 2), truth)
    }

    @Test func recoversThreeWellSeparatedClustersExactly() throws {
        let (data, truth) = try Self.blobs(perCluster: 300, seed: 11)
        let model = try KMeans(fitting: data, k: 3, valueColumn: 1, stream: RandomStream(runSeed: 5, purpose: "kmeans"))
        #expect(model.converged)
        // Up to a relabelling: each true cluster maps to exactly one segment, and vice versa.
        var segmentOfTruth = [Int: Int]()
        for (row, cluster) in truth.enumerated() {
            let segment = model.trainingAssignments[row]
            #expect(segmentOfTruth[cluster, default: segment] == segment, "row \(row) split from its cluster")
            segmentOfTruth[cluster] = segment
        }
        #expect(Set(segmentOfTruth.values).count == 3)
        // Numbered by spend, largest first: 500,000 cents → 0, 100,000 → 1, 10,000 → 2.
        #expect(segmentOfTruth == [1: 0, 2: 1, 0: 2])
        #expect(model.clusterSizes == [300, 300, 300])
        // Centroids within 4 SE (σ/√300) of the true centres, in original units.
        #expect(abs(model.centroid(0)[0] - 20) < 4 / 300.0.squareRoot())
        #expect(abs(model.centroid(0)[1] - 500_000) < 4 * 10_000 / 300.0.squareRoot())
        // Assigning the training rows reproduces the fitted labels.
        for row in [0, 1, 2, 450, 899] { #expect(try model.assign(data.row(row)) == model.trainingAssignments[row]) }
    }

    @Test func isDeterministicForASeed() throws {
        let (data, _) = try Self.blobs(perCluster: 100, seed: 3)
        func fit(_ seed: UInt64) throws -> KMeans {
            try KMeans(fitting: data, k: 4, stream: RandomStream(runSeed: seed, purpose: "kmeans"), restarts: 2)
        }
        #expect(try fit(9) == fit(9))
    }

    @Test func duplicateRowsAndEmptyClustersDoNotTrap() throws {
        // Four identical rows and k = 3: two clusters can only be filled by re-seeding.
        let data = try TrainingMatrix(rows: Array(repeating: [1, 2], count: 4))
        let model = try KMeans(fitting: data, k: 3, stream: RandomStream(runSeed: 1, purpose: "kmeans"))
        #expect(model.inertia == 0)
        #expect(model.clusterSizes.reduce(0, +) == 4)
        #expect(try model.assign([1, 2]) < 3)
    }

    @Test func badInputsThrowTypedErrors() throws {
        let stream = RandomStream(runSeed: 1, purpose: "kmeans")
        let data = try TrainingMatrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(throws: SegmentationError.invalidClusterCount(k: 0, rows: 3)) { try KMeans(fitting: data, k: 0, stream: stream) }
        #expect(throws: SegmentationError.invalidClusterCount(k: 4, rows: 3)) { try KMeans(fitting: data, k: 4, stream: stream) }
        #expect(throws: SegmentationError.self) { try KMeans(fitting: data, k: 2, valueColumn: 2, stream: stream) }
        #expect(throws: SegmentationError.empty(field: "features")) { try TrainingMatrix(rows: []) }
        #expect(throws: SegmentationError.empty(field: "features")) { try TrainingMatrix(flat: [], columns: 2) }
        #expect(throws: SegmentationError.mismatchedLengths(field: "features[1]", expected: 2, actual: 1)) {
            try TrainingMatrix(rows: [[1, 2], [3]])
        }
        #expect(throws: SegmentationError.mismatchedLengths(field: "features", expected: 4, actual: 3)) {
            try TrainingMatrix(flat: [1, 2, 3], columns: 2)
        }
        do {
            _ = try TrainingMatrix(rows: [[1, 2], [.nan, 4]])
            Issue.record("a NaN feature must throw")
        } catch {
            guard case .notFinite(field: "features", index: 2, _) = error else { throw error }
        }
        let model = try KMeans(fitting: data, k: 2, stream: stream)
        #expect(throws: SegmentationError.mismatchedLengths(field: "features", expected: 2, actual: 1)) { try model.assign([1]) }
        #expect(throws: SegmentationError.notFinite(field: "features", index: 0, value: .infinity)) { try model.assign([.infinity, 1]) }
        #expect(SegmentationError.invalidClusterCount(k: 0, rows: 3).description.contains("k"))
    }
}
