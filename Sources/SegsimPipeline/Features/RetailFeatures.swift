/// One retail customer's features at a query time: RFM, decayed engagement, session and cart
/// behaviour. Produced by ``RetailFeatureStore/features(of:at:)``; times are seconds of virtual
/// time, money in the stream's currency units.
public struct RetailFeatures: Sendable, Equatable {
    /// Seconds from the latest purchase to the query time; `nil` before the first purchase.
    public var recency: Double?
    /// Orders placed, including the first.
    public var frequency: Int
    /// Total order value.
    public var monetaryTotal: Double
    /// Mean order value; `nil` before the first purchase.
    public var monetaryMean: Double?
    /// Exponentially decayed count of page and product views at the query time: each view
    /// weighs 2^(−age / half-life).
    public var viewEngagement: Double
    /// Exponentially decayed count of add-to-cart events (same weighting).
    public var cartEngagement: Double
    /// Exponentially decayed count of session starts (same weighting).
    public var sessionEngagement: Double
    /// Actions (views, cart changes, checkout, purchase) in the current or, between sessions,
    /// the last session.
    public var sessionDepth: Int
    /// Distinct product categories (modulo 64) viewed or carted in the query time's breadth
    /// bucket and the one before it (see ``RetailFeatureStore/breadthBucketSeconds``).
    public var browsingBreadth: Int
    /// Ended sessions in which something was put into the cart.
    public var cartSessions: Int
    /// Of ``cartSessions``, those that ended without a purchase.
    public var abandonedCartSessions: Int

    /// Abandoned over cart sessions, 0 ... 1; `nil` before the first ended cart session.
    public var cartAbandonment: Double? {
        cartSessions > 0 ? Double(abandonedCartSessions) / Double(cartSessions) : nil
    }

    /// Names of ``vector`` entries, in order (`snake_case`, stable). Units: days for recency,
    /// currency for money, decayed counts for engagement, counts otherwise, a ratio for
    /// abandonment. Missing values are 0, and `has_purchased` (0 or 1) tells a missing recency
    /// and mean apart from a real 0.
    public static let featureNames = [
        "recency_days", "has_purchased", "frequency", "monetary_total", "monetary_mean",
        "view_engagement", "cart_engagement", "session_engagement",
        "session_depth", "browsing_breadth", "cart_abandonment",
    ]

    /// The features as numbers for the segmentation strategies, in ``featureNames`` order, not
    /// standardised (that is the strategies' job).
    public var vector: [Double] {
        var row = [Double](repeating: 0, count: Self.featureNames.count)
        write(into: &row)
        return row
    }

    /// Writes ``vector`` into `row`, whose count must be ``featureNames``' count: the per-event
    /// scoring path reuses one buffer instead of allocating.
    /// - Complexity: O(1), no allocation.
    public func write(into row: inout [Double]) {
        precondition(row.count == Self.featureNames.count, "feature row of the wrong length")
        let values = self.row
        row[0] = values.recencyDays
        row[1] = values.hasPurchased
        row[2] = values.frequency
        row[3] = values.monetaryTotal
        row[4] = values.monetaryMean
        row[5] = values.viewEngagement
        row[6] = values.cartEngagement
        row[7] = values.sessionEngagement
        row[8] = values.sessionDepth
        row[9] = values.browsingBreadth
        row[10] = values.cartAbandonment
    }

    /// ``vector`` as named fields, for code that reads the row without an array.
    public var row: Row {
        Row(recencyDays: (recency ?? 0) / 86_400, hasPurchased: recency == nil ? 0 : 1, frequency: Double(frequency),
            monetaryTotal: monetaryTotal, monetaryMean: monetaryMean ?? 0, viewEngagement: viewEngagement,
            cartEngagement: cartEngagement, sessionEngagement: sessionEngagement,
            sessionDepth: Double(sessionDepth), browsingBreadth: Double(browsingBreadth),
            cartAbandonment: cartAbandonment ?? 0)
    }

    /// The entries of ``vector``, one field each in ``featureNames`` order.
    public struct Row: Sendable, Equatable {
        /// The number of entries (``featureNames``' count).
        public static let count = 11
        /// `recency_days` … `cart_abandonment`, as ``featureNames`` describes them.
        public var recencyDays, hasPurchased, frequency, monetaryTotal, monetaryMean: Double
        /// The decayed engagement counts.
        public var viewEngagement, cartEngagement, sessionEngagement: Double
        /// Session depth, browsing breadth and cart abandonment.
        public var sessionDepth, browsingBreadth, cartAbandonment: Double

        /// Whether every entry is finite (what a model's row validation requires).
        public var isFinite: Bool {
            recencyDays.isFinite && hasPurchased.isFinite && frequency.isFinite && monetaryTotal.isFinite
                && monetaryMean.isFinite && viewEngagement.isFinite && cartEngagement.isFinite
                && sessionEngagement.isFinite && sessionDepth.isFinite && browsingBreadth.isFinite
                && cartAbandonment.isFinite
        }
    }
}
