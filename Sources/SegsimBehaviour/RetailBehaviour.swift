import Foundation
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
/// Per-customer state is struct-of-arrays, 45 bytes a customer (plus its calendar entry).
public struct RetailBehaviour: BehaviourModel {
    /// The parameters the population was drawn from.
    public let parameters: RetailParameters

    private let events: RandomStream
    private let categories: DiscreteDistribution
    private let purchaseProfile: RateProfile?
    private let sessionProfile: RateProfile
    private let purchaseMultipliers: [Double]
    private let sessionMultipliers: [Double]
    private let intentExitRate: [Double]
    private let upProbability: Double
    private let meanGap: Double
    private let logSessionContinue: Double
    private let addToCartProbability: [Double]
    private let productViewThreshold: Double
    private let purchaseSessionEvents: Int

    // Struct-of-arrays, indexed by customer id.
    private var purchaseRate: [Float]  // λ, orders per second while alive (latent)
    private var dropout: [Float]  // p, chance of dropping out after a repeat order (latent)
    private var spendRate: [Float]  // ν of Gamma-Gamma (latent)
    private var sessionRate: [Float]  // browsing sessions per second at intent multiplier 1 (latent)
    private var nextOrder: [Double]  // time of the next order, +∞ once dropped out
    private var orderLead: [Float]  // seconds between the order's session start and the order
    private var joined: [Float]  // time of the first order
    private var lastOrder: [Float]  // time of the latest order
    private var repeatOrders: [UInt16]
    private var repeatSpend: [Float]
    private var intentChanged: [Float]  // time of the latest intent change, −∞ before any (ground truth for freshness)
    private var state: [UInt8]  // bits 0–1 intent, 2 alive, 3–4 mode, 5–6 pending idle action, 7 first order made
    private var actionsLeft: [UInt8]
    private var cart: [UInt8]

    private enum Mode: UInt8 { case idle = 0, browsing = 1, purchasing = 2, ending = 3 }
    private enum IdleAction: UInt8 { case orderSession = 0, browseSession = 1, intentChange = 2 }

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
        purchaseMultipliers = normalised(intent.purchaseMultipliers)
        sessionMultipliers = normalised(intent.sessionMultipliers)
        addToCartProbability = sessionMultipliers.map {
            min(0.5, sessions.productViewShare * sessions.addToCartProbability * $0)
        }
        // One uniform picks the action: [0, add) cart, then product views up to this, page views above.
        productViewThreshold = sessions.productViewShare
        let week = RetailParameters.secondsPerWeek
        intentExitRate = intentOn
            ? [intent.lowToMedium / week, (intent.mediumToLow + intent.mediumToHigh) / week, intent.highToMedium / week]
            : [0, 0, 0]
        upProbability = intent.mediumToLow + intent.mediumToHigh > 0
            ? intent.mediumToHigh / (intent.mediumToLow + intent.mediumToHigh) : 0
        purchaseProfile = conformance ? nil : parameters.timeProfile
        if let profile = parameters.timeProfile {
            sessionProfile = profile
        } else {
            sessionProfile = try RateProfile.constant(1)
        }
        meanGap = sessions.meanSecondsBetweenActions
        logSessionContinue = log(1 - 1 / sessions.meanActions)
        purchaseSessionEvents = sessions.actionsBeforePurchase + 2

