import Foundation
import SegsimBehaviour

/// Per-customer retail features, updated in O(1) per event and deduplicated by event id.
///
/// State is struct-of-arrays over dense customer ids, ``stateBytesPerCustomer`` bytes a
/// customer plus ``EventDeduplicator/bytesPerCustomer`` for deduplication.
///
/// **Order.** Applying the same set of events in any order gives the same final state for
/// recency, frequency, monetary value (a maximum, a count and an exact fixed-point sum), the
/// decayed engagement (a sum of per-event weights, kept relative to the latest event time, equal
/// up to floating-point rounding of the summation order) and browsing breadth (bitsets of fixed
/// time buckets). Session depth and cart abandonment follow session boundaries and need each
/// customer's events in order, which a log partitioned by customer provides; reordering across
/// customers never changes anything. Duplicates change nothing (see ``EventDeduplicator``).
public struct RetailFeatureStore: Sendable {
    /// Half-life of the engagement decay, in seconds.
    public let halfLife: Double
    /// Width of the tumbling buckets browsing breadth is counted in, in seconds; breadth at time
    /// T covers T's bucket and the one before (a window of one to two bucket widths).
    public let breadthBucketSeconds: Double
    /// The id-window deduplicator; its counters report duplicates and stale events.
    public private(set) var deduplicator: EventDeduplicator

    /// Per-customer state bytes, excluding deduplication: the element sizes of the arrays below.
    public static let stateBytesPerCustomer =
        MemoryLayout<Double>.size * 5  // lastPurchase, engagementTime, views, carts, sessions
        + MemoryLayout<Int64>.size * 2  // spend, breadthBucket
        + MemoryLayout<UInt64>.size * 2  // breadthCurrent, breadthPrevious
        + MemoryLayout<UInt32>.size * 3  // purchases, cartSessions, abandoned
        + MemoryLayout<UInt16>.size  // depth
        + MemoryLayout<UInt8>.size  // session

    /// Money is summed in fixed point, in steps of 2⁻²⁴ currency units (totals up to 2³⁹ ≈
    /// 5.5 × 10¹¹), so that the total is exact and independent of order (integer addition is
    /// associative); amounts are rounded to the step once, as they arrive.
    static let spendScale = 16_777_216.0
    static let noBucket = Int64.min

    private let decayRate: Double
    private var lastPurchase: [Double]  // −∞ before the first
    private var purchases: [UInt32]
    private var spend: [Int64]  // fixed point, see `spendScale`
    private var engagementTime: [Double]  // reference time of the decayed sums: the latest engagement event
    private var views: [Double]  // Σ exp(−λ (engagementTime − t)) over views
    private var carts: [Double]
    private var sessions: [Double]
    private var breadthBucket: [Int64]  // index of the latest bucket seen, `noBucket` before any
    private var breadthCurrent: [UInt64]  // categories mod 64 in that bucket
    private var breadthPrevious: [UInt64]  // … and in the bucket before it
    private var depth: [UInt16]
    private var session: [UInt8]  // `SessionFlag` bits
    private var cartSessions: [UInt32]
    private var abandoned: [UInt32]
    private enum Signal { case view, cart, session }
    private enum SessionFlag {
        static let open: UInt8 = 1
        static let cart: UInt8 = 2
        static let purchased: UInt8 = 4
    }

    /// Creates empty features for `customers` dense customer ids.
    /// - Parameters:
    ///   - halfLife: engagement half-life in seconds (default 7 days).
    ///   - breadthBucketSeconds: breadth bucket width in seconds (default 7 days).
    ///   - stalePolicy: what to do with events older than the dedup window.
    ///   - idempotent: deduplicate by event id (default); `false` applies every delivery, so that
    ///     the effect of duplicates on features can be measured (`pipeline.idempotent: false`).
    /// - Complexity: O(customers).
    public init(
        customers: Int, halfLife: Double = 7 * 86_400, breadthBucketSeconds: Double = 7 * 86_400,
        stalePolicy: EventDeduplicator.StalePolicy = .drop,
        idempotent: Bool = true
    ) {
        self.halfLife = halfLife
        self.breadthBucketSeconds = breadthBucketSeconds
        decayRate = log(2) / halfLife
        deduplicator = EventDeduplicator(customers: customers, stalePolicy: stalePolicy, enabled: idempotent)
        lastPurchase = Array(repeating: -.infinity, count: customers)
        purchases = Array(repeating: 0, count: customers)
        spend = Array(repeating: 0, count: customers)
        engagementTime = Array(repeating: -.infinity, count: customers)
        views = Array(repeating: 0, count: customers)
        carts = views
        sessions = views
        breadthBucket = Array(repeating: Self.noBucket, count: customers)
        breadthCurrent = Array(repeating: 0, count: customers)
        breadthPrevious = breadthCurrent
        depth = Array(repeating: 0, count: customers)
        session = Array(repeating: 0, count: customers)
        cartSessions = purchases
        abandoned = purchases
    }

