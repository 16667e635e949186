import Foundation
import SegsimRandom
import Testing

/// One sampler under test with its closed-form mean, variance and fourth central moment.
enum MomentCase: Sendable, CustomTestStringConvertible {
    case exponential(mean: Double)
    case gamma(shape: Double, scale: Double)
    case beta(a: Double, b: Double)
    case lognormal(logMean: Double, logStandardDeviation: Double)
    case normal(mean: Double, standardDeviation: Double)
    case poisson(mean: Double)
    case negativeBinomial(successProbability: Double, size: Double)
    case bernoulli(Double)
    case weibull(scale: Double, shape: Double)

    /// Covers each sampler, and both of GSL's algorithm regimes for gamma (shape < 1 boosts a
    /// shape + 1 draw) and Poisson (small means invert, large ones recurse through gamma/binomial).
    static let all: [MomentCase] = [
        .exponential(mean: 2),
        .gamma(shape: 2.5, scale: 0.4),
        .gamma(shape: 0.5, scale: 3),
        .beta(a: 2, b: 5),
        .lognormal(logMean: 0.1, logStandardDeviation: 0.5),
        .normal(mean: 3, standardDeviation: 2),
        .poisson(mean: 3),
        .poisson(mean: 100),
        .negativeBinomial(successProbability: 0.3, size: 4.5),
        .bernoulli(0.3),
        .weibull(scale: 2, shape: 1.5),
    ]

    var testDescription: String { "\(self)" }

    func draw(_ stream: RandomStream) -> Double {
        switch self {
        case let .exponential(mean): stream.exponential(mean: mean)
        case let .gamma(shape, scale): stream.gamma(shape: shape, scale: scale)
        case let .beta(a, b): stream.beta(a: a, b: b)
        case let .lognormal(mu, sigma): stream.lognormal(logMean: mu, logStandardDeviation: sigma)
        case let .normal(mean, sd): stream.normal(mean: mean, standardDeviation: sd)
        case let .poisson(mean): Double(stream.poisson(mean: mean))
        case let .negativeBinomial(p, n): Double(stream.negativeBinomial(successProbability: p, size: n))
        case let .bernoulli(p): stream.bernoulli(p) ? 1 : 0
        case let .weibull(scale, shape): stream.weibull(scale: scale, shape: shape)
        }
    }

    /// (mean, variance, fourth central moment) in closed form.
    var moments: (mean: Double, variance: Double, fourthCentral: Double) {
        switch self {
        case let .exponential(m):
            return (m, m * m, 9 * pow(m, 4))
        case let .gamma(k, theta):
            let variance = k * theta * theta
            return (k * theta, variance, variance * variance * (3 + 6 / k))  // excess kurtosis 6/k
        case let .beta(a, b):
            // E[X^j] = Π_{r<j} (a + r)/(a + b + r)
            let raw = (1...4).map { j in (0..<j).reduce(1.0) { $0 * (a + Double($1)) / (a + b + Double($1)) } }
            return (raw[0], raw[1] - raw[0] * raw[0], fourthCentralMoment(raw: raw))
        case let .lognormal(mu, sigma):
            let raw = (1...4).map { j in exp(Double(j) * mu + Double(j * j) * sigma * sigma / 2) }
            return (raw[0], raw[1] - raw[0] * raw[0], fourthCentralMoment(raw: raw))
        case let .normal(mean, sd):
            return (mean, sd * sd, 3 * pow(sd, 4))
        case let .poisson(lambda):
            return (lambda, lambda, lambda * (1 + 3 * lambda))
        case let .negativeBinomial(p, n):
            let variance = n * (1 - p) / (p * p)
            let excessKurtosis = 6 / n + p * p / (n * (1 - p))
            return (n * (1 - p) / p, variance, variance * variance * (3 + excessKurtosis))
        case let .bernoulli(p):
            let pq = p * (1 - p)
            return (p, pq, pq * (1 - 3 * pq))
        case let .weibull(scale, shape):
            // E[X^j] = λ^j Γ(1 + j/k)
            let raw = (1...4).map { j in pow(scale, Double(j)) * tgamma(1 + Double(j) / shape) }
            return (raw[0], raw[1] - raw[0] * raw[0], fourthCentralMoment(raw: raw))
        }
    }
}

@Suite("Distribution moments")
struct DistributionMomentTests {
    /// 200,000 draws: the 5-SE band on the mean is then ≈ 1.1% of σ, tight enough to catch a
    /// mixed-up parameterisation (mean vs rate, scale vs rate), which moves the mean by far more.
    static let sampleSize = 200_000

    @Test("sample mean and variance match the closed forms", arguments: MomentCase.all)
    func moments(_ distribution: MomentCase) {
        let stream = RandomStream(runSeed: 2024, purpose: "moments.\(distribution)")
        let xs = (0..<Self.sampleSize).map { _ in distribution.draw(stream) }
        let expected = distribution.moments
        // Tolerance: 5 standard errors of the mean and of the variance (see expectMoments).
        expectMoments(xs, mean: expected.mean, variance: expected.variance,
                      fourthCentral: expected.fourthCentral, "\(distribution)")
    }

    @Test("uniformInteger covers 0..<n evenly")
    func uniformInteger() {
        let stream = RandomStream(runSeed: 2024, purpose: "uniformInteger")
        let n = 7
        let draws = 70_000
        var counts = Array(repeating: 0, count: n)
        for _ in 0..<draws { counts[stream.uniformInteger(below: n)] += 1 }
        let statistic = chiSquare(observed: counts, expected: Array(repeating: Double(draws) / Double(n), count: n))
        // Chi-square test at significance 0.001 with n − 1 degrees of freedom.
        #expect(statistic < Quantiles.chiSquare(1 - significance, degreesOfFreedom: Double(n - 1)))
    }
}
