import CGSL
import Foundation

/// Binary logistic regression fitted by Newton–Raphson (iteratively reweighted least squares),
/// with an optional L2 ridge: retail purchase intent and healthcare readmission risk.
///
/// **Fitting.** Features are standardised with the training means and standard deviations, an
/// intercept is added, and Newton steps maximise ℓ(β) − (λ/2)·Σⱼ≥₁ βⱼ², the log-likelihood less a
/// ridge on the standardised slopes (never the intercept), so one λ treats features in seconds and in
/// counts alike. Each step solves the d+1 normal equations by Cholesky and is halved while it lowers
/// the objective. The fit stops when no coefficient moves by more than
/// `tolerance · (1 + |β|)`. Separable data have no finite maximum likelihood: with `ridge > 0`
/// the objective is strictly concave and the fit converges; with `ridge == 0` it ends as
/// ``Status/iterationLimit`` or ``Status/singularInformation`` — a value to report, never a trap.
///
/// **Temporal split.** Train on features computed up to a cut-off t and labels observed in
/// (t, t + H] (see ``TemporalSplit``), so no label leaks into the features.
///
/// **Standard errors** are the square roots of the diagonal of the inverse of the (penalised)
/// information matrix at the estimate — the inverse Fisher information when `ridge == 0` —
/// transformed to original units.
public struct LogisticRegression: Sendable, Equatable {
    /// How a fit ended.
    public enum Status: Sendable, Hashable {
        /// The coefficients stopped moving within the tolerance.
        case converged
        /// The iteration cap came first (typically separable data without a ridge).
        case iterationLimit
        /// The information matrix stopped being positive definite (fitted probabilities at 0 or 1,
        /// perfectly collinear features); the coefficients are the last good ones.
        case singularInformation
        /// No fraction of the Newton step improved the objective (the numerical limit was reached
        /// before the tolerance); the coefficients are the best found.
        case stalled
    }

    /// The centring and scaling fitted on the training data.
    public let standardisation: ColumnStandardisation
    /// The ridge λ on the standardised slopes.
    public let ridge: Double
    /// `[intercept, β₁ … β_d]` on the standardised features.
    public let standardisedCoefficients: [Double]
    /// `[intercept, b₁ … b_d]` in original feature units: logit p = b₀ + Σ bⱼ xⱼ.
    public let coefficients: [Double]
    /// The standard errors of ``coefficients`` (original units); NaN if the information was singular.
    public let standardErrors: [Double]
    /// The covariance of ``coefficients``, row-major (d+1) × (d+1); NaN if singular.
    public let covariance: [Double]
    /// The log-likelihood of the training data at the estimate (without the penalty).
    public let logLikelihood: Double
    /// The Newton iterations taken.
    public let iterations: Int
    /// How the fit ended.
    public let status: Status

    /// Whether the fit converged.
    public var converged: Bool { status == .converged }

