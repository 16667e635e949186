extension TransitionMatrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case segmentCount, counts, pairCount
    }

    /// Decodes a matrix, refusing a segment count outside 1...256, a `counts` array that is not
    /// k×k, or a negative count.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let k = try container.decode(Int.self, forKey: .segmentCount)
        let counts = try container.decode([Int].self, forKey: .counts)
        let pairCount = try container.decode(Int.self, forKey: .pairCount)
        guard (1...256).contains(k), counts.count == k * k, counts.allSatisfy({ $0 >= 0 }), pairCount >= 0 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "a transition matrix needs 1...256 segments, k×k non-negative counts and pairCount >= 0"))
        }
        self.init(validatedSegmentCount: k, counts: counts, pairCount: pairCount)
    }

    /// Encodes the segment count, the flat row-major counts and the number of pairs added.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(segmentCount, forKey: .segmentCount)
        try container.encode(counts, forKey: .counts)
        try container.encode(pairCount, forKey: .pairCount)
    }
}
