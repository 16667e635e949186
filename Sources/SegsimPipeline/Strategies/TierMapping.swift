/// The three-way split of a risk or intent score that the pipeline acts on.
///
/// The raw value is the segment index, highest tier first, so index 0 means the same thing
/// ("act on these first") for logistic regression, the LACE rule and the oracle.
public enum SegmentTier: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The customers to act on first (top intent, high readmission risk).
    case high = 0
    /// The next band.
    case medium = 1
    /// Everyone else.
    case low = 2

    /// The segment names in index order: `["high", "medium", "low"]`.
    public static let names = allCases.map(\.description)

    /// The lower-case tier name.
    public var description: String {
        switch self {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }
}

/// Maps a score (a probability, or any number where larger means more likely) to a ``SegmentTier``
/// by two thresholds: `score >= highThreshold` is high, else `score >= mediumThreshold` is medium,
/// else low. A score equal to a threshold goes to the higher tier.
///
/// The thresholds are either fixed probabilities or quantiles of the scores of a training
/// population, which keeps the tier sizes stable when a model's calibration drifts.
public struct TierMapping: Sendable, Equatable {
    /// The lowest score that is high.
    public let highThreshold: Double
    /// The lowest score that is medium (at most ``highThreshold``).
    public let mediumThreshold: Double

    /// Fixed thresholds, for example `highAtLeast: 0.5, mediumAtLeast: 0.2` on a probability.
    /// - Throws: ``SegmentationError/invalidParameter(field:value:requirement:)`` unless both are
    ///   finite (or +∞, which empties the tier) and `mediumAtLeast <= highAtLeast`.
    public init(highAtLeast: Double, mediumAtLeast: Double) throws(SegmentationError) {
        guard !highAtLeast.isNaN, highAtLeast != -.infinity else {
            throw .invalidParameter(field: "highAtLeast", value: highAtLeast, requirement: "a number above -infinity")
        }
        guard !mediumAtLeast.isNaN, mediumAtLeast != -.infinity, mediumAtLeast <= highAtLeast else {
            throw .invalidParameter(field: "mediumAtLeast", value: mediumAtLeast, requirement: "a number <= highAtLeast")
        }
        highThreshold = highAtLeast
        mediumThreshold = mediumAtLeast
    }

    /// Thresholds at quantiles of `scores`: about the top `highFraction` of the training population
    /// is high and the next `mediumFraction` medium.
    ///
    /// With the scores sorted ascending as s₀ … sₙ₋₁, the high threshold is sₙ₋ₕ where
    /// h = round(highFraction · n), and the medium threshold is sₙ₋ₘ where
    /// m = round((highFraction + mediumFraction) · n); a count of 0 gives +∞ (the tier is empty).
    /// Ties at a threshold all go to the higher tier, so a tier can be larger than its fraction
    /// when scores repeat (as for a LACE total), but never depends on input order.
    /// - Throws: ``SegmentationError`` if `scores` is empty or not finite, or the fractions are not
    ///   in [0, 1] with a sum of at most 1.
    /// - Complexity: O(n log n).
    public init(fittingScores scores: [Double], highFraction: Double = 0.1, mediumFraction: Double = 0.3) throws(SegmentationError) {
        guard !scores.isEmpty else { throw .empty(field: "scores") }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(field: "scores", index: bad, value: scores[bad])
        }
        guard highFraction >= 0, highFraction <= 1 else {
            throw .invalidParameter(field: "highFraction", value: highFraction, requirement: "in [0, 1]")
        }
        guard mediumFraction >= 0, highFraction + mediumFraction <= 1 else {
            throw .invalidParameter(field: "mediumFraction", value: mediumFraction, requirement: "in [0, 1 - highFraction]")
        }
        let sorted = scores.sorted()
        let n = Double(sorted.count)
        func threshold(topFraction: Double) -> Double {
            let count = Int((topFraction * n).rounded())
            return count == 0 ? .infinity : sorted[sorted.count - count]
        }
        highThreshold = threshold(topFraction: highFraction)
        mediumThreshold = threshold(topFraction: highFraction + mediumFraction)
    }

    /// The tier of `score`; a NaN score is low (it compares false with both thresholds).
    /// - Complexity: O(1).
    @inlinable
    public func tier(for score: Double) -> SegmentTier {
        if score >= highThreshold { return .high }
        if score >= mediumThreshold { return .medium }
        return .low
    }
}