    /// Fits P(label) from the rows of `data`.
    /// - Parameters:
    ///   - labels: one outcome per row, with both values present.
    ///   - ridge: λ ≥ 0; use a small positive value when the classes may be separable.
    ///   - tolerance: the convergence threshold on coefficient changes, > 0.
    ///   - maximumIterations: the Newton iteration cap, ≥ 1.
    /// - Throws: ``SegmentationError`` if the labels do not match the rows or are all one value, or
    ///   a parameter is out of range.
    /// - Complexity: O(iterations · n · d²) plus O(d³) per iteration.
    public init(
        fitting data: TrainingMatrix, labels: [Bool], ridge: Double = 0, tolerance: Double = 1e-8,
        maximumIterations: Int = 50
    ) throws(SegmentationError) {
        guard labels.count == data.rows else {
            throw .mismatchedLengths(field: "labels", expected: data.rows, actual: labels.count)
        }
        guard let first = labels.first, labels.contains(!first) else { throw .singleClass(field: "labels", value: labels.first ?? false) }
        guard ridge >= 0, ridge.isFinite else { throw .invalidParameter(field: "ridge", value: ridge, requirement: "finite and >= 0") }
        guard tolerance > 0, tolerance.isFinite else {
            throw .invalidParameter(field: "tolerance", value: tolerance, requirement: "finite and > 0")
        }
        guard maximumIterations >= 1 else {
            throw .invalidParameter(field: "maximumIterations", value: Double(maximumIterations), requirement: ">= 1")
        }

        let standardisation = ColumnStandardisation(fitting: data)
        let z = standardisation.standardised(data)
        let (n, d, p) = (data.rows, data.columns, data.columns + 1)
        let y = labels.map { $0 ? 1.0 : 0.0 }

        /// η for row i: β₀ + Σ βⱼ zᵢⱼ.
        func linear(_ beta: [Double], _ i: Int) -> Double {
            var eta = beta[0]
            for j in 0..<d { eta += beta[j + 1] * z[i * d + j] }
            return eta
        }
        func logLikelihood(_ beta: [Double]) -> Double {
            (0..<n).reduce(0.0) { sum, i in
                let eta = linear(beta, i)
                return sum + y[i] * eta - (max(eta, 0) + log1p(exp(-abs(eta))))
            }
        }
        func penalty(_ beta: [Double]) -> Double { 0.5 * ridge * beta.dropFirst().reduce(0) { $0 + $1 * $1 } }
        /// The penalised negative Hessian (information) and the gradient at β.
        func derivatives(_ beta: [Double]) -> (information: [Double], gradient: [Double]) {
            var information = [Double](repeating: 0, count: p * p)
            var gradient = [Double](repeating: 0, count: p)
            var row = [Double](repeating: 1, count: p)
            for i in 0..<n {
                for j in 0..<d { row[j + 1] = z[i * d + j] }
                let probability = Self.sigmoid(linear(beta, i))
                let weight = probability * (1 - probability)
                let residual = y[i] - probability
                for a in 0..<p {
                    gradient[a] += residual * row[a]
                    for b in 0...a { information[a * p + b] += weight * row[a] * row[b] }
                }
            }
            for a in 0..<p { for b in 0..<a { information[b * p + a] = information[a * p + b] } }
            for j in 1..<p {
                information[j * p + j] += ridge
                gradient[j] -= ridge * beta[j]
            }
            return (information, gradient)
        }

        var beta = [Double](repeating: 0, count: p)
        // Start the intercept at the logit of the base rate: one step closer for rare outcomes.
        let rate = y.reduce(0, +) / Double(n)
        beta[0] = log(rate / (1 - rate))
        var objective = logLikelihood(beta) - penalty(beta)
        var status = Status.iterationLimit
        var iterations = 0
        while iterations < maximumIterations {
            iterations += 1
            let (information, gradient) = derivatives(beta)
            guard let factor = Cholesky(information, order: p) else {
                status = .singularInformation
                break
            }
            let step = factor.solve(gradient)
            var scale = 1.0
            var candidate = beta
            var candidateObjective = -Double.infinity
            var improved = false
            // Halve until the objective does not fall (by more than rounding); 30 halvings is 1e-9.
            for _ in 0..<30 {
                candidate = zip(beta, step).map { $0 + scale * $1 }
                candidateObjective = logLikelihood(candidate) - penalty(candidate)
                if candidateObjective >= objective - 1e-12 * abs(objective) {
                    improved = true
                    break
                }
                scale /= 2
            }
            guard candidate.allSatisfy(\.isFinite), candidateObjective.isFinite else {
                status = .singularInformation
                break
            }
            guard improved else {
                status = .stalled
                break
            }
            let settled = zip(beta, candidate).allSatisfy { abs($1 - $0) <= tolerance * (1 + abs($0)) }
            (beta, objective) = (candidate, candidateObjective)
            if settled {
                status = .converged
                break
            }
        }

        // Original units: b = A β with A₀₀ = 1, A₀ⱼ = −mⱼ/sⱼ, Aⱼⱼ = 1/sⱼ; covariance A Σ Aᵀ.
        var transform = [Double](repeating: 0, count: p * p)
        transform[0] = 1
        for j in 0..<d {
            transform[j + 1] = -standardisation.means[j] / standardisation.scales[j]
            transform[(j + 1) * p + j + 1] = 1 / standardisation.scales[j]
        }
        let original = (0..<p).map { a in (0..<p).reduce(0.0) { $0 + transform[a * p + $1] * beta[$1] } }
        var covariance = [Double](repeating: .nan, count: p * p)
        if let factor = Cholesky(derivatives(beta).information, order: p) {
            let inverse = factor.inverse()
            for a in 0..<p {
                for b in 0..<p {
                    var sum = 0.0
                    for u in 0..<p { for v in 0..<p { sum += transform[a * p + u] * inverse[u * p + v] * transform[b * p + v] } }
                    covariance[a * p + b] = sum
                }
            }
        }

        self.standardisation = standardisation
        self.ridge = ridge
        self.standardisedCoefficients = beta
        self.coefficients = original
        self.covariance = covariance
        self.standardErrors = (0..<p).map { covariance[$0 * p + $0].squareRoot() }
        self.logLikelihood = logLikelihood(beta)
        self.iterations = iterations
        self.status = status
    }

