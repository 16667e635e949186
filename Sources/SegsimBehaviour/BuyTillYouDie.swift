import CGSL
import Foundation

/// Closed forms of the BG/NBD and Gamma-Gamma models (Fader, Hardie & Lee 2005), used to check
/// the generator in conformance mode and as the analytic reference users calibrate against.
public enum BuyTillYouDie {
    /// E[X(t)], the expected number of repeat purchases in (0, t] of a customer who made the
    /// first purchase at 0 (eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
    /// - Parameters: t in the unit of α (weeks for the CDNOW fit); requires a > 1.
    public static func expectedRepeatPurchases(t: Double, r: Double, alpha: Double, a: Double, b: Double) -> Double {
        let hypergeometric = gsl_sf_hyperg_2F1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * (1 - pow(alpha / (alpha + t), r) * hypergeometric)
    }

    /// P(X(t) = 0) = (α/(α+t))^r: no repeat purchase in (0, t]. Dropout happens only after a
    /// repeat purchase, so this is the negative-binomial zero term alone.
    public static func probabilityOfNoRepeat(t: Double, r: Double, alpha: Double) -> Double {
        pow(alpha / (alpha + t), r)
    }

    /// The Gamma-Gamma expected order value over customers, pγ/(q − 1) (requires q > 1).
    public static func expectedOrderValue(p: Double, q: Double, gamma: Double) -> Double {
        p * gamma / (q - 1)
    }

    /// The BG/NBD log-likelihood of one customer's BTYD summary (eq. 6): frequency `x`,
    /// recency `tx` and age `T` (same time unit as α). Summed over customers and maximised, it
    /// fits (r, α, a, b) — how users calibrate, and how the generator's conformance is checked.
    public static func logLikelihood(x: Int, tx: Double, T: Double, r: Double, alpha: Double, a: Double, b: Double) -> Double {
        let n = Double(x)
        let common = gsl_sf_lngamma(r + n) - gsl_sf_lngamma(r) + r * log(alpha)
        let betaTerm = gsl_sf_lnbeta(a, b + n) - gsl_sf_lnbeta(a, b)
        let alive = common + betaTerm - (r + n) * log(alpha + T)
        guard x > 0 else { return alive }
        let dropped = common + gsl_sf_lnbeta(a + 1, b + n - 1) - gsl_sf_lnbeta(a, b) - (r + n) * log(alpha + tx)
        // log(e^alive + e^dropped), computed stably.
        let high = max(alive, dropped)
        return high + log(exp(alive - high) + exp(dropped - high))
    }
}
