extension MetricValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case notApplicable = "not_applicable"
    }

    /// Decodes a JSON number as `.value`, or `{"not_applicable": "reason"}` as `.notApplicable`.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let x = try? single.decode(Double.self) {
            self = .value(x)
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self = .notApplicable(reason: try keyed.decode(String.self, forKey: .notApplicable))
    }

    /// Encodes `.value` as a bare number and `.notApplicable` as `{"not_applicable": "reason"}`,
    /// so that tables of results stay plain numbers wherever a metric applies.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .value(x):
            var single = encoder.singleValueContainer()
            try single.encode(x)
        case let .notApplicable(reason):
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(reason, forKey: .notApplicable)
        }
    }
}
