/// The classic named RFM segments, laid out on the grid of the recency score R (rows) and the
/// frequency–monetary score FM = ⌊(F + M) / 2⌋ (columns), both 1–5.
///
/// The grid is the ten-segment R×F map common to RFM tutorials (for example the `seg_map` of the
/// widely copied "RFM analysis" notebooks: Champions `5[4-5]`, Loyal Customers `[3-4][4-5]`,
/// Potential Loyalists `[4-5][2-3]`, New Customers `51`, Promising `41`, Need Attention `33`,
/// About to Sleep `3[1-2]`, At Risk `[1-2][3-4]`, Can't Lose Them `[1-2]5`, Hibernating
/// `[1-2][1-2]`), read with FM in place of F, and with the worst cell (R 1, FM 1) split off as
/// Lost, as in Putler's eleven-segment R×FM chart. Every one of the 25 cells has exactly one segment.
public enum RFMSegment: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// R 5, FM 4–5: bought recently, buy often and spend the most.
    case champions = 0
    /// R 3–4, FM 4–5: frequent, high spenders, not quite the most recent.
    case loyalCustomers
    /// R 4–5, FM 2–3: recent customers with average frequency and spend.
    case potentialLoyalists
    /// R 5, FM 1: bought very recently, little history yet.
    case newCustomers
    /// R 4, FM 1: recent, low frequency and spend.
    case promising
    /// R 3, FM 3: average on every count.
    case needAttention
    /// R 3, FM 1–2: fading, low value.
    case aboutToSleep
    /// R 1–2, FM 3–4: used to buy well, not recently.
    case atRisk
    /// R 1–2, FM 5: the best customers of the past, gone quiet.
    case cantLoseThem
    /// R 1–2, FM 1–2 except (1, 1): long quiet, low value.
    case hibernating
    /// R 1, FM 1: the lowest score on every count.
    case lost

    /// The segment names in index order.
    public static let names = allCases.map(\.description)

    /// The segment of recency score `r` and frequency–monetary score `fm`, both 1–5.
    /// - Precondition: `1...5` for both (``RFMSegmentation`` only produces such scores); other
    ///   values give an unspecified segment, never a trap.
    public init(r: Int, fm: Int) {
        switch (r, fm) {
        case (5, 4...): self = .champions
        case (3...4, 4...): self = .loyalCustomers
        case (4...5, 2...3): self = .potentialLoyalists
        case (5, _): self = .newCustomers
        case (4, _): self = .promising
        case (3, 3): self = .needAttention
        case (3, _): self = .aboutToSleep
        case (_, 5): self = .cantLoseThem
        case (_, 3...4): self = .atRisk
        case (1, 1): self = .lost
        default: self = .hibernating
        }
    }

    /// The segment's conventional name, e.g. "Can't Lose Them".
    public var description: String {
        switch self {
        case .champions: "Champions"
        case .loyalCustomers: "Loyal Customers"
        case .potentialLoyalists: "Potential Loyalists"
        case .newCustomers: "New Customers"
        case .promising: "Promising"
        case .needAttention: "Need Attention"
        case .aboutToSleep: "About to Sleep"
        case .atRisk: "At Risk"
        case .cantLoseThem: "Can't Lose Them"
        case .hibernating: "Hibernating"
        case .lost: "Lost"
        }
    }
}

/// One customer's RFM result: the three quintile scores and the named segment.
public struct RFMAssignment: Sendable, Hashable {
    /// Recency score 1–5; 5 is the most recent fifth.
    public let recency: Int
    /// Frequency score 1–5; 5 is the most frequent fifth.
    public let frequency: Int
    /// Monetary score 1–5; 5 is the highest-spending fifth.
    public let monetary: Int
    /// The named segment from R and FM = ⌊(F + M) / 2⌋.
    public let segment: RFMSegment

    /// The segment index (``RFMSegment`` raw value).
    public var segmentIndex: Int { segment.rawValue }
    /// The segment name.
    public var segmentName: String { segment.description }
    /// The frequency–monetary score ⌊(F + M) / 2⌋.
    public var frequencyMonetary: Int { (frequency + monetary) / 2 }

