import CGSL
import Foundation
import SegsimBehaviour

/// Per-customer retail features, updated in O(1) per event and deduplicated by event id.
///
/// **Layout.** Each customer is one 128-byte ``RetailCustomerRecord`` — its dedup window
/// (``EventDeduplicator/bytesPerCustomer`` bytes) and ``stateBytesPerCustomer`` bytes of features —
/// aligned to 128 bytes in a huge-page ``CustomerSlab``. An event applies, and the segmentation
/// then reads, every feature of its customer, so all of it sits in one aligned pair of cache lines:
/// one random memory access per event instead of one per feature column (the struct-of-arrays
/// layout this replaced cost a cache miss and a TLB miss per column).
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
    /// The deduplication policy and its counters of duplicates and stale events. The id windows
    /// themselves live in the customers' records, so its ``EventDeduplicator/customers`` is 0.
    public private(set) var deduplicator: EventDeduplicator

    /// Per-customer state bytes, excluding deduplication: a customer's record less its dedup
    /// window (87 bytes of fields, the rest alignment padding of the 128-byte record).
    public static let stateBytesPerCustomer =
        MemoryLayout<RetailCustomerRecord>.stride - EventDeduplicator.bytesPerCustomer

    /// Money is summed in fixed point, in steps of 2⁻²⁴ currency units (totals up to 2³⁹ ≈
    /// 5.5 × 10¹¹), so that the total is exact and independent of order (integer addition is
    /// associative); amounts are rounded to the step once, as they arrive.
    static let spendScale = 16_777_216.0
    static let noBucket = Int64.min

    /// Dedup bytes per customer: the id window is part of every record, so it is held whether
    /// or not deduplication is on.
    public var dedupBytesPerCustomer: Int { EventDeduplicator.bytesPerCustomer }

    private let decayRate: Double
    /// The number of customers.
    private let customers: Int
    /// One record per customer, copy-on-write (see ``CustomerSlab``).
    private var records: CustomerSlab<RetailCustomerRecord>
    private enum Signal { case view, cart, session }

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
        // The windows are in the records: the deduplicator keeps only the policy and counters.
        deduplicator = EventDeduplicator(customers: 0, stalePolicy: stalePolicy, enabled: idempotent)
        self.customers = max(0, customers)
        records = CustomerSlab(repeating: RetailCustomerRecord(), count: self.customers)
    }

    /// Applies one event to its customer's features.
    /// - Returns: `false` if the event was not applied: a duplicate, or stale under
    ///   ``EventDeduplicator/StalePolicy/drop``. Healthcare events are recorded but change nothing.
    /// - Precondition: `event.customer` is below the store's customer count.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func apply(_ event: CustomerEvent) -> Bool {
        let c = Int(event.customer)
        precondition(c < customers, "customer outside the feature store")
        if !isKnownUniquelyReferenced(&records) { records = records.copy() }
        let r = records.base + c
        guard deduplicator.admit(event.id, window: &r.pointee.window) else { return false }
        let t = event.time
        switch event.kind {
        case .sessionStart:
            r.pointee.closeSession()
            r.pointee.session = SessionFlag.open
            r.pointee.depth = 0
            engage(r, at: t, .session)
        case .pageView:
            r.pointee.act()
            engage(r, at: t, .view)
        case .productView:
            r.pointee.act()
            engage(r, at: t, .view)
            browse(r, category: event.attribute, at: t)
        case .addToCart:
            r.pointee.act()
            r.pointee.session |= SessionFlag.cart
            engage(r, at: t, .cart)
            browse(r, category: event.attribute, at: t)
        case .removeFromCart:
            r.pointee.act()
            browse(r, category: event.attribute, at: t)
        case .checkout:
            r.pointee.act()
        case .purchase:
            r.pointee.act()
            r.pointee.session |= SessionFlag.purchased
            r.pointee.lastPurchase = max(r.pointee.lastPurchase, t)
            r.pointee.purchases &+= 1
            r.pointee.spend &+= Self.fixedPoint(event.amount)
        case .sessionEnd:
            r.pointee.closeSession()
        case .outpatientVisit, .emergencyVisit, .admission, .discharge, .death:
            break
        }
        return true
    }

    /// Hints that `customer`'s record will be needed soon (an event entering the pipeline is
    /// applied when it leaves): the record, one random cache miss, is fetched meanwhile. Changes
    /// nothing; a customer outside the store is ignored.
    /// - Complexity: O(1), no wait.
    @inline(__always)
    public func prefetch(customer: Int) {
        guard customer >= 0, customer < customers else { return }
        records.prefetch(customer)
    }

    /// The features of `customer` as seen at `time` (seconds; normally at or after the
    /// customer's latest event, though any time gives the same closed forms).
    /// - Complexity: O(1).
    @inline(__always)  // into score(of:at:by:), so that the struct is never stored
    public func features(of customer: Int, at time: Double) -> RetailFeatures {
        precondition(customer >= 0 && customer < customers, "customer outside the feature store")
        let r = records.base[customer]
        let orders = Int(r.purchases)
        let total = Double(r.spend) / Self.spendScale
        let decay = r.engagementTime.isFinite ? segsim_exp(-decayRate * (time - r.engagementTime)) : 0
        return RetailFeatures(
            recency: orders > 0 ? time - r.lastPurchase : nil,
            frequency: orders,
            monetaryTotal: total,
            monetaryMean: orders > 0 ? total / Double(orders) : nil,
            viewEngagement: r.views * decay,
            cartEngagement: r.carts * decay,
            sessionEngagement: r.sessions * decay,
            sessionDepth: Int(r.depth),
            browsingBreadth: breadth(r, at: time),
            cartSessions: Int(r.cartSessions),
            abandonedCartSessions: Int(r.abandoned))
    }

    /// The features of `customer` at `time` as numbers, named by ``RetailFeatures/featureNames``.
    /// - Complexity: O(1).
    public func featureVector(of customer: Int, at time: Double) -> [Double] {
        features(of: customer, at: time).vector
    }

    /// `model.score(features(of: customer, at: time))`, the per-event streaming path, in one call
    /// so that the features go straight into the model's sum without being stored as a struct.
    /// - Complexity: O(1), no allocation.
    public func score(of customer: Int, at time: Double, by model: LogisticRegression) -> Double? {
        model.score(features(of: customer, at: time))
    }

    // MARK: - Updates

    /// Adds exp(−λ(ref − t)) to one decayed sum, moving the customer's reference time forward
    /// (and rescaling all three sums) when `t` is the latest engagement so far. Sums stay ≤ their
    /// counts, so nothing overflows however long the run.
    @inline(__always)
    private func engage(_ r: UnsafeMutablePointer<RetailCustomerRecord>, at t: Double, _ signal: Signal) {
        let reference = r.pointee.engagementTime
        var weight = 1.0
        if t > reference {
            // exp(−∞) = 0 for the first event, when the sums are still 0.
            let factor = segsim_exp(-decayRate * (t - reference))
            r.pointee.views *= factor
            r.pointee.carts *= factor
            r.pointee.sessions *= factor
            r.pointee.engagementTime = t
        } else {
            weight = segsim_exp(-decayRate * (reference - t))
        }
        switch signal {
        case .view: r.pointee.views += weight
        case .cart: r.pointee.carts += weight
        case .session: r.pointee.sessions += weight
        }
    }

    /// Marks `category` (modulo 64) in the bucket of `t`. Only the latest bucket and the one
    /// before it are kept; the final bitsets depend only on the set of events, not their order.
    @inline(__always)
    private func browse(_ r: UnsafeMutablePointer<RetailCustomerRecord>, category: UInt16, at t: Double) {
        let bit = UInt64(1) << UInt64(category % 64)
        let bucket = bucketIndex(t)
        let latest = r.pointee.breadthBucket
        if bucket > latest {
            r.pointee.breadthPrevious = latest != Self.noBucket && bucket == latest + 1 ? r.pointee.breadthCurrent : 0
            r.pointee.breadthCurrent = bit
            r.pointee.breadthBucket = bucket
        } else if bucket == latest {
            r.pointee.breadthCurrent |= bit
        } else if bucket == latest - 1 {
            r.pointee.breadthPrevious |= bit
        }
    }

    // MARK: - Reads

    /// Distinct categories in the buckets of `time` and the one before.
    @inline(__always)
    private func breadth(_ r: RetailCustomerRecord, at time: Double) -> Int {
        let latest = r.breadthBucket
        guard latest != Self.noBucket else { return 0 }
        let query = bucketIndex(time)
        var set: UInt64 = 0
        if latest == query || latest == query - 1 { set |= r.breadthCurrent }
        if latest - 1 == query || latest - 1 == query - 1 { set |= r.breadthPrevious }
        return set.nonzeroBitCount
    }

    /// The breadth bucket of `t`, ⌊t / width⌋ clamped to ±2⁶² so that neighbours never overflow
    /// (0 for NaN); the floor by truncation, exact below 2⁶², without a libm call per event.
    @inline(__always)
    private func bucketIndex(_ t: Double) -> Int64 {
        let quotient = t / breadthBucketSeconds
        let bound = 0x1p62
        guard abs(quotient) < bound else { return quotient.isNaN ? 0 : Int64(quotient < 0 ? -bound : bound) }
        let truncated = Int64(quotient)
        return Double(truncated) > quotient ? truncated - 1 : truncated
    }

    /// An amount in fixed point; non-finite amounts count as 0.
    static func fixedPoint(_ amount: Float) -> Int64 {
        let scaled = (Double(amount) * spendScale).rounded()
        let bound = 0x1p62
        return scaled.isFinite ? Int64(min(bound, max(-bound, scaled))) : 0
    }
}

