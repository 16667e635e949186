import Foundation

/// The population stability index between two segment-size distributions.
///
/// Counts are turned into shares and compared as PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), a symmetrised
/// Kullback–Leibler divergence. A share of 0 (an empty segment) is floored at `epsilon` in the
/// logarithm's arguments and the difference, without renormalising, so an emptied or new segment
/// contributes a large but finite term. See ``PopulationShift`` for the usual reading.
/// - Parameters:
///   - expected: customers per segment in the reference snapshot.
///   - actual: customers per segment in the snapshot under study, same segments.
///   - epsilon: the floor for shares, default 10⁻⁴; must be in (0, 1).
/// - Returns: not applicable when either snapshot has no customers.
/// - Throws: ``MetricError`` on mismatched lengths, a negative count or a bad `epsilon`.
/// - Complexity: O(k).
public func populationStabilityIndex(expected: [Int], actual: [Int], epsilon: Double = 1e-4) throws(MetricError) -> MetricValue {
    try validateLength(actual.count, expected: expected.count, field: "actual")
    guard epsilon > 0, epsilon < 1 else {
        throw .invalidParameter(field: "epsilon", value: epsilon, requirement: "in (0, 1)")
    }
    if let index = expected.firstIndex(where: { $0 < 0 }) {
        throw .invalidParameter(field: "expected[\(index)]", value: Double(expected[index]), requirement: ">= 0")
    }
    if let index = actual.firstIndex(where: { $0 < 0 }) {
        throw .invalidParameter(field: "actual[\(index)]", value: Double(actual[index]), requirement: ">= 0")
    }
    let expectedTotal = Double(expected.reduce(0, +))
    let actualTotal = Double(actual.reduce(0, +))
    guard expectedTotal > 0 else { return .notApplicable(reason: "the expected snapshot has no customers") }
    guard actualTotal > 0 else { return .notApplicable(reason: "the actual snapshot has no customers") }
    var index = 0.0
    for i in expected.indices {
        let e = max(Double(expected[i]) / expectedTotal, epsilon)
        let a = max(Double(actual[i]) / actualTotal, epsilon)
        index += (a - e) * log(a / e)
    }
    return .value(index)
}
