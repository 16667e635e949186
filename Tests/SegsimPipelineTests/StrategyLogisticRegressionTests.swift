import Foundation
import Testing
import SegsimPipeline
import SegsimRandom

/// Logistic regression must give back the coefficients of the model that generated its data, stay
/// finite on separable data, and refuse bad inputs with a typed error.
@Suite struct StrategyLogisticRegressionTests {
    static let trueCoefficients = [-1.0, 0.8, -0.3, 0.15]

    /// `n` rows from logit P(y) = β₀ + β₁x₁ + β₂x₂ + β₃x₃ with x₁ ~ N(0, 1), x₂ ~ N(5, 2²) and
    /// x₃ ~ U(0, 10): different locations and scales exercise the standardisation and its undoing.
    static func logisticSample(rows n: Int, seed: UInt64) throws -> (TrainingMatrix, [Bool]) {
        let stream = RandomStream(runSeed: seed, purpose: "strategy-tests.logistic")
        var values = [Double]()
        var labels = [Bool]()
        for _ in 0..<n {
            let x = [stream.normal(mean: 0, standardDeviation: 1), stream.normal(mean: 5, standardDeviation: 2), 10 * stream.uniform()]
            let eta = trueCoefficients[0] + zip(trueCoefficients.dropFirst(), x).reduce(0) { $0 + $1.0 * $1.1 }
            values += x
            labels.append(stream.uniform() < 1 / (1 + exp(-eta)))
        }
        return (try TrainingMatrix(flat: values, columns: 3), labels)
    }

    @Test func recoversKnownCoefficientsWithinFourStandardErrors() throws {
        let (data, labels) = try Self.logisticSample(rows: 20_000, seed: 2_024)
        let model = try LogisticRegression(fitting: data, labels: labels)
        #expect(model.status == .converged)
        #expect(model.iterations < 15)  // Newton converges quadratically from the base-rate start.
        for (index, truth) in Self.trueCoefficients.enumerated() {
            let error = model.standardErrors[index]
            // The MLE is asymptotically normal with covariance the inverse Fisher information, so
            // (β̂ − β)/SE is ≈ N(0, 1); 4 SE is exceeded with probability 6e-5 per coefficient.
            #expect(abs(model.coefficients[index] - truth) < 4 * error, "coefficient \(index): \(model.coefficients[index]) vs \(truth) ± \(error)")
            // At n = 20,000 the SEs are small, so the test has teeth: 4 SE is under 0.1 for the
            // slopes; the intercept's is larger (≈ 0.06) because the data sit far from x = 0.
            #expect(error > 0 && error < (index == 0 ? 0.1 : 0.025), "SE \(index) = \(error)")
        }
    }

    @Test func standardErrorsMatchTheSpreadOverReplications() throws {
        // 200 independent samples of 1,000 rows: the reported SE (inverse Fisher information) must
        // match the standard deviation of the estimates across samples. With 200 replications the
        // sample SD has a relative standard error of about 1/√(2·199) ≈ 5%, so ±20% is 4 of them.
        var estimates = [[Double]]()
        var reported = [[Double]]()
        for replication in 0..<200 {
            let (data, labels) = try Self.logisticSample(rows: 1_000, seed: 100 + UInt64(replication))
            let model = try LogisticRegression(fitting: data, labels: labels)
            estimates.append(model.coefficients)
            reported.append(model.standardErrors)
        }
        for index in Self.trueCoefficients.indices {
            let values = estimates.map { $0[index] }
            let mean = values.reduce(0, +) / Double(values.count)
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
            let meanReported = reported.reduce(0) { $0 + $1[index] } / Double(reported.count)
            #expect(abs(spread / meanReported - 1) < 0.2, "coefficient \(index): SD \(spread) vs SE \(meanReported)")
        }
    }

    @Test func scoreIsTheFittedLogisticProbability() throws {
        let (data, labels) = try Self.logisticSample(rows: 2_000, seed: 7)
        let model = try LogisticRegression(fitting: data, labels: labels)
        let x = [0.5, 4.0, 2.0]
        let eta = model.coefficients[0] + zip(model.coefficients.dropFirst(), x).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(try model.score(x) - 1 / (1 + exp(-eta))) < 1e-12)
        let scores = try model.scores(data)
        #expect(abs(scores[3] - (try model.score(data.row(3)))) < 1e-12)
    }

    @Test func separableDataDoesNotDivergeWithARidgeAndReportsNonConvergenceWithout() throws {
        // x ≤ 0 is always false, x > 0 always true: the likelihood has no finite maximum.
        let xs = (0..<200).map { Double($0 - 100) / 10 + 0.05 }
        let data = try TrainingMatrix(flat: xs, columns: 1)
        let labels = xs.map { $0 > 0 }

        let unpenalised = try LogisticRegression(fitting: data, labels: labels)
        #expect(unpenalised.status != .converged)
        #expect(unpenalised.coefficients.allSatisfy { $0.isFinite })

        let ridged = try LogisticRegression(fitting: data, labels: labels, ridge: 1)
        #expect(ridged.status == .converged)
        #expect(ridged.coefficients[1] > 0 && ridged.coefficients[1].isFinite)
        #expect(try ridged.score([5]) > 0.9 && ridged.score([-5]) < 0.1)
    }

    @Test func badInputsThrowTypedErrors() throws {
        let data = try TrainingMatrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(throws: SegmentationError.mismatchedLengths(field: "labels", expected: 3, actual: 2)) {
            try LogisticRegression(fitting: data, labels: [true, false])
        }
        #expect(throws: SegmentationError.singleClass(field: "labels", value: true)) {
            try LogisticRegression(fitting: data, labels: [true, true, true])
        }
        #expect(throws: SegmentationError.self) { try LogisticRegression(fitting: data, labels: [true, false, true], ridge: -1) }
        let model = try LogisticRegression(fitting: data, labels: [true, false, true], ridge: 1)
        #expect(throws: SegmentationError.mismatchedLengths(field: "features", expected: 2, actual: 3)) { try model.score([1, 2, 3]) }
        do {
            _ = try model.score([1, .nan])
            Issue.record("a NaN feature must throw")
        } catch {
            guard case .notFinite(field: "features", index: 1, _) = error else { throw error }
        }
    }

    @Test func temporalSplitSeparatesFeatureAndLabelWindows() throws {
        let split = try TemporalSplit(cutoff: 100, horizon: 30)
        #expect(split.isFeatureTime(100) && !split.isFeatureTime(100.5))
        #expect(!split.isLabelTime(100) && split.isLabelTime(130) && !split.isLabelTime(130.5))
        #expect(split.label(outcomeTimes: [20, 90, 115]))
        #expect(!split.label(outcomeTimes: [20, 100, 131]))
        #expect(throws: SegmentationError.invalidParameter(field: "horizon", value: 0, requirement: "finite and > 0")) {
            try TemporalSplit(cutoff: 0, horizon: 0)
        }
    }
}
