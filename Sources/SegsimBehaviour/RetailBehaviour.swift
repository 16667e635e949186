import CGSL
import Foundation
import SegsimKernel
import SegsimRandom

/// A customer's latent purchase intent.
public enum IntentLevel: UInt8, Sendable, CaseIterable, Codable {
    /// Rarely browses, rarely buys.
    case low
    /// The typical state.
    case medium
    /// Actively shopping: more sessions, more carts, purchases sooner.
    case high
}

/// Retail (e-commerce) customers: BG/NBD purchases with Gamma-Gamma order values, browsing
/// sessions with a funnel, latent intent, and an optional time profile.
///
/// Every customer has one pending step at a time (see ``EventStream``). Latent processes are
/// Poisson, so their next times are redrawn at each idle step (memorylessness) and never stored;
/// only the next order is stored, because its session starts before it: the session's start is
/// drawn as the order time minus a Gamma lead, and the actions in between split the lead as
/// uniform spacings, so the order lands exactly at its BG/NBD time.
///
/// Per-customer state is 50 bytes a customer (plus its calendar entry): a 32-byte record of what
/// the steps read (next order and its lead, the latent rates, mode bits, actions left, cart), so
/// that a step touches one cache line, and struct-of-arrays columns for the BTYD summary and the
/// intent-change time, which only orders, intent changes and ground-truth queries touch.
/// The memory is raw, owned by a private object and copied on write, so steps run without
/// per-access uniqueness or bounds checks.
public struct RetailBehaviour: BehaviourModel {
    /// The parameters the population was drawn from.
    public let parameters: RetailParameters

    private let events: RandomStream
    private let categories: DiscreteDistribution
    private let purchaseProfile: RateProfile?
    /// The session-rate profile, `nil` without a time profile: sessions are then a homogeneous
    /// Poisson process per intent level, drawn as one exponential instead of by thinning.
    private let sessionProfile: RateProfile?
    // Per-intent constants (lanes low, medium, high; lane 3 unused), indexed by `state & 0b11`.
    private let purchaseMultipliers: SIMD4<Double>
    private let sessionMultipliers: SIMD4<Double>
    /// Mean sojourn in each intent level (1 / exit rate), +∞ when intent never changes.
    private let intentMeanSojourn: SIMD4<Double>
    private let addToCartProbability: SIMD4<Double>
    /// `addToCartProbability × (1 + removeFromCartProbability)`: below it (and above the former) a
    /// non-empty cart loses an item.
    private let removeThreshold: SIMD4<Double>
    private let upProbability: Double
    private let meanGap: Double
    private let logSessionContinue: Double
    private let productViewThreshold: Double
    private let checkoutProbability: Double
    private let purchaseSessionEvents: Int

    private var columns: Columns {
        didSet { hotRecords = UnsafeRawPointer(columns.hot) }
    }
    /// The hot records' memory, for ``prefetch(customer:)`` (inlined into the stream); it follows
    /// `columns` when they are copied.
    @usableFromInline var hotRecords: UnsafeRawPointer
    /// The stride of the hot records (checked against their layout in `Columns`).
    @usableFromInline static var hotStride: Int { 32 }

    // `state` bits: 0–1 intent, 2 alive, 3–4 mode, 5–6 pending idle action, 7 first order made.
    @usableFromInline enum Mode: UInt8 { case idle = 0, browsing = 1, purchasing = 2, ending = 3 }
    @usableFromInline enum IdleAction: UInt8 { case orderSession = 0, browseSession = 1, intentChange = 2 }