    /// Declared so that the inlinable ``RFMSegmentation/assign(recency:frequency:monetary:)`` can
    /// construct results (it cannot use the implicit internal memberwise initialiser).
    @usableFromInline
    init(recency: Int, frequency: Int, monetary: Int, segment: RFMSegment) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
        self.segment = segment
    }
}

/// Retail RFM segmentation: quintile scores for recency, frequency and monetary value with cut
/// points fitted on a historical population, then the named segments of ``RFMSegment``.
///
/// **Quintiles.** For each measure the four cut points are order statistics of the historical
/// values sorted ascending, v₀ ≤ … ≤ vₙ₋₁: cut q (q = 1…4) is v at index ⌈q·n/5⌉ − 1, the largest
/// value of the q-th fifth. A value scores the first quintile whose cut it does not exceed,
/// `score = 1 + #{cuts < value}`, so with distinct values each fifth gets one score and **tied
/// values share the lower score**, independent of input order. Frequency and monetary value score
/// higher when larger; recency (time since the last purchase) scores higher when **smaller**, which
/// is implemented by scoring −recency, so ties share the lower (worse) R score as well.
public struct RFMSegmentation: Sendable, Equatable {
    /// The four ascending cut points on −recency.
    public let negatedRecencyCuts: [Double]
    /// The four ascending cut points on frequency.
    public let frequencyCuts: [Double]
    /// The four ascending cut points on monetary value.
    public let monetaryCuts: [Double]

    /// The segment names in index order.
    public static let segmentNames = RFMSegment.names

    /// Fits the cut points on a historical population, one entry per customer in each array.
    /// - Parameters:
    ///   - recency: time since each customer's last purchase (any unit; smaller is better).
    ///   - frequency: purchase counts (or rates) in the window.
    ///   - monetary: spend in the window.
    /// - Throws: ``SegmentationError`` if the arrays are empty, of different lengths, or hold a
    ///   value that is not finite.
    /// - Complexity: O(n log n).
    public init(recency: [Double], frequency: [Double], monetary: [Double]) throws(SegmentationError) {
        guard !recency.isEmpty else { throw .empty(field: "recency") }
        guard frequency.count == recency.count else {
            throw .mismatchedLengths(field: "frequency", expected: recency.count, actual: frequency.count)
        }
        guard monetary.count == recency.count else {
            throw .mismatchedLengths(field: "monetary", expected: recency.count, actual: monetary.count)
        }
        for (field, values) in [("recency", recency), ("frequency", frequency), ("monetary", monetary)] {
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw .notFinite(field: field, index: bad, value: values[bad])
            }
        }
        negatedRecencyCuts = Self.cuts(recency.map { -$0 })
        frequencyCuts = Self.cuts(frequency)
        monetaryCuts = Self.cuts(monetary)
    }

    /// Scores one customer and names the segment.
    /// - Throws: ``SegmentationError/notFinite(field:index:value:)`` for a NaN or infinite input.
    /// - Complexity: O(1): twelve comparisons, no allocation.
    @inlinable
    public func assign(recency: Double, frequency: Double, monetary: Double) throws(SegmentationError) -> RFMAssignment {
        guard recency.isFinite else { throw .notFinite(field: "recency", index: 0, value: recency) }
        guard frequency.isFinite else { throw .notFinite(field: "frequency", index: 0, value: frequency) }
        guard monetary.isFinite else { throw .notFinite(field: "monetary", index: 0, value: monetary) }
        let r = Self.score(-recency, cuts: negatedRecencyCuts)
        let f = Self.score(frequency, cuts: frequencyCuts)
        let m = Self.score(monetary, cuts: monetaryCuts)
        return RFMAssignment(recency: r, frequency: f, monetary: m, segment: RFMSegment(r: r, fm: (f + m) / 2))
    }

    /// `1 + #{cuts < value}`: 1–5.
    @inlinable
    static func score(_ value: Double, cuts: [Double]) -> Int {
        var score = 1
        for cut in cuts where cut < value { score += 1 }
        return score
    }

    private static func cuts(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        let n = sorted.count
        // ⌈q·n/5⌉ − 1 in integers; n ≥ 1 keeps the index in 0..<n.
        return (1...4).map { q in sorted[(q * n + 4) / 5 - 1] }
    }
}
