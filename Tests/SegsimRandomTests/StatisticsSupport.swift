import Foundation
import SegsimRandom
import Testing
import Yams

/// Shared statistical checks. Every test uses a fixed seed, so a result is reproducible; the
/// tolerances below are chosen so that a correct sampler would fail only with negligible probability
/// for a random seed as well (≤ 10⁻³ per test, usually ≈ 10⁻⁶).

/// Tolerance in standard errors for moment checks: a normal deviate exceeds 5 with probability
/// 5.7 × 10⁻⁷, and at n ≥ 10⁵ the sample mean and variance are very nearly normal.
let standardErrors = 5.0

/// Significance level of the goodness-of-fit tests (KS and chi-square).
let significance = 0.001

/// The sample mean and the unbiased sample variance.
func sampleMoments(_ xs: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let squares = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, squares / (n - 1))
}

/// The fourth central moment from the raw moments E[X], E[X²], E[X³], E[X⁴].
func fourthCentralMoment(raw m: [Double]) -> Double {
    m[3] - 4 * m[0] * m[2] + 6 * m[0] * m[0] * m[1] - 3 * pow(m[0], 4)
}

/// Checks the sample mean and variance of `xs` against closed forms, each within
/// ``standardErrors`` standard errors: SE(mean) = σ/√n, and SE(s²) = √((μ₄ − σ⁴)/n), the
/// large-sample standard deviation of the sample variance (μ₄ the fourth central moment).
func expectMoments(
    _ xs: [Double], mean: Double, variance: Double, fourthCentral: Double,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let n = Double(xs.count)
    let sample = sampleMoments(xs)
    let meanError = (variance / n).squareRoot()
    let varianceError = ((fourthCentral - variance * variance) / n).squareRoot()
    // 5 standard errors of the mean (see `standardErrors`).
    #expect(abs(sample.mean - mean) <= standardErrors * meanError,
            "\(label): mean \(sample.mean) vs \(mean) (SE \(meanError))", sourceLocation: sourceLocation)
    // 5 standard errors of the sample variance.
    #expect(abs(sample.variance - variance) <= standardErrors * varianceError,
            "\(label): variance \(sample.variance) vs \(variance) (SE \(varianceError))", sourceLocation: sourceLocation)
}

/// The Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of `xs` against the CDF `cdf`.
func kolmogorovSmirnov(_ xs: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = xs.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
    }
    return d
}

/// The KS critical value of D at ``significance`` for sample size n, from the asymptotic
/// Kolmogorov quantile √(−ln(α/2)/2) with Stephens' (1970) finite-sample correction
/// D × (√n + 0.12 + 0.11/√n), accurate to about 1% for n ≥ 35.
func kolmogorovSmirnovCritical(n: Int) -> Double {
    let root = Double(n).squareRoot()
    return (-log(significance / 2) / 2).squareRoot() / (root + 0.12 + 0.11 / root)
}

/// Pearson's chi-square statistic of observed counts against expected counts.
func chiSquare(observed: [Int], expected: [Double]) -> Double {
    zip(observed, expected).reduce(0) { sum, pair in
        let difference = Double(pair.0) - pair.1
        return sum + difference * difference / pair.1
    }
}

/// Decodes each `document(yaml)` as `T` both from a composed node (as the scenario loader does, to
/// find line numbers: the error passes through) and from the string (Yams wraps the error in
/// `DecodingError.dataCorrupted`, from which it is still recoverable), and expects the message.
func expectYAMLErrors<T: Decodable>(
    _ type: T.Type, _ inputs: [(yaml: String, message: String)], document: (String) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    for input in inputs {
        let yaml = document(input.yaml)
        let node = try #require(try Yams.compose(yaml: yaml), sourceLocation: sourceLocation)
        #expect(sourceLocation: sourceLocation) {
            _ = try YAMLDecoder().decode(T.self, from: node)
        } throws: { error in
            (error as? DistributionError)?.description == input.message
        }
        #expect(sourceLocation: sourceLocation) {
            _ = try YAMLDecoder().decode(T.self, from: yaml)
        } throws: { error in
            DistributionError(unwrapping: error)?.description == input.message
        }
    }
}