    /// Draws the population (traits from the stream `retail.population`; dynamics later from
    /// `retail.events`), both derived from (`runSeed`, `replication`).
    /// - Throws: ``DistributionError`` naming the first invalid parameter.
    public init(parameters: RetailParameters, runSeed: UInt64, replication: Int = 0) throws(DistributionError) {
        try parameters.validate()
        self.parameters = parameters
        let population = RandomStream(runSeed: runSeed, replication: replication, purpose: "retail.population")
        events = RandomStream(runSeed: runSeed, replication: replication, purpose: "retail.events")
        let sessions = parameters.sessions
        categories = try DiscreteDistribution(weights: (1...sessions.categories).map { 1 / Double($0) })

        let intent = parameters.intent
        let conformance = parameters.conformance
        let intentOn = intent.enabled && !conformance
        let stationary = intent.stationary
        func normalised(_ m: [Double]) -> [Double] {
            guard intentOn else { return [1, 1, 1] }
            let mean = zip(m, stationary).reduce(0) { $0 + $1.0 * $1.1 }
            return m.map { $0 / mean }
        }
        func lanes(_ v: [Double]) -> SIMD4<Double> { SIMD4(v[0], v[1], v[2], v[1]) }
        let sessionMultipliers = normalised(intent.sessionMultipliers)
        purchaseMultipliers = lanes(normalised(intent.purchaseMultipliers))
        self.sessionMultipliers = lanes(sessionMultipliers)
        let addToCart = sessionMultipliers.map { min(0.5, sessions.productViewShare * sessions.addToCartProbability * $0) }
        addToCartProbability = lanes(addToCart)
        removeThreshold = lanes(addToCart.map { $0 * (1 + sessions.removeFromCartProbability) })
        // One uniform picks the action: [0, add) cart, then product views up to this, page views above.
        productViewThreshold = sessions.productViewShare
        checkoutProbability = sessions.checkoutProbability
        let week = RetailParameters.secondsPerWeek
        let exitRate = intentOn
            ? [intent.lowToMedium / week, (intent.mediumToLow + intent.mediumToHigh) / week, intent.highToMedium / week]
            : [0, 0, 0]
        intentMeanSojourn = lanes(exitRate.map { $0 > 0 ? 1 / $0 : .infinity })
        upProbability = intent.mediumToLow + intent.mediumToHigh > 0
            ? intent.mediumToHigh / (intent.mediumToLow + intent.mediumToHigh) : 0
        purchaseProfile = conformance ? nil : parameters.timeProfile
        sessionProfile = parameters.timeProfile
        meanGap = sessions.meanSecondsBetweenActions
        logSessionContinue = log(1 - 1 / sessions.meanActions)
        purchaseSessionEvents = sessions.actionsBeforePurchase + 2

        let n = parameters.customers
        columns = Columns(count: n)
        hotRecords = UnsafeRawPointer(columns.hot)
        let purchases = parameters.purchases
        let spend = parameters.spend
        let meanSessionRate = sessions.perWeek / week
        let initialIntent = try DiscreteDistribution(weights: intentOn ? stationary : [0, 1, 0])
        // The same draws in the same order as ever: a population depends only on its seed.
        for c in 0..<n {
            let join = parameters.acquisitionStart
                + population.uniform() * (parameters.acquisitionEnd - parameters.acquisitionStart)
            let purchaseRate = Float(population.gamma(shape: purchases.r, scale: 1 / purchases.alpha) * purchases.rateScale / week)
            let dropout = Float(population.beta(a: purchases.a, b: purchases.b))
            let spendRate = Float(population.gamma(shape: spend.q, scale: 1 / spend.gamma))
            let sessionRate = Float(population.gamma(shape: sessions.rateShape, scale: meanSessionRate / sessions.rateShape))
            let lead = Float(population.gamma(shape: Double(purchaseSessionEvents), scale: meanGap))
            let state = UInt8(initialIntent.sample(population)) | 0b100
            columns.hot[c] = Hot(nextOrder: join, orderLead: lead, sessionRate: sessionRate, purchaseRate: purchaseRate,
                                 dropout: dropout, spendRate: spendRate, state: state)
            columns.joined[c] = Float(join)
            columns.lastOrder[c] = Float(join)
        }
    }

    /// The number of customers.
    public var customerCount: Int { parameters.customers }

    /// Starts loading the customer's record into the cache (a hint: it never faults or changes
    /// anything), so that a customer stepped after days idle is not a cache miss in the step.
    @inlinable
    public func prefetch(customer: Int) {
        segsim_prefetch(hotRecords + customer &* Self.hotStride)
    }

    /// The first step is the session of the customer's first order.
    public mutating func firstStep(of customer: Int) -> Double? {
        precondition(UInt(bitPattern: customer) < UInt(columns.count), "RetailBehaviour: customer out of range")
        makeUnique()
        let h = columns.hot + customer
        setIdleAction(h, .orderSession)
        return h.pointee.nextOrder - Double(h.pointee.orderLead)
    }

    /// Retail steps may run ahead: only orders and intent changes change the truth.
    @inlinable
    public static var stepsAhead: Bool { true }

