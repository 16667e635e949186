import SegsimRandom

// Strict decoding of configuration sections: unknown keys are errors (a typo must not silently
// run another experiment), missing keys take documented defaults, errors carry the coding path.

/// A configuration section whose missing keys may be filled from a default.
public protocol ConfigurationSection: Codable {
    /// Decodes and validates the section; with `defaults == nil` every key is required.
    init(from decoder: any Decoder, defaults: Self?) throws
}

/// A coding key for any name, so that unknown keys can be seen and reported.
public struct ConfigurationKey: CodingKey {
    /// The key's name.
    public let stringValue: String
    /// Always nil except for list positions.
    public let intValue: Int?

    /// A key named `name`.
    public init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    /// A key named `stringValue`.
    public init?(stringValue: String) { self.init(stringValue) }

    /// A list position.
    public init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Strict section decoding shared by every configuration type.
public enum ConfigurationCoding {
    /// The keyed container of a section whose keys are `Keys`, after rejecting unknown keys, and
    /// the section's dotted path.
    public static func container<Keys: CodingKey & CaseIterable>(
        _ decoder: any Decoder, _: Keys.Type
    ) throws -> (KeyedDecodingContainer<Keys>, String) {
        let (_, path) = try container(decoder, known: Keys.allCases.map(\.stringValue))
        return (try decoder.container(keyedBy: Keys.self), path)
    }

    /// The container of a section whose keys are `known`, after rejecting unknown keys, and the
    /// section's dotted path.
    public static func container(
        _ decoder: any Decoder, known: [String]
    ) throws -> (KeyedDecodingContainer<ConfigurationKey>, String) {
        let path = DistributionError.render(codingPath: decoder.codingPath)
        let container = try decoder.container(keyedBy: ConfigurationKey.self)
        // Sorted, so that with several typos the same one is always reported.
        if let unknown = container.allKeys.map(\.stringValue).filter({ !known.contains($0) }).sorted().first {
            throw DistributionError(path: path, .unknownKey(name: unknown, known: known))
        }
        return (container, path)
    }

}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent; required when `fallback` is nil.
    public func value<T: Decodable>(_ key: Key, _ fallback: T?) throws -> T {
        guard let fallback else { return try decode(T.self, forKey: key) }
        return try decodeIfPresent(T.self, forKey: key) ?? fallback
    }

    /// The section at `key`, its missing keys filled from `fallback`; `fallback` itself when the
    /// key is absent; required (with every key) when `fallback` is nil.
    public func section<T: ConfigurationSection>(_ key: Key, _ fallback: T?) throws -> T {
        if let fallback, !contains(key) { return fallback }
        return try T(from: superDecoder(forKey: key), defaults: fallback)
    }
}