    /// Applies one event to its customer's features.
    /// - Returns: `false` if the event was not applied: a duplicate, or stale under
    ///   ``EventDeduplicator/StalePolicy/drop``. Healthcare events are recorded but change nothing.
    /// - Precondition: `event.customer` is below the store's customer count.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func apply(_ event: CustomerEvent) -> Bool {
        let c = Int(event.customer)
        guard deduplicator.admit(event.id, customer: c) else { return false }
        let t = event.time
        switch event.kind {
        case .sessionStart:
            closeSession(c)
            session[c] = SessionFlag.open
            depth[c] = 0
            engage(c, at: t, .session)
        case .pageView:
            act(c)
            engage(c, at: t, .view)
        case .productView:
            act(c)
            engage(c, at: t, .view)
            browse(c, category: event.attribute, at: t)
        case .addToCart:
            act(c)
            session[c] |= SessionFlag.cart
            engage(c, at: t, .cart)
            browse(c, category: event.attribute, at: t)
        case .removeFromCart:
            act(c)
            browse(c, category: event.attribute, at: t)
        case .checkout:
            act(c)
        case .purchase:
            act(c)
            session[c] |= SessionFlag.purchased
            lastPurchase[c] = max(lastPurchase[c], t)
            purchases[c] &+= 1
            spend[c] &+= Self.fixedPoint(event.amount)
        case .sessionEnd:
            closeSession(c)
        case .outpatientVisit, .emergencyVisit, .admission, .discharge, .death:
            break
        }
        return true
    }

    /// The features of `customer` as seen at `time` (seconds; normally at or after the
    /// customer's latest event, though any time gives the same closed forms).
    /// - Complexity: O(1).
    public func features(of customer: Int, at time: Double) -> RetailFeatures {
        let c = customer
        let orders = Int(purchases[c])
        let total = Double(spend[c]) / Self.spendScale
        let decay = engagementTime[c].isFinite ? exp(-decayRate * (time - engagementTime[c])) : 0
        return RetailFeatures(
            recency: orders > 0 ? time - lastPurchase[c] : nil,
            frequency: orders,
            monetaryTotal: total,
            monetaryMean: orders > 0 ? total / Double(orders) : nil,
            viewEngagement: views[c] * decay,
            cartEngagement: carts[c] * decay,
            sessionEngagement: sessions[c] * decay,
            sessionDepth: Int(depth[c]),
            browsingBreadth: breadth(c, at: time),
            cartSessions: Int(cartSessions[c]),
            abandonedCartSessions: Int(abandoned[c]))
    }

    /// The features of `customer` at `time` as numbers, named by ``RetailFeatures/featureNames``.
    /// - Complexity: O(1).
    public func featureVector(of customer: Int, at time: Double) -> [Double] {
        features(of: customer, at: time).vector
    }

    // MARK: - Updates

    /// One more action in the current session.
    private mutating func act(_ c: Int) {
        depth[c] &+= depth[c] < .max ? 1 : 0
    }

    /// Ends the open session, if any, counting it for cart abandonment. A session start without
    /// a session end before it (a lost end) closes the previous session too.
    private mutating func closeSession(_ c: Int) {
        let flags = session[c]
        guard flags & SessionFlag.open != 0 else { return }
        if flags & SessionFlag.cart != 0 {
            cartSessions[c] &+= 1
            if flags & SessionFlag.purchased == 0 { abandoned[c] &+= 1 }
        }
        session[c] = flags & ~SessionFlag.open
    }

    /// Adds exp(−λ(ref − t)) to one decayed sum, moving the customer's reference time forward
    /// (and rescaling all three sums) when `t` is the latest engagement so far. Sums stay ≤ their
    /// counts, so nothing overflows however long the run.
    private mutating func engage(_ c: Int, at t: Double, _ signal: Signal) {
        let reference = engagementTime[c]
        var weight = 1.0
        if t > reference {
            // exp(−∞) = 0 for the first event, when the sums are still 0.
            let factor = exp(-decayRate * (t - reference))
            views[c] *= factor
            carts[c] *= factor
            sessions[c] *= factor
            engagementTime[c] = t
        } else {
            weight = exp(-decayRate * (reference - t))
        }
        switch signal {
        case .view: views[c] += weight
        case .cart: carts[c] += weight
        case .session: sessions[c] += weight
        }
    }

    /// Marks `category` (modulo 64) in the bucket of `t`. Only the latest bucket and the one
    /// before it are kept; the final bitsets depend only on the set of events, not their order.
    private mutating func browse(_ c: Int, category: UInt16, at t: Double) {
        let bit = UInt64(1) << UInt64(category % 64)
        let bucket = bucketIndex(t)
        let latest = breadthBucket[c]
        if bucket > latest {
            breadthPrevious[c] = latest != Self.noBucket && bucket == latest + 1 ? breadthCurrent[c] : 0
            breadthCurrent[c] = bit
            breadthBucket[c] = bucket
        } else if bucket == latest {
            breadthCurrent[c] |= bit
        } else if bucket == latest - 1 {
            breadthPrevious[c] |= bit
        }
    }

    // MARK: - Reads

    /// Distinct categories in the buckets of `time` and the one before.
    private func breadth(_ c: Int, at time: Double) -> Int {
        let latest = breadthBucket[c]
        guard latest != Self.noBucket else { return 0 }
        let query = bucketIndex(time)
        var set: UInt64 = 0
        if latest == query || latest == query - 1 { set |= breadthCurrent[c] }
        if latest - 1 == query || latest - 1 == query - 1 { set |= breadthPrevious[c] }
        return set.nonzeroBitCount
    }

    /// The breadth bucket of `t`, clamped to ±2⁶² so that neighbours never overflow.
    private func bucketIndex(_ t: Double) -> Int64 {
        let index = (t / breadthBucketSeconds).rounded(.down)
        let bound = 0x1p62
        return Int64(index.isNaN ? 0 : min(bound, max(-bound, index)))
    }

    /// An amount in fixed point; non-finite amounts count as 0.
    static func fixedPoint(_ amount: Float) -> Int64 {
        let scaled = (Double(amount) * spendScale).rounded()
        let bound = 0x1p62
        return scaled.isFinite ? Int64(min(bound, max(-bound, scaled))) : 0
    }
}