    /// Whether the pending step is an order (it changes the BTYD summary and may end the customer)
    /// or an intent change; session starts, browsing actions and session ends change no truth.
    @inlinable
    public func pendingStepChangesTruth(customer c: Int) -> Bool {
        precondition(UInt(bitPattern: c) < UInt(customerCount), "RetailBehaviour: customer out of range")
        return changesTruth(hotRecords.assumingMemoryBound(to: Hot.self) + c)
    }

    /// Advances one customer by one step.
    public mutating func step(customer c: Int, at now: Double, events out: inout [CustomerEvent]) -> Double? {
        precondition(UInt(bitPattern: c) < UInt(columns.count), "RetailBehaviour: customer out of range")
        makeUnique()
        return step(c, columns.hot + c, now, &out)
    }

    /// Steps the customer on while it can run ahead: one range check, one uniqueness check and
    /// one call for a whole browsing session.
    public mutating func stepAhead(customer c: Int, at time: Double, before end: Double,
                                   events out: inout [CustomerEvent], steps: inout UInt64) -> Double? {
        precondition(UInt(bitPattern: c) < UInt(columns.count), "RetailBehaviour: customer out of range")
        makeUnique()
        let h = columns.hot + c
        var now = time
        while true {
            steps &+= 1
            guard let next = step(c, h, now, &out) else { return nil }
            let due = max(next, now)
            if due >= end || changesTruth(h) { return due }
            now = due
        }
    }

    @inline(__always)
    private mutating func step(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        switch mode(h) {
        case .idle:
            return idleStep(c, h, now, &out)
        case .browsing:
            return browsingStep(c, h, now, &out)
        case .purchasing:
            return purchasingStep(c, h, now, &out)
        case .ending:
            emit(&out, c, now, .sessionEnd)
            setMode(h, .idle)
            return scheduleIdle(c, h, now)
        }
    }

    /// See ``pendingStepChangesTruth(customer:)``.
    @inlinable
    func changesTruth(_ h: UnsafePointer<Hot>) -> Bool {
        switch mode(h) {
        case .idle: return idleAction(h) == .intentChange
        case .purchasing: return h.pointee.actionsLeft == 1
        case .browsing, .ending: return false
        }
    }

    // MARK: - Steps

    private mutating func idleStep(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        switch idleAction(h) {
        case .orderSession:
            emit(&out, c, now, .sessionStart)
            return beginOrderSession(h, now)
        case .browseSession:
            emit(&out, c, now, .sessionStart)
            setMode(h, .browsing)
            h.pointee.cart = 0
            // Actions in the session: geometric with mean `meanActions` (at least one), as
            // 1 + ⌊E / −log(1 − 1/mean)⌋ with E a unit exponential (−log U has its law).
            let actions = 1 - events.standardExponential() / logSessionContinue
            h.pointee.actionsLeft = UInt8(min(255, actions.isFinite ? actions : 255))
            return now + meanGap * events.standardExponential()
        case .intentChange:
            changeIntent(c, h, now)
            return scheduleIdle(c, h, now)
        }
    }

    private mutating func browsingStep(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        if h.pointee.nextOrder - Double(h.pointee.orderLead) <= now {
            // The customer decides to buy while browsing: the session becomes the order's session.
            emit(&out, c, now, .productView, attribute: category())
            return beginOrderSession(h, now)
        }
        guard h.pointee.actionsLeft > 0 else {  // the session's actions are done and its cart reached checkout
            emit(&out, c, now, .checkout)
            setMode(h, .ending)
            return now + meanGap * events.standardExponential()
        }
        let u = events.uniform()
        let intent = Int(h.pointee.state & 0b11)
        let cart = h.pointee.cart
        if u < addToCartProbability[intent] {
            h.pointee.cart = cart &+ (cart < 255 ? 1 : 0)
            emit(&out, c, now, .addToCart, attribute: category())
        } else if cart > 0, u < removeThreshold[intent] {
            h.pointee.cart = cart - 1
            emit(&out, c, now, .removeFromCart, attribute: category())
        } else if u < productViewThreshold {
            emit(&out, c, now, .productView, attribute: category())
        } else {
            emit(&out, c, now, .pageView)
        }
        h.pointee.actionsLeft -= 1
        if h.pointee.actionsLeft == 0, !(h.pointee.cart > 0 && events.bernoulli(checkoutProbability)) {
            setMode(h, .ending)
        }
        return now + meanGap * events.standardExponential()
    }

