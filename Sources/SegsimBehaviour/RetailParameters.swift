import SegsimRandom

/// The parameters of the retail (e-commerce) behaviour model, with published defaults.
///
/// Purchase counts follow BG/NBD (Fader, Hardie & Lee 2005) and order values Gamma-Gamma
/// (Fader, Hardie & Lee 2005b), both with the published CDNOW fits, in weeks. Browsing sessions,
/// latent purchase intent and the time structure (cycles, promotions, drift, shocks) sit on top;
/// `conformance` switches all of them off for the purchase process so that purchases are exactly
/// BG/NBD + Gamma-Gamma, the form users calibrate against.
public struct RetailParameters: Sendable, Equatable {
    /// BG/NBD: transaction rate λ ~ Gamma(shape r, rate α) per week; dropout p ~ Beta(a, b).
    public struct Purchases: Sendable, Equatable, Codable {
        /// Shape r of the transaction-rate gamma (CDNOW: 0.243).
        public var r = 0.243
        /// Rate α of the transaction-rate gamma, in weeks (CDNOW: 4.414).
        public var alpha = 4.414
        /// Beta a of the dropout probability (CDNOW: 0.793).
        public var a = 0.793
        /// Beta b of the dropout probability (CDNOW: 2.426).
        public var b = 2.426
        /// Multiplies every customer's transaction rate (a scenario may scale the published fit).
        public var rateScale = 1.0
        /// Creates the CDNOW defaults.
        public init() {}
    }

    /// Gamma-Gamma: per customer ν ~ Gamma(shape q, rate γ); each order value ~ Gamma(shape p, rate ν).
    public struct Spend: Sendable, Equatable, Codable {
        /// Shape p of an order value (CDNOW: 6.25).
        public var p = 6.25
        /// Shape q of the customer's spend rate ν (CDNOW: 3.74).
        public var q = 3.74
        /// Rate γ of ν, in currency units (CDNOW: 15.44).
        public var gamma = 15.44
        /// Creates the CDNOW defaults.
        public init() {}
        /// The expected order value over customers, pγ/(q − 1) (finite for q > 1).
        public var expectedOrderValue: Double { p * gamma / (q - 1) }
    }

    /// Latent purchase intent (low, medium, high) as a continuous-time Markov chain.
    public struct Intent: Sendable, Equatable, Codable {
        /// Whether intent changes at all (off: every customer stays medium, multipliers 1).
        public var enabled = true
        /// Transition rates per week: low→medium, medium→low, medium→high, high→medium.
        public var lowToMedium = 0.5, mediumToLow = 1.0, mediumToHigh = 0.4, highToMedium = 2.0
        /// Purchase-rate multipliers in low, medium, high; rescaled so the stationary mean is 1
        /// (intent moves purchases in time without changing the long-run BG/NBD rate).
        public var purchaseMultipliers = [0.3, 1.0, 4.0]
        /// Browsing-session multipliers in low, medium, high, rescaled the same way.
        public var sessionMultipliers = [0.6, 1.0, 2.5]
        /// Creates the defaults.
        public init() {}

        /// The stationary distribution (birth–death chain on three states).
        public var stationary: [Double] {
            let low = mediumToLow / lowToMedium, high = mediumToHigh / highToMedium
            let total = low + 1 + high
            return [low / total, 1 / total, high / total]
        }
    }

    /// Browsing sessions and the funnel inside them.
    public struct Sessions: Sendable, Equatable, Codable {
        /// Mean browsing sessions per week over customers (per customer ~ Gamma with `rateShape`).
        public var perWeek = 2.0
        /// Shape of the per-customer session rate gamma (smaller: more heterogeneous).
        public var rateShape = 1.5
        /// Mean actions (page and product views, cart changes) in a browsing session, geometric, 1–100.
        public var meanActions = 6.0
        /// Mean seconds between two actions of a session.
        public var meanSecondsBetweenActions = 35.0
        /// Share of actions that are product views (the rest page views), before cart actions.
        public var productViewShare = 0.7
        /// Probability that a product view is followed by add-to-cart, at medium intent
        /// (scaled by the intent's session multiplier).
        public var addToCartProbability = 0.08
        /// Probability that a cart addition is later removed.
        public var removeFromCartProbability = 0.25
        /// Probability that a browsing session with a non-empty cart reaches checkout (and is
        /// abandoned there: orders come only from the purchase process).
        public var checkoutProbability = 0.3
        /// Product views before an order, in the session that contains it.
        public var actionsBeforePurchase = 4
        /// Product categories (the attribute of views and cart events), Zipf-distributed.
        public var categories = 40
        /// Creates the defaults.
        public init() {}
    }

