import CGSL
import Foundation
import SegsimRandom
import Testing

@Suite("Goodness of fit")
struct GoodnessOfFitTests {
    /// 50,000 draws: the KS critical value at α = 0.001 is then D ≈ 0.0087.
    static let ksSampleSize = 50_000
    /// 100,000 draws for the chi-square tests: every bin below expects well over 5 counts.
    static let chiSquareSampleSize = 100_000

    @Test("exponential draws pass Kolmogorov–Smirnov against GSL's exponential CDF")
    func exponentialKS() {
        let stream = RandomStream(runSeed: 11, purpose: "ks.exponential")
        let xs = (0..<Self.ksSampleSize).map { _ in stream.exponential(mean: 2) }
        let d = kolmogorovSmirnov(xs) { gsl_cdf_exponential_P($0, 2) }
        // KS critical value at significance 0.001 (Stephens' finite-n correction).
        #expect(d < kolmogorovSmirnovCritical(n: xs.count), "D = \(d)")
    }

    @Test("the KS check has power: it rejects a mean off by 5%")
    func kolmogorovSmirnovRejectsWrongMean() {
        let stream = RandomStream(runSeed: 11, purpose: "ks.exponential")
        let xs = (0..<Self.ksSampleSize).map { _ in stream.exponential(mean: 2) }
        let d = kolmogorovSmirnov(xs) { gsl_cdf_exponential_P($0, 2.1) }
        // A 5% scale error shifts the CDF by up to ≈ 0.018, twice the critical value.
        #expect(d > kolmogorovSmirnovCritical(n: xs.count), "D = \(d)")
    }

    @Test("gamma draws pass Kolmogorov–Smirnov against GSL's gamma CDF (shape and scale)",
          arguments: [(2.5, 0.4), (0.5, 3.0)])
    func gammaKS(shape: Double, scale: Double) {
        let stream = RandomStream(runSeed: 12, purpose: "ks.gamma.\(shape)")
        let xs = (0..<Self.ksSampleSize).map { _ in stream.gamma(shape: shape, scale: scale) }
        let d = kolmogorovSmirnov(xs) { gsl_cdf_gamma_P($0, shape, scale) }
        // KS critical value at significance 0.001 (Stephens' finite-n correction).
        #expect(d < kolmogorovSmirnovCritical(n: xs.count), "D = \(d)")
    }

    /// Poisson counts in bins: below `low`, each of `low...high`, above `high`.
    @Test("Poisson counts pass a chi-square test", arguments: [(3.0, 0, 9), (100.0, 75, 125)])
    func poissonChiSquare(mean: Double, low: Int, high: Int) {
        let stream = RandomStream(runSeed: 13, purpose: "chisq.poisson.\(mean)")
        let n = Self.chiSquareSampleSize
        var observed = Array(repeating: 0, count: high - low + 3)  // [< low] + low...high + [> high]
        for _ in 0..<n {
            let k = stream.poisson(mean: mean)
            observed[k < low ? 0 : k > high ? observed.count - 1 : k - low + 1] += 1
        }
        var probabilities = [low > 0 ? gsl_cdf_poisson_P(UInt32(low - 1), mean) : 0]
        probabilities += (low...high).map { gsl_ran_poisson_pdf(UInt32($0), mean) }
        probabilities.append(gsl_cdf_poisson_Q(UInt32(high), mean))
        if low == 0 {  // no lower tail bin
            observed.removeFirst()
            probabilities.removeFirst()
        }
        let expected = probabilities.map { $0 * Double(n) }
        #expect(expected.allSatisfy { $0 >= 5 })  // the chi-square approximation's usual condition
        let statistic = chiSquare(observed: observed, expected: expected)
        let critical = Quantiles.chiSquare(1 - significance, degreesOfFreedom: Double(expected.count - 1))
        // Chi-square test at significance 0.001, bins − 1 degrees of freedom.
        #expect(statistic < critical, "χ² = \(statistic), critical \(critical)")
    }
}
