import Foundation
import SegsimRandom
import SegsimMetrics

/// Whether `value` holds a number within `tolerance` of `expected`.
func isClose(_ value: MetricValue, _ expected: Double, tolerance: Double) -> Bool {
    guard let x = value.number else { return false }
    return abs(x - expected) <= tolerance
}

/// Whether `value` is not applicable (with a non-empty reason).
func isNotApplicable(_ value: MetricValue) -> Bool {
    guard let reason = value.notApplicableReason else { return false }
    return !reason.isEmpty
}

extension SplitMix64 {
    /// A standard normal draw by Box–Muller (tests only: one of the pair is discarded).
    mutating func standardNormal() -> Double {
        let u = 1 - uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