    /// The fitted probability for one customer's features, in the training column order.
    /// - Throws: ``SegmentationError`` if `features` has the wrong length or a non-finite value.
    /// - Complexity: O(d), no allocation.
    public func score(_ features: [Double]) throws(SegmentationError) -> Double {
        try features.validateFeatureRow(expected: coefficients.count - 1, field: "features")
        var eta = coefficients[0]
        for j in features.indices { eta += coefficients[j + 1] * features[j] }
        return Self.sigmoid(eta)
    }

    /// The fitted probabilities of every row of `data` (for fitting a ``TierMapping`` on the
    /// training scores, or for an AUC).
    /// - Throws: ``SegmentationError`` if `data` has the wrong number of columns.
    public func scores(_ data: TrainingMatrix) throws(SegmentationError) -> [Double] {
        guard data.columns == coefficients.count - 1 else {
            throw .mismatchedLengths(field: "features.columns", expected: coefficients.count - 1, actual: data.columns)
        }
        var result = [Double]()
        result.reserveCapacity(data.rows)
        for i in 0..<data.rows {
            var eta = coefficients[0]
            for j in 0..<data.columns { eta += coefficients[j + 1] * data.values[i * data.columns + j] }
            result.append(Self.sigmoid(eta))
        }
        return result
    }

    /// 1 / (1 + e^−η) without overflow for large |η|.
    static func sigmoid(_ eta: Double) -> Double {
        if eta >= 0 { return 1 / (1 + segsim_exp(-eta)) }
        let e = segsim_exp(eta)
        return e / (1 + e)
    }
}

/// The cut-off t and horizon H of a temporal train/label split: features use events at or before
/// t, the label is whether the outcome (a purchase, a readmission) happens in (t, t + H].
public struct TemporalSplit: Sendable, Equatable {
    /// t: the last instant whose events may enter the features.
    public let cutoff: Double
    /// H: the length of the label window after the cut-off, > 0.
    public let horizon: Double

    /// A split at `cutoff` with label window `horizon` (same time unit as the events).
    /// - Throws: ``SegmentationError/invalidParameter(field:value:requirement:)`` unless both are
    ///   finite and `horizon > 0`.
    public init(cutoff: Double, horizon: Double) throws(SegmentationError) {
        guard cutoff.isFinite else { throw .invalidParameter(field: "cutoff", value: cutoff, requirement: "finite") }
        guard horizon > 0, horizon.isFinite else {
            throw .invalidParameter(field: "horizon", value: horizon, requirement: "finite and > 0")
        }
        self.cutoff = cutoff
        self.horizon = horizon
    }

    /// Whether an event at `time` may be used for features.
    public func isFeatureTime(_ time: Double) -> Bool { time <= cutoff }

    /// Whether an event at `time` falls in the label window (t, t + H].
    public func isLabelTime(_ time: Double) -> Bool { time > cutoff && time <= cutoff + horizon }

    /// The label of a customer with outcome events at `times`: true if any is in the label window.
    public func label<Times: Sequence<Double>>(outcomeTimes times: Times) -> Bool { times.contains(where: isLabelTime) }
}

/// A Cholesky factor L (lower, row-major) of a symmetric positive definite matrix, for the small
/// (d+1) × (d+1) systems of the Newton steps.
private struct Cholesky {
    let lower: [Double]
    let order: Int

    /// Factors `matrix`, or nil if it is not numerically positive definite.
    init?(_ matrix: [Double], order n: Int) {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 1e-12 * max(1, abs(matrix[i * n + i])), sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        lower = l
        order = n
    }

    /// x with L Lᵀ x = b.
    func solve(_ b: [Double]) -> [Double] {
        let n = order
        var x = b
        for i in 0..<n {
            for k in 0..<i { x[i] -= lower[i * n + k] * x[k] }
            x[i] /= lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= lower[k * n + i] * x[k] }
            x[i] /= lower[i * n + i]
        }
        return x
    }

    /// (L Lᵀ)⁻¹, row-major.
    func inverse() -> [Double] {
        let n = order
        var result = [Double](repeating: 0, count: n * n)
        for column in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[column] = 1
            for (row, value) in solve(unit).enumerated() { result[row * n + column] = value }
        }
        return result
    }
}