    private mutating func purchasingStep(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        let remaining = Int(h.pointee.actionsLeft)
        switch remaining {
        case 1:
            placeOrder(c, h, now, &out)
            setMode(h, .ending)
            return now + meanGap * events.standardExponential()
        case 2: emit(&out, c, now, .checkout)
        case 3: emit(&out, c, now, .addToCart, attribute: category())
        default: emit(&out, c, now, .productView, attribute: category())
        }
        h.pointee.actionsLeft = UInt8(remaining - 1)
        return nextActionBeforeOrder(h, now)
    }

    /// Starts the session that ends in the stored order; `now` is the session's first event.
    private mutating func beginOrderSession(_ h: UnsafeMutablePointer<Hot>, _ now: Double) -> Double {
        setMode(h, .purchasing)
        h.pointee.actionsLeft = UInt8(purchaseSessionEvents)
        return nextActionBeforeOrder(h, now)
    }

    /// Splits the time left until the order into `actionsLeft` gaps as uniform spacings (the
    /// conditional law of Poisson gaps given their sum) and returns the end of the first.
    private mutating func nextActionBeforeOrder(_ h: UnsafeMutablePointer<Hot>, _ now: Double) -> Double {
        let gaps = Int(h.pointee.actionsLeft)
        let order = h.pointee.nextOrder
        guard gaps > 1, order > now else { return max(now, order) }
        // The first spacing of k = gaps − 1 uniforms is their minimum, 1 − U^(1/k) = 1 − e^(−E/k)
        // with E a unit exponential: the ziggurat and `expm1` instead of `pow`.
        let first = (order - now) * -expm1(-events.standardExponential() / Double(gaps - 1))
        return min(order, now + first)
    }

    private mutating func placeOrder(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double, _ out: inout [CustomerEvent]) {
        let value = events.gamma(shape: parameters.spend.p, scale: 1 / Double(h.pointee.spendRate))
        emit(&out, c, now, .purchase, amount: Float(value))
        h.pointee.cart = 0
        let isRepeat = h.pointee.state & 0b1000_0000 != 0
        h.pointee.state |= 0b1000_0000
        if isRepeat {
            columns.repeatOrders[c] &+= columns.repeatOrders[c] < .max ? 1 : 0
            columns.repeatSpend[c] += Float(value)
        }
        columns.lastOrder[c] = Float(now)
        if isRepeat, events.bernoulli(Double(h.pointee.dropout)) {
            h.pointee.state &= ~0b100
            h.pointee.nextOrder = .infinity
        } else {
            drawNextOrder(c, h, after: now)
        }
    }

    private mutating func drawNextOrder(_ c: Int, _ h: UnsafeMutablePointer<Hot>, after now: Double) {
        let rate = Double(h.pointee.purchaseRate) * purchaseMultipliers[Int(h.pointee.state & 0b11)]
        if let purchaseProfile {
            h.pointee.nextOrder = purchaseProfile.nextArrival(after: now, scaledBy: rate, using: events)
        } else {
            h.pointee.nextOrder = rate > 0 ? now + events.standardExponential() / rate : .infinity
        }
        h.pointee.orderLead = Float(events.gamma(shape: Double(purchaseSessionEvents), scale: meanGap))
    }

    /// Chooses the next idle action by racing the browsing-session and intent processes against
    /// the stored order session; returns its time, or `nil` once the customer has dropped out.
    private mutating func scheduleIdle(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double) -> Double? {
        let state = h.pointee.state
        guard state & 0b100 != 0 else { return nil }
        let intent = Int(state & 0b11)
        var next = max(now, h.pointee.nextOrder - Double(h.pointee.orderLead))
        var action = IdleAction.orderSession
        let rate = Double(h.pointee.sessionRate) * sessionMultipliers[intent]
        let browse: Double
        if let sessionProfile {
            browse = sessionProfile.nextArrival(after: now, scaledBy: rate, using: events)
        } else {
            browse = rate > 0 ? now + events.standardExponential() / rate : .infinity
        }
        if browse < next { next = browse; action = .browseSession }
        let sojourn = intentMeanSojourn[intent]
        if sojourn < .infinity {
            let change = now + sojourn * events.standardExponential()
            if change < next { next = change; action = .intentChange }
        }
        setIdleAction(h, action)
        return next
    }