    /// Number of customers.
    public var customers = 300_000
    /// Customers join (make their first purchase) uniformly over [start, end), seconds from the
    /// Monday 00:00 epoch; negative times are history before the simulated week.
    public var acquisitionStart = -8 * RetailParameters.secondsPerWeek
    /// End of the acquisition window, seconds from the epoch.
    public var acquisitionEnd = 0.0
    /// The BG/NBD purchase process.
    public var purchases = Purchases()
    /// The Gamma-Gamma order values.
    public var spend = Spend()
    /// The latent intent chain.
    public var intent = Intent()
    /// Browsing sessions.
    public var sessions = Sessions()
    /// Time structure as a multiplier of every rate (daily and weekly cycles, promotion windows,
    /// shocks, drift); base rate 1. `nil`: none.
    public var timeProfile: RateProfile?
    /// Purchases exactly BG/NBD + Gamma-Gamma: no intent effect, no time profile on purchases.
    public var conformance = false

    /// Seconds in a week, the unit of the published BG/NBD parameters.
    public static let secondsPerWeek = 7 * 86_400.0

    /// Creates the defaults.
    public init() {}

    /// Bytes of generator state per customer, as measured at 10 million customers (resident
    /// memory growth, final and peak alike, 63.7: the model's 50 bytes — a 32-byte hot record
    /// and 18 bytes of columns — the event stream's customer calendar and its window of events;
    /// `segsim bench generator` measures it).
    public static let bytesPerCustomer = 64

    /// Checks every value, naming the first bad field.
    public func validate() throws(DistributionError) {
        try PopulationSize.check(customers, bytesEach: Self.bytesPerCustomer, field: "customers", at: "retail")
        guard acquisitionStart.isFinite, acquisitionEnd.isFinite, acquisitionStart <= acquisitionEnd else {
            throw DistributionError(path: "retail", .emptyInterval(field: "acquisition", start: acquisitionStart, end: acquisitionEnd))
        }
        let positive: [(String, Double)] = [
            ("purchases.r", purchases.r), ("purchases.alpha", purchases.alpha), ("purchases.a", purchases.a),
            ("purchases.b", purchases.b), ("spend.p", spend.p), ("spend.q", spend.q), ("spend.gamma", spend.gamma),
            ("sessions.rate_shape", sessions.rateShape),
            ("sessions.mean_seconds_between_actions", sessions.meanSecondsBetweenActions),
        ]
        for (field, value) in positive { try DistributionError.requirePositive(value, field, at: "retail") }
        let nonNegative: [(String, Double)] = [
            ("purchases.rate_scale", purchases.rateScale), ("sessions.per_week", sessions.perWeek),
            ("intent.low_to_medium", intent.lowToMedium), ("intent.medium_to_low", intent.mediumToLow),
            ("intent.medium_to_high", intent.mediumToHigh), ("intent.high_to_medium", intent.highToMedium),
        ]
        for (field, value) in nonNegative { try DistributionError.requireNonNegative(value, field, at: "retail") }
        if intent.enabled {
            for (field, value) in [("intent.low_to_medium", intent.lowToMedium), ("intent.high_to_medium", intent.highToMedium)] {
                try DistributionError.requirePositive(value, field, at: "retail")
            }
        }
        let probabilities: [(String, Double)] = [
            ("sessions.product_view_share", sessions.productViewShare),
            ("sessions.add_to_cart_probability", sessions.addToCartProbability),
            ("sessions.remove_from_cart_probability", sessions.removeFromCartProbability),
            ("sessions.checkout_probability", sessions.checkoutProbability),
        ]
        for (field, value) in probabilities { try DistributionError.requireInRange(value, field, 0...1, at: "retail") }
        for (field, multipliers) in [("intent.purchase_multipliers", intent.purchaseMultipliers),
                                     ("intent.session_multipliers", intent.sessionMultipliers)] {
            guard multipliers.count == 3 else {
                throw DistributionError(path: "retail", .wrongCount(field: field, expected: 3, actual: multipliers.count))
            }
            for (i, m) in multipliers.enumerated() { try DistributionError.requirePositive(m, "\(field)[\(i)]", at: "retail") }
        }
        guard sessions.meanActions >= 1, sessions.meanActions <= 100 else {
            throw DistributionError(path: "retail", .outOfRange(field: "sessions.mean_actions", value: sessions.meanActions, range: 1...100))
        }
        guard (1...250).contains(sessions.actionsBeforePurchase) else {
            throw DistributionError(path: "retail", .outOfRange(field: "sessions.actions_before_purchase",
                                                                 value: Double(sessions.actionsBeforePurchase), range: 1...250))
        }
        guard (1...65_535).contains(sessions.categories) else {
            throw DistributionError(path: "retail", .outOfRange(field: "sessions.categories",
                                                                 value: Double(sessions.categories), range: 1...65_535))
        }
    }
}
