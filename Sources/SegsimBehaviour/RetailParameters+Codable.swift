import SegsimRandom

// The configuration form of the retail model, snake_case, every key optional (documented
// defaults), unknown keys rejected, each section validated at its coding path:
//
//   retail:
//     customers: 300000
//     acquisition: { before: 8w, after: 0 }   # joins from 8 weeks before the run start to its start
//     purchases: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, rate_scale: 1 }
//     spend: { p: 6.25, q: 3.74, gamma: 15.44 }
//     intent: { enabled: true, low_to_medium: 0.5, medium_to_low: 1, medium_to_high: 0.4,
//               high_to_medium: 2, purchase_multipliers: [0.3, 1, 4], session_multipliers: [0.6, 1, 2.5] }
//     sessions: { per_week: 2, rate_shape: 1.5, mean_actions: 6, ... }
//     time_profile: { daily: { sinusoid: { amplitude: 0.5, peak_hour: 20 } }, windows: [...] }
//     conformance: false

extension RetailParameters: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case customers, acquisition, purchases, spend, intent, sessions
        case timeProfile = "time_profile", conformance
    }

    /// The acquisition window in its configuration form: how long before the run start customers
    /// begin to join, and how long into the run they keep joining (durations are never negative).
    struct Acquisition: Codable {
        var before: SimulatedDuration
        var after: SimulatedDuration
    }

    /// Decodes and validates; missing keys take the documented defaults.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        customers = try c.value(.customers, customers)
        if c.contains(.acquisition) {
            let (a, _) = try ConfigurationCoding.container(try c.superDecoder(forKey: .acquisition), known: ["before", "after"])
            acquisitionStart = -(try a.value(ConfigurationKey("before"), SimulatedDuration(seconds: -acquisitionStart)).seconds)
            acquisitionEnd = try a.value(ConfigurationKey("after"), SimulatedDuration(seconds: acquisitionEnd)).seconds
        }
        purchases = try c.section(.purchases, purchases)
        spend = try c.section(.spend, spend)
        intent = try c.section(.intent, intent)
        sessions = try c.section(.sessions, sessions)
        if c.contains(.timeProfile) {
            timeProfile = try RateProfile(from: c.superDecoder(forKey: .timeProfile), defaultBaseRate: 1)
        }
        conformance = try c.value(.conformance, conformance)
        do {
            try validate()
        } catch {
            throw DistributionError(path: path.isEmpty ? error.path : path + error.path.dropFirst("retail".count), error.problem)
        }
    }

    /// Encodes in the configuration form (durations in seconds).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customers, forKey: .customers)
        try c.encode(Acquisition(before: SimulatedDuration(seconds: -acquisitionStart), after: SimulatedDuration(seconds: acquisitionEnd)),
                     forKey: .acquisition)
        try c.encode(purchases, forKey: .purchases)
        try c.encode(spend, forKey: .spend)
        try c.encode(intent, forKey: .intent)
        try c.encode(sessions, forKey: .sessions)
        try c.encodeIfPresent(timeProfile, forKey: .timeProfile)
        try c.encode(conformance, forKey: .conformance)
    }
}

extension RetailParameters.Purchases: ConfigurationSection {
    enum CodingKeys: String, CodingKey, CaseIterable { case r, alpha, a, b, rateScale = "rate_scale" }

    /// Decodes; missing keys take the CDNOW defaults.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, _) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        r = try c.value(.r, d?.r)
        alpha = try c.value(.alpha, d?.alpha)
        a = try c.value(.a, d?.a)
        b = try c.value(.b, d?.b)
        rateScale = try c.value(.rateScale, d?.rateScale)
    }
}

extension RetailParameters.Spend: ConfigurationSection {
    enum CodingKeys: String, CodingKey, CaseIterable { case p, q, gamma }

    /// Decodes; missing keys take the CDNOW defaults.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, _) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        p = try c.value(.p, d?.p)
        q = try c.value(.q, d?.q)
        gamma = try c.value(.gamma, d?.gamma)
    }
}

extension RetailParameters.Intent: ConfigurationSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, lowToMedium = "low_to_medium", mediumToLow = "medium_to_low", mediumToHigh = "medium_to_high"
        case highToMedium = "high_to_medium", purchaseMultipliers = "purchase_multipliers"
        case sessionMultipliers = "session_multipliers"
    }

    /// Decodes; missing keys take the defaults.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, _) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        enabled = try c.value(.enabled, d?.enabled)
        lowToMedium = try c.value(.lowToMedium, d?.lowToMedium)
        mediumToLow = try c.value(.mediumToLow, d?.mediumToLow)
        mediumToHigh = try c.value(.mediumToHigh, d?.mediumToHigh)
        highToMedium = try c.value(.highToMedium, d?.highToMedium)
        purchaseMultipliers = try c.value(.purchaseMultipliers, d?.purchaseMultipliers)
        sessionMultipliers = try c.value(.sessionMultipliers, d?.sessionMultipliers)
    }
}

extension RetailParameters.Sessions: ConfigurationSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case perWeek = "per_week", rateShape = "rate_shape", meanActions = "mean_actions"
        case meanSecondsBetweenActions = "mean_seconds_between_actions", productViewShare = "product_view_share"
        case addToCartProbability = "add_to_cart_probability", removeFromCartProbability = "remove_from_cart_probability"
        case checkoutProbability = "checkout_probability", actionsBeforePurchase = "actions_before_purchase"
        case categories
    }

    /// Decodes; missing keys take the defaults.
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaults: Self()) }

    public init(from decoder: any Decoder, defaults d: Self?) throws {
        let (c, _) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        perWeek = try c.value(.perWeek, d?.perWeek)
        rateShape = try c.value(.rateShape, d?.rateShape)
        meanActions = try c.value(.meanActions, d?.meanActions)
        meanSecondsBetweenActions = try c.value(.meanSecondsBetweenActions, d?.meanSecondsBetweenActions)
        productViewShare = try c.value(.productViewShare, d?.productViewShare)
        addToCartProbability = try c.value(.addToCartProbability, d?.addToCartProbability)
        removeFromCartProbability = try c.value(.removeFromCartProbability, d?.removeFromCartProbability)
        checkoutProbability = try c.value(.checkoutProbability, d?.checkoutProbability)
        actionsBeforePurchase = try c.value(.actionsBeforePurchase, d?.actionsBeforePurchase)
        categories = try c.value(.categories, d?.categories)
    }
}
