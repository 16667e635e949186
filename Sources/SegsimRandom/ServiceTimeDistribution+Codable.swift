/// The configuration form documented on ``ServiceTimeDistribution``: `{ name: parameters }`.
///
/// Decoding is strict — exactly one known name, only known parameter names, every value
/// validated — because a silently ignored typo (`{ exponential: { mean: 1, sd: 2 } }`) would run
/// a different experiment than the one written down.
extension ServiceTimeDistribution: Codable {
    /// Decodes and validates one distribution.
    /// - Throws: ``DistributionError`` at the decoder's coding path for any bad name or value;
    ///   the decoder's own `DecodingError` when a value has the wrong type (e.g. a string mean).
    ///   Yams' `decode(_:from: String)` wraps the former in a `DecodingError`; recover it with
    ///   ``DistributionError/init(unwrapping:)``, or decode from a composed `Node`, which does not wrap.
    public init(from decoder: any Decoder) throws {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let known = Self.knownNames
        let container: KeyedDecodingContainer<ConfigKey>
        do {
            container = try decoder.container(keyedBy: ConfigKey.self)
        } catch {
            throw DistributionError(path: path, .notAMapping(known: known))
        }
        let keys = container.allKeys
        guard keys.count == 1, let key = keys.first else {
            throw DistributionError(path: path, .notExactlyOneDistribution(keys: keys.map(\.stringValue).sorted(), known: known))
        }

        func parameters(_ names: String...) throws -> [Double] {
            let nested = try container.nestedContainer(keyedBy: ConfigKey.self, forKey: key)
            if let extra = nested.allKeys.first(where: { !names.contains($0.stringValue) }) {
                throw DistributionError(path: path, .unknownParameter(distribution: key.stringValue, name: extra.stringValue, known: names))
            }
            return try names.map { name in
                guard nested.contains(ConfigKey(name)) else {
                    throw DistributionError(path: path, .missingParameter(distribution: key.stringValue, name: name))
                }
                return try nested.decode(Double.self, forKey: ConfigKey(name))
            }
        }

        switch key.stringValue {
        case "constant":
            self = .constant(seconds: try container.decode(Double.self, forKey: key))
        case "exponential":
            self = .exponential(mean: try parameters("mean")[0])
        case "lognormal":
            let p = try parameters("mean", "sd")
            self = .lognormal(mean: p[0], standardDeviation: p[1])
        case "gamma":
            let p = try parameters("shape", "scale")
            self = .gamma(shape: p[0], scale: p[1])
        case "empirical":
            self = .empirical(try container.decode([Double].self, forKey: key))
        default:
            throw DistributionError(path: path, .unknownDistribution(name: key.stringValue, known: known))
        }
        try validate(at: path)
    }

    /// Encodes the same form that decoding reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ConfigKey.self)
        switch self {
        case let .constant(seconds):
            try container.encode(seconds, forKey: ConfigKey("constant"))
        case let .exponential(mean):
            var nested = container.nestedContainer(keyedBy: ConfigKey.self, forKey: ConfigKey("exponential"))
            try nested.encode(mean, forKey: ConfigKey("mean"))
        case let .lognormal(mean, standardDeviation):
            var nested = container.nestedContainer(keyedBy: ConfigKey.self, forKey: ConfigKey("lognormal"))
            try nested.encode(mean, forKey: ConfigKey("mean"))
            try nested.encode(standardDeviation, forKey: ConfigKey("sd"))
        case let .gamma(shape, scale):
            var nested = container.nestedContainer(keyedBy: ConfigKey.self, forKey: ConfigKey("gamma"))
            try nested.encode(shape, forKey: ConfigKey("shape"))
            try nested.encode(scale, forKey: ConfigKey("scale"))
        case let .empirical(values):
            try container.encode(values, forKey: ConfigKey("empirical"))
        }
    }
}

/// A coding key for any string, so that unknown names can be seen and reported instead of ignored.
struct ConfigKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