    private mutating func changeIntent(_ c: Int, _ h: UnsafeMutablePointer<Hot>, _ now: Double) {
        let state = h.pointee.state
        let target: UInt8 = switch state & 0b11 {
        case 0: 1
        case 2: 1
        default: events.bernoulli(upProbability) ? 2 : 0
        }
        h.pointee.state = (state & ~0b11) | target
        columns.intentChanged[c] = Float(now)
        // The order rate changed: redraw the next order (memoryless) unless it is already under way.
        if h.pointee.nextOrder.isFinite, h.pointee.nextOrder - Double(h.pointee.orderLead) > now {
            drawNextOrder(c, h, after: now)
        }
    }

    // MARK: - Ground truth (read-only; the pipeline never sees it)

    /// The customer's current latent intent.
    public func intent(of c: Int) -> IntentLevel { IntentLevel(rawValue: hot(c).state & 0b11) ?? .medium }
    /// When the customer's intent last changed (−∞ before any change): with ``intent(of:)``, the
    /// instant a rise to high intent happened, which freshness is measured from.
    public func intentChangeTime(of c: Int) -> Float { column(columns.intentChanged, c) }
    /// Calls `body` with each customer whose intent is high and when it last changed, in customer
    /// order: what ``intent(of:)`` and ``intentChangeTime(of:)`` give, in one pass over the hot
    /// records instead of a call per customer (a run scans for rises at every stability snapshot).
    /// - Complexity: O(customers).
    public func forEachHighIntent(_ body: (_ customer: Int, _ changed: Float) -> Void) {
        let high = IntentLevel.high.rawValue
        for c in 0..<columns.count where columns.hot[c].state & 0b11 == high { body(c, columns.intentChanged[c]) }
    }
    /// Whether the customer has not dropped out.
    public func isActive(_ c: Int) -> Bool { hot(c).state & 0b100 != 0 }
    /// The latent BG/NBD rate λ, orders per second while active.
    public func latentPurchaseRate(_ c: Int) -> Double { Double(hot(c).purchaseRate) }
    /// The order rate in force now, per second: λ times the intent multiplier (0 once dropped out).
    public func currentPurchaseRate(_ c: Int) -> Double {
        let record = hot(c)
        return record.state & 0b100 != 0 ? Double(record.purchaseRate) * purchaseMultipliers[Int(record.state & 0b11)] : 0
    }
    /// The latent dropout probability p.
    public func latentDropout(_ c: Int) -> Double { Double(hot(c).dropout) }
    /// The latent Gamma-Gamma spend rate ν.
    public func latentSpendRate(_ c: Int) -> Double { Double(hot(c).spendRate) }
    /// The latent browsing-session rate per second.
    public func latentSessionRate(_ c: Int) -> Double { Double(hot(c).sessionRate) }
    /// Time of the first order.
    public func joinedTime(_ c: Int) -> Float { column(columns.joined, c) }
    /// Time of the latest order.
    public func lastOrderTime(_ c: Int) -> Float { column(columns.lastOrder, c) }
    /// Repeat orders so far.
    public func repeatOrderCount(_ c: Int) -> UInt16 { column(columns.repeatOrders, c) }
    /// Total value of the repeat orders so far.
    public func repeatOrderSpend(_ c: Int) -> Double { Double(column(columns.repeatSpend, c)) }

    // MARK: - State bits and emission

    @inlinable
    func mode(_ h: UnsafePointer<Hot>) -> Mode { Mode(rawValue: (h.pointee.state >> 3) & 0b11) ?? .idle }
    private func setMode(_ h: UnsafeMutablePointer<Hot>, _ mode: Mode) {
        h.pointee.state = (h.pointee.state & ~0b11000) | (mode.rawValue << 3)
    }
    @inlinable
    func idleAction(_ h: UnsafePointer<Hot>) -> IdleAction {
        IdleAction(rawValue: (h.pointee.state >> 5) & 0b11) ?? .orderSession
    }
    private func setIdleAction(_ h: UnsafeMutablePointer<Hot>, _ action: IdleAction) {
        h.pointee.state = (h.pointee.state & ~0b110_0000) | (action.rawValue << 5)
    }

    private func category() -> UInt16 { UInt16(truncatingIfNeeded: categories.sample(events)) }

