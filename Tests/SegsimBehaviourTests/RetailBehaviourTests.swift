import Foundation
import Testing
import SegsimBehaviour
import SegsimRandom

/// The retail generator against the published models it implements, and its event invariants.
@Suite struct RetailBehaviourTests {
    static let week = RetailParameters.secondsPerWeek

    /// Everyone joins at 0; no browsing sessions, so only order sessions remain (fast).
    static func conformanceParameters(customers: Int) -> RetailParameters {
        var parameters = RetailParameters()
        parameters.customers = customers
        parameters.acquisitionStart = 0
        parameters.acquisitionEnd = 0
        parameters.sessions.perWeek = 0
        parameters.conformance = true
        return parameters
    }

    @Test func conformanceModeIsExactlyBGNBDAndGammaGamma() throws {
        let customers = 100_000
        let horizon = 39 * Self.week  // the CDNOW calibration period
        var stream = EventStream(model: try RetailBehaviour(parameters: Self.conformanceParameters(customers: customers), runSeed: 21))
        var orders = [Int](repeating: 0, count: customers)
        var values = [Double]()
        while let event = stream.next(notAfter: horizon) {
            guard event.kind == .purchase else { continue }
            orders[Int(event.customer)] += 1
            values.append(Double(event.amount))
        }
        let repeats = orders.map { Double($0 - 1) }
        #expect(orders.allSatisfy { $0 >= 1 })  // the first order is at 0, inside the horizon
        let p = RetailParameters.Purchases()
        let expected = BuyTillYouDie.expectedRepeatPurchases(t: 39, r: p.r, alpha: p.alpha, a: p.a, b: p.b)
        let mean = repeats.reduce(0, +) / Double(customers)
        let sd = (repeats.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(customers - 1)).squareRoot()
        // Customers are independent: 4 standard errors of the mean (a fixed seed, ~6e-5 two-sided miss rate).
        #expect(abs(mean - expected) < 4 * sd / Double(customers).squareRoot(), "mean repeats \(mean) vs E[X(39)] \(expected)")
        let zeroShare = Double(repeats.filter { $0 == 0 }.count) / Double(customers)
        let zeroExpected = BuyTillYouDie.probabilityOfNoRepeat(t: 39, r: p.r, alpha: p.alpha)
        let zeroSE = (zeroExpected * (1 - zeroExpected) / Double(customers)).squareRoot()
        #expect(abs(zeroShare - zeroExpected) < 4 * zeroSE, "P(X=0) \(zeroShare) vs \(zeroExpected)")
        let s = RetailParameters.Spend()
        let valueMean = values.reduce(0, +) / Double(values.count)
        let valueSD = (values.reduce(0) { $0 + ($1 - valueMean) * ($1 - valueMean) } / Double(values.count - 1)).squareRoot()
        // Order values of one customer share ν, so they are correlated: widen to 6 naive standard errors.
        let valueExpected = BuyTillYouDie.expectedOrderValue(p: s.p, q: s.q, gamma: s.gamma)
        #expect(abs(valueMean - valueExpected) < 6 * valueSD / Double(values.count).squareRoot(),
                "mean order \(valueMean) vs \(valueExpected)")
        // The truth table agrees with what the stream showed.
        let model = stream.model
        for c in stride(from: 0, to: customers, by: 997) {
            #expect(model.truth(of: c, at: horizon).frequency == orders[c] - 1)
        }
    }

    @Test func bgnbdClosedFormsMatchPublishedCDNOWFigures() {
        // E[X(t)] = ∫ (1/p)(1 − (α/(α+pt))^r) Beta(p; a, b) dp, integrated numerically (scipy quad,
        // error 8e-10) for the CDNOW fit at t = 39 weeks: 1.1967232 — independent of the ₂F₁ form.
        let p = RetailParameters.Purchases()
        let e39 = BuyTillYouDie.expectedRepeatPurchases(t: 39, r: p.r, alpha: p.alpha, a: p.a, b: p.b)
        #expect(abs(e39 - 1.1967232) < 1e-6)
        #expect(abs(BuyTillYouDie.probabilityOfNoRepeat(t: 39, r: 0.243, alpha: 4.414) - pow(4.414 / 43.414, 0.243)) < 1e-12)
        #expect(BuyTillYouDie.expectedRepeatPurchases(t: 0, r: p.r, alpha: p.alpha, a: p.a, b: p.b) == 0)
    }

    @Test func eventsAreOrderedUniqueAndEveryOrderIsInsideASession() throws {
        var parameters = RetailParameters()
        parameters.customers = 5_000
        parameters.acquisitionStart = -2 * Self.week
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 22))
        var inSession = [Bool](repeating: false, count: parameters.customers)
        var lastTime = -Double.infinity
        var ids = Set<UInt64>()
        var kinds = [EventKind: Int]()
        var ordersOutside = 0
        while let event = stream.next(notAfter: Self.week) {
            #expect(event.time >= lastTime)
            lastTime = event.time
            ids.insert(event.id)
            kinds[event.kind, default: 0] += 1
            let c = Int(event.customer)
            switch event.kind {
            case .sessionStart:
                #expect(!inSession[c])
                inSession[c] = true
            case .sessionEnd:
                #expect(inSession[c])
                inSession[c] = false
            case .purchase:
                if !inSession[c] { ordersOutside += 1 }
                #expect(event.amount > 0)
            default:
                #expect(inSession[c])
            }
        }
        #expect(ordersOutside == 0)
        #expect(ids.count == Int(stream.delivered))
        // Every funnel step appears, and sessions dwarf orders (browsing plus abandonment).
        for kind in [EventKind.sessionStart, .pageView, .productView, .addToCart, .removeFromCart, .checkout, .purchase, .sessionEnd] {
            #expect(kinds[kind, default: 0] > 0, "no \(kind)")
        }
        #expect(kinds[.sessionStart, default: 0] > 3 * kinds[.purchase, default: 0])
    }

    /// The bulk scan for high intent lists, in order, the customers that the per-customer
    /// accessors call high, with their change times, after intents have moved.
    @Test func highIntentScanEqualsAskingEachCustomer() throws {
        var parameters = RetailParameters()
        parameters.customers = 3_000
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 29))
        while stream.next(notAfter: 14 * 86_400) != nil {}
        let model = stream.model
        var scanned: [(Int, Float)] = []
        model.forEachHighIntent { scanned.append(($0, $1)) }
        let asked = (0..<parameters.customers).filter { model.intent(of: $0) == .high }
            .map { ($0, model.intentChangeTime(of: $0)) }
        #expect(scanned.count == asked.count && scanned.count > 0)
        #expect(zip(scanned, asked).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
        #expect(asked.contains { $0.1 > 0 })  // some rose during the two weeks
    }

    @Test func highIntentBuysMoreThanLowIntent() throws {
        // At any instant the order rate in force is λ × the intent multiplier: compare the groups.
        var parameters = RetailParameters()
        parameters.customers = 50_000
        let model = try RetailBehaviour(parameters: parameters, runSeed: 23)
        var rate = [IntentLevel: (sum: Double, count: Int)]()
        for c in 0..<parameters.customers {
            let level = model.intent(of: c)
            rate[level, default: (0, 0)].sum += model.currentPurchaseRate(c)
            rate[level, default: (0, 0)].count += 1
        }
        let mean = { (level: IntentLevel) in rate[level].map { $0.sum / Double($0.count) } ?? 0 }
        #expect(mean(.high) > 3 * mean(.low))
        // The initial intent mix is the chain's stationary law (3 standard errors of a proportion).
        let stationary = parameters.intent.stationary
        for level in IntentLevel.allCases {
            let share = Double(rate[level]?.count ?? 0) / Double(parameters.customers)
            let pi = stationary[Int(level.rawValue)]
            #expect(abs(share - pi) < 4 * (pi * (1 - pi) / Double(parameters.customers)).squareRoot())
        }
    }

    @Test func sameSeedSameBytesOtherSeedOtherStreamPopulationIndependentOfBrowsing() throws {
        var parameters = RetailParameters()
        parameters.customers = 2_000
        func digest(_ parameters: RetailParameters, seed: UInt64) throws -> (UInt64, Int) {
            var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: seed))
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var count = 0
            while let e = stream.next(notAfter: Self.week) {
                for word in [e.id, e.time.bitPattern, UInt64(e.kind.rawValue), UInt64(e.amount.bitPattern), UInt64(e.attribute)] {
                    hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                }
                count += 1
            }
            return (hash, count)
        }
        let a = try digest(parameters, seed: 5), b = try digest(parameters, seed: 5), c = try digest(parameters, seed: 6)
        #expect(a == b)
        #expect(a.0 != c.0)
        // Latent traits come from their own stream: changing the funnel leaves every customer the same.
        var other = parameters
        other.sessions.meanActions = 12
        let first = try RetailBehaviour(parameters: parameters, runSeed: 5)
        let second = try RetailBehaviour(parameters: other, runSeed: 5)
        for customer in 0..<parameters.customers {
            #expect(first.truth(of: customer, at: 0) == second.truth(of: customer, at: 0))
        }
    }

    @Test func browsingSessionsArrivePoissonAtTheLatentRateWhileIdle() throws {
        // No time profile, no intent, no repeat orders: after the first order's session, a
        // customer's browsing sessions start as a Poisson process at its latent session rate
        // during idle time (between a session's end and the next start). By the compensator, the
        // total count minus Σ rate × idle time is a sum of independent zero-mean terms with
        // variance Σ rate × idle time.
        var parameters = RetailParameters()
        parameters.customers = 20_000
        parameters.acquisitionStart = 0
        parameters.acquisitionEnd = 0
        parameters.purchases.rateScale = 0
        parameters.intent.enabled = false
        let horizon = 8 * Self.week
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 24))
        var idleSince = [Double](repeating: .nan, count: parameters.customers)  // NaN: in a session
        var idle = [Double](repeating: 0, count: parameters.customers)
        var sessions = 0
        while let event = stream.next(notAfter: horizon) {
            let c = Int(event.customer)
            switch event.kind {
            case .sessionStart where !idleSince[c].isNaN:
                idle[c] += event.time - idleSince[c]
                idleSince[c] = .nan
                sessions += 1
            case .sessionEnd:
                idleSince[c] = event.time
            default:
                break
            }
        }
        let model = stream.model
        var expected = 0.0
        for c in 0..<parameters.customers {
            if !idleSince[c].isNaN { idle[c] += horizon - idleSince[c] }
            #expect(model.repeatOrderCount(c) == 0)
            expected += model.latentSessionRate(c) * idle[c]
        }
        // Five standard deviations of the Poisson count (≈ 0.5% at ≈ 6 × 10⁵ sessions).
        #expect(abs(Double(sessions) - expected) < 5 * expected.squareRoot(), "\(sessions) sessions vs \(expected)")
    }

    @Test func impossibleParametersNameTheField() {
        var parameters = RetailParameters()
        parameters.purchases.alpha = -1
        #expect(throws: DistributionError.self) { try parameters.validate() }
        do { try parameters.validate() } catch { #expect(error.description.contains("purchases.alpha")) }
        parameters = RetailParameters()
        parameters.sessions.checkoutProbability = 1.5
        do { try parameters.validate() } catch { #expect(error.description.contains("checkout_probability") && error.description.contains("1.5")) }
        parameters = RetailParameters()
        parameters.customers = 0
        do { try parameters.validate() } catch { #expect(error.description.contains("customers")) }
    }
}

@Suite struct RetailPopulationSizeTests {
    @Test func populationTooLargeForMemoryGivesTheEstimate() throws {
        var parameters = RetailParameters()
        parameters.customers = 250_000_000  // over the 200-million ceiling on any machine
        let bytes = RetailParameters.bytesPerCustomer
        let error = try #require(throws: DistributionError.self) { try parameters.validate() }
        #expect(error.description.contains("estimated memory 250000000 × \(bytes) B"), "\(error)")
        #expect(error.description.contains("GB"), "\(error)")
        #expect(MemoryLayout<CustomerEvent>.stride <= 32)
    }
}
