/// The outcomes of a scored population, ranked by descending score: the one sort behind the AUC,
/// lift by decile and the cumulative gains curve.
///
/// Ranking builds one 64-bit key per customer (the score's order-preserving bit pattern above the
/// outcome) and radix-sorts the keys: linear time, no per-element allocation, and ties
/// between equal scores broken deterministically by ascending customer index. Build it once per
/// snapshot and query it for every ranking metric (under half a second for 10⁷ customers in a
/// release build, versus about 2 s with a comparison sort and a gather of the outcomes).
public struct ScoreRanking: Sendable, Hashable {
    /// Customer outcomes in rank order: highest score first, equal scores by ascending index.
    public let rankedOutcomes: [Bool]
    /// All positive outcomes.
    public let positives: Int
    /// The area under the ROC curve, with ties counted as half (see ``rocAUC``).
    public let rocAUC: MetricValue

    /// Ranks `outcomes` by `scores` (larger scores first) and computes the AUC.
    /// - Throws: ``MetricError`` on mismatched lengths or a NaN score. Infinite scores are
    ///   allowed and rank first or last.
    /// - Complexity: O(n) time; 17n bytes of scratch while sorting, n bytes kept.
    public init(scores: [Float], outcomes: [Bool]) throws(MetricError) {
        try validateLength(outcomes.count, expected: scores.count, field: "outcomes")
        if let index = scores.firstIndex(where: { $0.isNaN }) { throw .notFinite(field: "scores", index: index) }

        // Key: the complemented score bits above the outcome bit, so ascending keys are descending
        // scores. The outcome travels with its key (no random-access gather after the sort, which
        // would cost a cache miss per customer), and the sort is stable, so equal scores stay in
        // ascending index order.
        var keys = [UInt64](repeating: 0, count: scores.count)
        keys.withUnsafeMutableBufferPointer { keyBuffer in
            scores.withUnsafeBufferPointer { scoreBuffer in
                outcomes.withUnsafeBufferPointer { outcomeBuffer in
                    for i in 0..<scoreBuffer.count {
                        keyBuffer[i] = UInt64(~Self.orderedBits(scoreBuffer[i])) << 32 | (outcomeBuffer[i] ? 1 : 0)
                    }
                }
            }
        }
        radixSortByUpperHalf(&keys)

        // One pass down the ranking: outcomes in rank order, and the Mann–Whitney count of
        // (positive, negative) pairs where the positive ranks strictly above, plus half the ties.
        // Twice that count is an exact integer: at most 2 · (n/2)² < 2⁶³ for n < 4·10⁹.
        var ranked = [Bool](repeating: false, count: scores.count)
        var positives = 0
        var twiceConcordant = 0
        ranked.withUnsafeMutableBufferPointer { rankedBuffer in
            keys.withUnsafeBufferPointer { keyBuffer in
                var groupStart = 0
                while groupStart < keyBuffer.count {
                    let groupScore = keyBuffer[groupStart] >> 32
                    var groupEnd = groupStart
                    var groupPositives = 0
                    while groupEnd < keyBuffer.count, keyBuffer[groupEnd] >> 32 == groupScore {
                        let outcome = keyBuffer[groupEnd] & 1 != 0
                        rankedBuffer[groupEnd] = outcome
                        groupPositives &+= outcome ? 1 : 0
                        groupEnd += 1
                    }
                    let groupNegatives = (groupEnd - groupStart) - groupPositives
                    // Positives ranked above (all earlier groups) beat these negatives; ties count half.
                    twiceConcordant &+= groupNegatives &* (2 &* positives &+ groupPositives)
                    positives &+= groupPositives
                    groupStart = groupEnd
                }
            }
        }
        self.rankedOutcomes = ranked
        self.positives = positives
        let negatives = scores.count - positives
        if scores.isEmpty {
            rocAUC = .notApplicable(reason: "no customers")
        } else if positives == 0 || negatives == 0 {
            rocAUC = .notApplicable(reason: positives == 0 ? "no positive outcomes" : "no negative outcomes")
        } else {
            rocAUC = .value(Double(twiceConcordant) / (2 * Double(positives) * Double(negatives)))
        }
    }

    /// The number of customers ranked.
    public var customers: Int { rankedOutcomes.count }

    /// The positive rate of the whole population; not applicable without customers.
    public var overallRate: MetricValue { SegsimMetrics.overallRate(customers: customers, positives: positives) }

    /// A 32-bit key whose unsigned order is the numeric order of `x` (not NaN); −0 and +0 map
    /// to the same key so that they tie.
    static func orderedBits(_ x: Float) -> UInt32 {
        let bits = (x == 0 ? Float(0) : x).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }
}