    private func emit(_ out: inout [CustomerEvent], _ c: Int, _ time: Double, _ kind: EventKind,
                      amount: Float = 0, attribute: UInt16 = 0) {
        out.append(CustomerEvent(id: 0, time: time, customer: UInt32(truncatingIfNeeded: c), kind: kind,
                                 amount: amount, attribute: attribute))
    }

    // MARK: - Storage

    /// The customer's hot record, for the public accessors (which check the id).
    private func hot(_ c: Int) -> Hot {
        precondition(UInt(bitPattern: c) < UInt(columns.count), "RetailBehaviour: customer out of range")
        return columns.hot[c]
    }

    private func column<T>(_ column: UnsafeMutablePointer<T>, _ c: Int) -> T {
        precondition(UInt(bitPattern: c) < UInt(columns.count), "RetailBehaviour: customer out of range")
        return column[c]
    }

    /// Copies the columns before the first write to columns shared with another copy of the model.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&columns) { columns = columns.copy() }
    }

    /// What the steps read and write, 32 bytes: allocations are 16-byte aligned, so a record never
    /// straddles two cache lines, and a customer whose session starts after days idle costs one
    /// cache miss here rather than one per column (the misses dominated the profile).
    @usableFromInline
    struct Hot {
        /// Time of the next order, +∞ once dropped out.
        var nextOrder: Double
        /// Seconds between the order's session start and the order.
        var orderLead: Float
        /// Browsing sessions per second at intent multiplier 1 (latent).
        var sessionRate: Float
        /// λ, orders per second while alive (latent).
        var purchaseRate: Float
        /// p, chance of dropping out after a repeat order (latent).
        var dropout: Float
        /// ν of Gamma-Gamma (latent).
        var spendRate: Float
        /// Bits 0–1 intent, 2 alive, 3–4 mode, 5–6 pending idle action, 7 first order made.
        @usableFromInline var state: UInt8
        /// Actions left in the session under way.
        @usableFromInline var actionsLeft: UInt8 = 0
        /// Items in the cart of the session under way.
        var cart: UInt8 = 0
        /// Padding, kept explicit so the record's size is plain.
        var unused: UInt8 = 0
    }

    /// Per-customer memory, indexed by customer id: the hot records and the colder columns,
    /// allocated once and freed with the last model value that shares them.
    final class Columns {
        let count: Int
        let hot: UnsafeMutablePointer<Hot>
        /// Time of the first order.
        let joined: UnsafeMutablePointer<Float>
        /// Time of the latest order.
        let lastOrder: UnsafeMutablePointer<Float>
        let repeatSpend: UnsafeMutablePointer<Float>
        /// Time of the latest intent change, −∞ before any (ground truth for freshness).
        let intentChanged: UnsafeMutablePointer<Float>
        let repeatOrders: UnsafeMutablePointer<UInt16>

        /// Columns for `count` customers: `hot`, `joined` and `lastOrder` to be filled in by the
        /// caller, the rest at their initial values.
        init(count: Int) {
            precondition(MemoryLayout<Hot>.stride == RetailBehaviour.hotStride, "RetailBehaviour.Hot must stay one 32-byte record")
            self.count = count
            // Huge pages: a step after days idle costs a cache miss, not also a page walk (~10%).
            hot = HugePageMemory.allocate(Hot.self, capacity: count, alignment: 32)
            joined = .allocate(capacity: max(1, count))
            lastOrder = .allocate(capacity: max(1, count))
            repeatSpend = .allocate(capacity: max(1, count))
            repeatSpend.initialize(repeating: 0, count: count)
            intentChanged = .allocate(capacity: max(1, count))
            intentChanged.initialize(repeating: -.infinity, count: count)
            repeatOrders = .allocate(capacity: max(1, count))
            repeatOrders.initialize(repeating: 0, count: count)
        }

        /// An independent copy.
        func copy() -> Columns {
            let copy = Columns(count: count)
            copy.hot.update(from: hot, count: count)
            copy.joined.update(from: joined, count: count)
            copy.lastOrder.update(from: lastOrder, count: count)
            copy.repeatSpend.update(from: repeatSpend, count: count)
            copy.intentChanged.update(from: intentChanged, count: count)
            copy.repeatOrders.update(from: repeatOrders, count: count)
            return copy
        }

        deinit {
            HugePageMemory.deallocate(hot)
            joined.deallocate()
            lastOrder.deallocate()
            repeatSpend.deallocate()
            intentChanged.deallocate()
            repeatOrders.deallocate()
        }
    }
}