/// One retail customer's state: the dedup window first, then the features, 128 bytes aligned to
/// 128 (two cache lines of one aligned pair, see ``RetailFeatureStore``). Field by field the same
/// values the store kept in separate columns before, so every feature is bit-for-bit unchanged.
struct RetailCustomerRecord: BitwiseCopyable, Sendable {
    /// The ids applied last (see ``EventDeduplicator``).
    var window = DedupWindow()
    /// The latest purchase time, −∞ before the first.
    var lastPurchase = -Double.infinity
    /// Reference time of the decayed sums: the latest engagement event (−∞ before any).
    var engagementTime = -Double.infinity
    /// Σ exp(−λ (engagementTime − t)) over views, carts and session starts.
    var views = 0.0, carts = 0.0, sessions = 0.0
    /// Total spend in fixed point (see `RetailFeatureStore.spendScale`).
    var spend: Int64 = 0
    /// Index of the latest breadth bucket seen, `noBucket` before any.
    var breadthBucket = RetailFeatureStore.noBucket
    /// Categories mod 64 in that bucket, and in the bucket before it.
    var breadthCurrent: UInt64 = 0, breadthPrevious: UInt64 = 0
    var purchases: UInt32 = 0, cartSessions: UInt32 = 0, abandoned: UInt32 = 0
    /// Actions in the current (or last) session.
    var depth: UInt16 = 0
    /// `SessionFlag` bits.
    var session: UInt8 = 0
    /// Pads the record to 128 bytes, so that records never straddle an aligned pair of lines.
    private var padding: UInt64 = 0

    /// One more action in the current session.
    @inline(__always)
    mutating func act() {
        depth &+= depth < .max ? 1 : 0
    }

    /// Ends the open session, if any, counting it for cart abandonment. A session start without
    /// a session end before it (a lost end) closes the previous session too.
    @inline(__always)
    mutating func closeSession() {
        let flags = session
        guard flags & SessionFlag.open != 0 else { return }
        if flags & SessionFlag.cart != 0 {
            cartSessions &+= 1
            if flags & SessionFlag.purchased == 0 { abandoned &+= 1 }
        }
        session = flags & ~SessionFlag.open
    }
}

/// Bits of ``RetailCustomerRecord/session``.
private enum SessionFlag {
    static let open: UInt8 = 1
    static let cart: UInt8 = 2
    static let purchased: UInt8 = 4
}
