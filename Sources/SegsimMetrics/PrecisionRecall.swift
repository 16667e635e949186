/// Precision and recall of one segment as a detector of a latent truth.
///
/// Answers "is the top segment the customers whose intent is really high?": precision is the
/// share of the segment that has the trait, recall the share of all customers with the trait
/// that the segment holds.
public struct PrecisionRecall: Sendable, Hashable, Codable {
    /// Customers in the segment with the trait.
    public let truePositives: Int
    /// Customers in the segment.
    public let selected: Int
    /// Customers with the trait, in any segment.
    public let relevant: Int
    /// `truePositives / selected`; not applicable for an empty segment.
    public let precision: MetricValue
    /// `truePositives / relevant`; not applicable when nobody has the trait.
    public let recall: MetricValue

    /// Scores `segment` of a snapshot against `truth`.
    /// - Parameters:
    ///   - segments: each customer's segment index.
    ///   - truth: whether each customer has the latent trait (e.g. intent is high).
    ///   - segment: the segment taken as the positive prediction.
    /// - Throws: ``MetricError/mismatchedLengths(field:expected:actual:)``.
    /// - Complexity: O(n).
    public init(segments: [UInt8], truth: [Bool], segment: UInt8) throws(MetricError) {
        try validateLength(truth.count, expected: segments.count, field: "truth")
        var hits = 0, selected = 0, relevant = 0
        segments.withUnsafeBufferPointer { segmentBuffer in
            truth.withUnsafeBufferPointer { truthBuffer in
                for i in 0..<segmentBuffer.count {
                    let inSegment = segmentBuffer[i] == segment ? 1 : 0
                    let hasTrait = truthBuffer[i] ? 1 : 0
                    selected &+= inSegment
                    relevant &+= hasTrait
                    hits &+= inSegment & hasTrait
                }
            }
        }
        truePositives = hits
        self.selected = selected
        self.relevant = relevant
        precision = selected > 0
            ? .value(Double(hits) / Double(selected))
            : .notApplicable(reason: "segment \(segment) is empty")
        recall = relevant > 0
            ? .value(Double(hits) / Double(relevant))
            : .notApplicable(reason: "no customer has the trait")
    }
}
