import SegsimBehaviour
import SegsimRandom

/// The segmentation strategy a run uses, and when it assigns segments.
///
/// ```yaml
/// strategy:
///   kind: logistic            # retail: rfm | kmeans | logistic | oracle; healthcare: lace | logistic | kmeans | oracle
///   cadence: streaming        # or { micro_batch: 5m } or { nightly: 2h } (time of day of the batch)
///   clusters: 5               # k of kmeans
///   tiers: { high: 0.1, medium: 0.3 }   # shares of the population in the top tiers of scored strategies
///   training_customers: 50000 # customers sampled to fit the model at the start of the run
/// ```
public struct StrategyConfiguration: Sendable, Equatable {
    /// The strategies segsim implements; each domain accepts a subset (see ``Kind/domains``).
    public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
        /// RFM quintile rules and the classic named segments (retail).
        case rfm
        /// k-means on standardised features.
        case kmeans
        /// Logistic regression of the outcome, cut into high / medium / low tiers.
        case logistic
        /// The LACE index rule (healthcare).
        case lace
        /// Tiers of the ground-truth score: an upper bound for evaluation, never a default.
        case oracle

        /// The domains the strategy applies to.
        public var domains: [Domain] {
            switch self {
            case .rfm: [.retail]
            case .lace: [.healthcare]
            case .kmeans, .logistic, .oracle: [.retail, .healthcare]
            }
        }
    }

    /// When segments are (re)computed: per event, per micro-batch, or in a nightly batch.
    public enum Cadence: Sendable, Equatable {
        /// Every processed event updates its customer's segment.
        case streaming
        /// Customers touched since the previous batch are re-segmented every `seconds`.
        case microBatch(seconds: Double)
        /// Every customer is re-segmented once a day at `secondsAfterMidnight`.
        case nightly(secondsAfterMidnight: Double)

        /// A short label for reports: `streaming`, `micro-batch 5m`, `nightly 02:00`.
        public var label: String {
            switch self {
            case .streaming: "streaming"
            case let .microBatch(seconds): "micro-batch \(SimulatedDuration(seconds: seconds).text)"
            case let .nightly(at): "nightly at \(SimulatedDuration(seconds: at).text) after midnight"
            }
        }
    }

    /// The strategy.
    public var kind: Kind = .logistic
    /// When it assigns segments.
    public var cadence: Cadence = .streaming
    /// Clusters of k-means.
    public var clusters = 5
    /// Share of the population in the high tier of scored strategies.
    public var highFraction = 0.1
    /// Share of the population in the medium tier.
    public var mediumFraction = 0.3
    /// Customers sampled (evenly over ids) to fit the model.
    public var trainingCustomers = 50_000

    /// The defaults: streaming logistic regression.
    public init() {}
}

extension StrategyConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, cadence, clusters, tiers, trainingCustomers = "training_customers"
    }

    /// Decodes and validates; missing keys take the defaults.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        if let name = try c.decodeIfPresent(String.self, forKey: .kind) {
            guard let kind = Kind(rawValue: name) else {
                throw DistributionError(path: path, .notOneOf(found: [name], known: Kind.allCases.map(\.rawValue)))
                    .at("kind")
            }
            self.kind = kind
        }
        if c.contains(.cadence) {
            cadence = try Self.decodeCadence(c.superDecoder(forKey: .cadence), path: path)
        }
        clusters = try c.value(.clusters, clusters)
        if c.contains(.tiers) {
            let (t, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .tiers), known: ["high", "medium"])
            highFraction = try t.value(ConfigurationKey("high"), highFraction)
            mediumFraction = try t.value(ConfigurationKey("medium"), mediumFraction)
        }
        trainingCustomers = try c.value(.trainingCustomers, trainingCustomers)
        try validate(at: path)
    }

    /// Checks the values, naming the field.
    public func validate(at path: String = "strategy") throws(DistributionError) {
        guard (2...64).contains(clusters) else {
            throw DistributionError(path: path, .outOfRange(field: "clusters", value: Double(clusters), range: 2...64))
        }
        try DistributionError.requireInRange(highFraction, "tiers.high", 0.001...0.999, at: path)
        try DistributionError.requireInRange(mediumFraction, "tiers.medium", 0...0.999, at: path)
        guard highFraction + mediumFraction < 1 else {
            throw DistributionError(path: path, .invalid(reason:
                "tiers.high + tiers.medium must be below 1 (the rest is the low tier), got \(highFraction + mediumFraction)"))
        }
        guard trainingCustomers >= 100 else {
            throw DistributionError(path: path, .outOfRange(field: "training_customers", value: Double(trainingCustomers),
                                                            range: 100...Double(Int32.max)))
        }
        switch cadence {
        case .streaming: break
        case let .microBatch(seconds):
            guard seconds > 0 else { throw DistributionError(path: path, .notPositive(field: "cadence.micro_batch", value: seconds)) }
        case let .nightly(at):
            guard at >= 0, at < 86_400 else {
                throw DistributionError(path: path, .outOfRange(field: "cadence.nightly", value: at, range: 0...86_399))
            }
        }
    }

    private static func decodeCadence(_ decoder: any Decoder, path: String) throws -> Cadence {
        let known = ["streaming", "micro_batch", "nightly"]
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            switch name {
            case "streaming": return .streaming
            case "nightly": return .nightly(secondsAfterMidnight: 2 * 3_600)
            default:
                throw DistributionError(path: path, .notOneOf(found: [name], known: known)).at("cadence")
            }
        }
        let (c, cadencePath) = try ConfigurationCoding.container(decoder, known: ["micro_batch", "nightly"])
        let keys = c.allKeys.map(\.stringValue)
        guard keys.count == 1 else { throw DistributionError(path: cadencePath, .notOneOf(found: keys, known: known)) }
        let duration = try c.decode(SimulatedDuration.self, forKey: ConfigurationKey(keys[0]))
        return keys[0] == "micro_batch" ? .microBatch(seconds: duration.seconds) : .nightly(secondsAfterMidnight: duration.seconds)
    }

    /// Encodes in the configuration form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch cadence {
        case .streaming: try c.encode("streaming", forKey: .cadence)
        case let .microBatch(seconds): try c.encode(["micro_batch": SimulatedDuration(seconds: seconds)], forKey: .cadence)
        case let .nightly(at): try c.encode(["nightly": SimulatedDuration(seconds: at)], forKey: .cadence)
        }
        try c.encode(clusters, forKey: .clusters)
        try c.encode(["high": highFraction, "medium": mediumFraction], forKey: .tiers)
        try c.encode(trainingCustomers, forKey: .trainingCustomers)
    }
}

extension DistributionError {
    /// The same problem one field deeper: `strategy` + `kind` → `strategy.kind`.
    func at(_ field: String) -> DistributionError {
        DistributionError(path: path.isEmpty ? field : path + "." + field, problem)
    }
}
