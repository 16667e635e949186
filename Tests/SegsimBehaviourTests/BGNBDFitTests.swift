import Foundation
import Testing
import SegsimBehaviour

/// Conformance by fitting: BG/NBD maximum likelihood on the generator's BTYD summaries must give
/// back the parameters it was run with.
@Suite struct BGNBDFitTests {
    /// Minimises `f` from `start` with the Nelder–Mead simplex (standard coefficients), until the
    /// simplex's values agree to `tolerance`.
    static func nelderMead(_ f: ([Double]) -> Double, start: [Double], step: Double = 0.3, tolerance: Double = 1e-4,
                           iterations: Int = 2_000) -> [Double] {
        let n = start.count
        var simplex = [start] + (0..<n).map { i in var p = start; p[i] += step; return p }
        var values = simplex.map(f)
        for _ in 0..<iterations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] < tolerance { break }
            let centroid = (0..<n).map { j in simplex.dropLast().reduce(0) { $0 + $1[j] } / Double(n) }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded)
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (simplex[n], values[n]) = (reflected, fr)
            } else {
                let contracted = along(0.5), fc = f(contracted)
                if fc < values[n] {
                    (simplex[n], values[n]) = (contracted, fc)
                } else {
                    for i in 1...n { simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) } }
                    values = simplex.map(f)
                }
            }
        }
        return simplex[values.indices.min { values[$0] < values[$1] } ?? 0]
    }

    @Test func maximumLikelihoodRecoversTheCDNOWParameters() throws {
        // CDNOW-like panel: joins over 12 weeks, observed until week 39 (T from 27 to 39 weeks).
        var parameters = RetailParameters()
        parameters.customers = 20_000
        parameters.acquisitionStart = 0
        parameters.acquisitionEnd = 12 * RetailParameters.secondsPerWeek
        parameters.sessions.perWeek = 0
        parameters.conformance = true
        let end = 39 * RetailParameters.secondsPerWeek
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 31))
        while stream.next(notAfter: end) != nil {}
        let summaries = (0..<parameters.customers).map { stream.model.truth(of: $0, at: end) }
        func negativeLogLikelihood(_ logParameters: [Double]) -> Double {
            let (r, alpha, a, b) = (exp(logParameters[0]), exp(logParameters[1]), exp(logParameters[2]), exp(logParameters[3]))
            return -summaries.reduce(0) {
                $0 + BuyTillYouDie.logLikelihood(x: $1.frequency, tx: $1.recencyWeeks, T: $1.ageWeeks, r: r, alpha: alpha, a: a, b: b)
            }
        }
        let fit = Self.nelderMead(negativeLogLikelihood, start: [log(0.5), log(2), log(1), log(1)]).map(exp)
        // Published CDNOW standard errors at n = 2,357 (r 0.0125, α 0.378, a 0.186, b 0.703) scale by
        // √(2357/20000) ≈ 0.343; allow 4 of them: r ±0.017, α ±0.52, a ±0.26, b ±0.96.
        let truth = RetailParameters.Purchases()
        #expect(abs(fit[0] - truth.r) < 0.017, "r \(fit[0])")
        #expect(abs(fit[1] - truth.alpha) < 0.52, "alpha \(fit[1])")
        #expect(abs(fit[2] - truth.a) < 0.26, "a \(fit[2])")
        #expect(abs(fit[3] - truth.b) < 0.96, "b \(fit[3])")
        print("BG/NBD fit on \(parameters.customers) generated customers: r \(fit[0]), alpha \(fit[1]), a \(fit[2]), b \(fit[3])")
    }
}