        let n = parameters.customers
        purchaseRate = []; purchaseRate.reserveCapacity(n)
        dropout = []; dropout.reserveCapacity(n)
        spendRate = []; spendRate.reserveCapacity(n)
        sessionRate = []; sessionRate.reserveCapacity(n)
        nextOrder = []; nextOrder.reserveCapacity(n)
        orderLead = []; orderLead.reserveCapacity(n)
        joined = []; joined.reserveCapacity(n)
        state = []; state.reserveCapacity(n)
        let purchases = parameters.purchases
        let spend = parameters.spend
        let meanSessionRate = sessions.perWeek / week
        let initialIntent = try DiscreteDistribution(weights: intentOn ? stationary : [0, 1, 0])
        for _ in 0..<n {
            let join = parameters.acquisitionStart
                + population.uniform() * (parameters.acquisitionEnd - parameters.acquisitionStart)
            purchaseRate.append(Float(population.gamma(shape: purchases.r, scale: 1 / purchases.alpha)
                * purchases.rateScale / week))
            dropout.append(Float(population.beta(a: purchases.a, b: purchases.b)))
            spendRate.append(Float(population.gamma(shape: spend.q, scale: 1 / spend.gamma)))
            sessionRate.append(Float(population.gamma(shape: sessions.rateShape, scale: meanSessionRate / sessions.rateShape)))
            nextOrder.append(join)
            orderLead.append(Float(population.gamma(shape: Double(purchaseSessionEvents), scale: meanGap)))
            joined.append(Float(join))
            state.append(UInt8(initialIntent.sample(population)) | 0b100)
        }
        lastOrder = joined
        repeatOrders = Array(repeating: 0, count: n)
        repeatSpend = Array(repeating: 0, count: n)
        intentChanged = Array(repeating: -.infinity, count: n)
        actionsLeft = Array(repeating: 0, count: n)
        cart = Array(repeating: 0, count: n)
    }

    /// The number of customers.
    public var customerCount: Int { parameters.customers }

    /// The first step is the session of the customer's first order.
    public mutating func firstStep(of customer: Int) -> Double? {
        setIdleAction(customer, .orderSession)
        return nextOrder[customer] - Double(orderLead[customer])
    }

    /// Advances one customer by one step.
    public mutating func step(customer c: Int, at now: Double, events out: inout [CustomerEvent]) -> Double? {
        switch mode(c) {
        case .idle:
            return idleStep(c, now, &out)
        case .browsing:
            return browsingStep(c, now, &out)
        case .purchasing:
            return purchasingStep(c, now, &out)
        case .ending:
            emit(&out, c, now, .sessionEnd)
            setMode(c, .idle)
            return scheduleIdle(c, now)
        }
    }

    // MARK: - Steps

    private mutating func idleStep(_ c: Int, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        switch idleAction(c) {
        case .orderSession:
            emit(&out, c, now, .sessionStart)
            return beginOrderSession(c, now)
        case .browseSession:
            emit(&out, c, now, .sessionStart)
            setMode(c, .browsing)
            cart[c] = 0
            // Actions in the session: geometric with mean `meanActions` (at least one).
            let actions = 1 + log(events.uniformPositive()) / logSessionContinue
            actionsLeft[c] = UInt8(min(255, actions.isFinite ? actions : 255))
            return now + events.exponential(mean: meanGap)
        case .intentChange:
            changeIntent(c, now)
            return scheduleIdle(c, now)
        }
    }

    private mutating func browsingStep(_ c: Int, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        if nextOrder[c] - Double(orderLead[c]) <= now {
            // The customer decides to buy while browsing: the session becomes the order's session.
            emit(&out, c, now, .productView, attribute: category())
            return beginOrderSession(c, now)
        }
        guard actionsLeft[c] > 0 else {  // the session's actions are done and its cart reached checkout
            emit(&out, c, now, .checkout)
            setMode(c, .ending)
            return now + events.exponential(mean: meanGap)
        }
        let u = events.uniform()
        let add = addToCartProbability[Int(state[c] & 0b11)]
        if u < add {
            cart[c] &+= cart[c] < 255 ? 1 : 0
            emit(&out, c, now, .addToCart, attribute: category())
        } else if cart[c] > 0, u < add * (1 + parameters.sessions.removeFromCartProbability) {
            cart[c] -= 1
            emit(&out, c, now, .removeFromCart, attribute: category())
        } else if u < productViewThreshold {
            emit(&out, c, now, .productView, attribute: category())
        } else {
            emit(&out, c, now, .pageView)
        }
        actionsLeft[c] -= 1
        if actionsLeft[c] == 0, !(cart[c] > 0 && events.bernoulli(parameters.sessions.checkoutProbability)) {
            setMode(c, .ending)
        }
        return now + events.exponential(mean: meanGap)
    }

    private mutating func purchasingStep(_ c: Int, _ now: Double, _ out: inout [CustomerEvent]) -> Double? {
        let remaining = Int(actionsLeft[c])
        switch remaining {
        case 1:
            placeOrder(c, now, &out)
            setMode(c, .ending)
            return now + events.exponential(mean: meanGap)
        case 2: emit(&out, c, now, .checkout)
        case 3: emit(&out, c, now, .addToCart, attribute: category())
        default: emit(&out, c, now, .productView, attribute: category())
        }
        actionsLeft[c] = UInt8(remaining - 1)
        return nextActionBeforeOrder(c, now)
    }

    /// Starts the session that ends in the stored order; `now` is the session's first event.
    private mutating func beginOrderSession(_ c: Int, _ now: Double) -> Double {
        setMode(c, .purchasing)
        actionsLeft[c] = UInt8(purchaseSessionEvents)
        return nextActionBeforeOrder(c, now)
    }

    /// Splits the time left until the order into `actionsLeft` gaps as uniform spacings (the
    /// conditional law of Poisson gaps given their sum) and returns the end of the first.
    private mutating func nextActionBeforeOrder(_ c: Int, _ now: Double) -> Double {
        let gaps = Int(actionsLeft[c])
        let order = nextOrder[c]
        guard gaps > 1, order > now else { return max(now, order) }
        let first = (order - now) * (1 - pow(events.uniformPositive(), 1 / Double(gaps - 1)))
        return min(order, now + first)
    }

    private mutating func placeOrder(_ c: Int, _ now: Double, _ out: inout [CustomerEvent]) {
        let value = events.gamma(shape: parameters.spend.p, scale: 1 / Double(spendRate[c]))
        emit(&out, c, now, .purchase, amount: Float(value))
        cart[c] = 0
        let isRepeat = state[c] & 0b1000_0000 != 0
        state[c] |= 0b1000_0000
        if isRepeat {
            repeatOrders[c] &+= repeatOrders[c] < .max ? 1 : 0
            repeatSpend[c] += Float(value)
        }
        lastOrder[c] = Float(now)
        if isRepeat, events.bernoulli(Double(dropout[c])) {
            state[c] &= ~0b100
            nextOrder[c] = .infinity
        } else {
            drawNextOrder(c, after: now)
        }
    }

    private mutating func drawNextOrder(_ c: Int, after now: Double) {
        let rate = Double(purchaseRate[c]) * purchaseMultipliers[Int(state[c] & 0b11)]
        if let purchaseProfile {
            nextOrder[c] = purchaseProfile.nextArrival(after: now, scaledBy: rate, using: events)
        } else {
            nextOrder[c] = rate > 0 ? now + events.exponential(mean: 1 / rate) : .infinity
        }
        orderLead[c] = Float(events.gamma(shape: Double(purchaseSessionEvents), scale: meanGap))
    }

    /// Chooses the next idle action by racing the browsing-session and intent processes against
    /// the stored order session; returns its time, or `nil` once the customer has dropped out.
    private mutating func scheduleIdle(_ c: Int, _ now: Double) -> Double? {
        guard state[c] & 0b100 != 0 else { return nil }
        let intent = Int(state[c] & 0b11)
        var next = max(now, nextOrder[c] - Double(orderLead[c]))
        var action = IdleAction.orderSession
        let browse = sessionProfile.nextArrival(
            after: now, scaledBy: Double(sessionRate[c]) * sessionMultipliers[intent], using: events)
        if browse < next { next = browse; action = .browseSession }
        if intentExitRate[intent] > 0 {
            let change = now + events.exponential(mean: 1 / intentExitRate[intent])
            if change < next { next = change; action = .intentChange }
        }
        setIdleAction(c, action)
        return next
    }

    private mutating func changeIntent(_ c: Int, _ now: Double) {
        let intent = state[c] & 0b11
        let target: UInt8 = switch intent {
        case 0: 1
        case 2: 1
        default: events.bernoulli(upProbability) ? 2 : 0
        }
        state[c] = (state[c] & ~0b11) | target
        intentChanged[c] = Float(now)
        // The order rate changed: redraw the next order (memoryless) unless it is already under way.
        if nextOrder[c].isFinite, nextOrder[c] - Double(orderLead[c]) > now {
            drawNextOrder(c, after: now)
        }
    }

    // MARK: - Ground truth (read-only; the pipeline never sees it)

    /// The customer's current latent intent.
    public func intent(of c: Int) -> IntentLevel { IntentLevel(rawValue: state[c] & 0b11) ?? .medium }
    /// When the customer's intent last changed (−∞ before any change): with ``intent(of:)``, the
    /// instant a rise to high intent happened, which freshness is measured from.
    public func intentChangeTime(of c: Int) -> Float { intentChanged[c] }
    /// Whether the customer has not dropped out.
    public func isActive(_ c: Int) -> Bool { state[c] & 0b100 != 0 }
    /// The latent BG/NBD rate λ, orders per second while active.
    public func latentPurchaseRate(_ c: Int) -> Double { Double(purchaseRate[c]) }
    /// The order rate in force now, per second: λ times the intent multiplier (0 once dropped out).
    public func currentPurchaseRate(_ c: Int) -> Double {
        isActive(c) ? Double(purchaseRate[c]) * purchaseMultipliers[Int(state[c] & 0b11)] : 0
    }
    /// The latent dropout probability p.
    public func latentDropout(_ c: Int) -> Double { Double(dropout[c]) }
    /// The latent Gamma-Gamma spend rate ν.
    public func latentSpendRate(_ c: Int) -> Double { Double(spendRate[c]) }
    /// The latent browsing-session rate per second.
    public func latentSessionRate(_ c: Int) -> Double { Double(sessionRate[c]) }
    /// Time of the first order.
    public func joinedTime(_ c: Int) -> Float { joined[c] }
    /// Time of the latest order.
    public func lastOrderTime(_ c: Int) -> Float { lastOrder[c] }
    /// Repeat orders so far.
    public func repeatOrderCount(_ c: Int) -> UInt16 { repeatOrders[c] }
    /// Total value of the repeat orders so far.
    public func repeatOrderSpend(_ c: Int) -> Double { Double(repeatSpend[c]) }

    // MARK: - State bits and emission

    private func mode(_ c: Int) -> Mode { Mode(rawValue: (state[c] >> 3) & 0b11) ?? .idle }
    private mutating func setMode(_ c: Int, _ mode: Mode) { state[c] = (state[c] & ~0b11000) | (mode.rawValue << 3) }
    private func idleAction(_ c: Int) -> IdleAction { IdleAction(rawValue: (state[c] >> 5) & 0b11) ?? .orderSession }
    private mutating func setIdleAction(_ c: Int, _ action: IdleAction) {
        state[c] = (state[c] & ~0b110_0000) | (action.rawValue << 5)
    }

    private func category() -> UInt16 { UInt16(truncatingIfNeeded: categories.sample(events)) }

    private func emit(_ out: inout [CustomerEvent], _ c: Int, _ time: Double, _ kind: EventKind,
                      amount: Float = 0, attribute: UInt16 = 0) {
        out.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: kind, amount: amount, attribute: attribute))
    }
}
