import Foundation
import SegsimBehaviour
import SegsimPipeline
import Testing

@Suite("Retail features")
struct FeatureRetailTests {
    static let day = FeatureEventLog.day
    static let week = 7 * day

    /// Customer 0: a bought cart, an abandoned cart, a purchase without a cart; customer 1: one
    /// purchase. Ids follow the order of `add`.
    static func handBuilt() -> [CustomerEvent] {
        var log = FeatureEventLog()
        let d = day
        log.add(0, 0, .sessionStart)
        log.add(0, 10, .productView, attribute: 3)
        log.add(0, 20, .productView, attribute: 67)  // 67 mod 64 = 3: the same bit as category 3
        log.add(1, 25, .sessionStart)
        log.add(0, 30, .addToCart, attribute: 5)
        log.add(0, 40, .checkout)
        log.add(1, 45, .purchase, amount: 20)
        log.add(0, 50, .purchase, amount: 100)
        log.add(0, 60, .sessionEnd)
        log.add(1, 65, .sessionEnd)
        log.add(0, d, .sessionStart)
        log.add(0, d + 10, .pageView)
        log.add(0, d + 20, .addToCart, attribute: 7)
        log.add(0, d + 30, .sessionEnd)  // a cart and no purchase: abandoned
        log.add(0, 3 * d, .sessionStart)
        log.add(0, 3 * d + 10, .productView, attribute: 2)
        log.add(0, 3 * d + 20, .purchase, amount: 50.5)
        log.add(0, 3 * d + 30, .sessionEnd)
        return log.events
    }

    /// Σ 2^(−(now − t) / 7 days), the closed form of a decayed count.
    static func decayed(_ times: [Double], at now: Double) -> Double {
        times.reduce(0) { $0 + pow(2, -(now - $1) / week) }
    }

    static func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
    }

    @Test func handBuiltSequenceMatchesHandComputedValues() {
        var store = RetailFeatureStore(customers: 2)
        for event in Self.handBuilt() {
            let applied = store.apply(event)
            #expect(applied)
        }
        let d = Self.day
        let now = 10 * d
        let f = store.features(of: 0, at: now)
        #expect(f.recency == now - (3 * d + 20))  // 7 d − 20 s = 604,780 s
        #expect(f.frequency == 2)
        #expect(f.monetaryTotal == 150.5)  // 100 + 50.5
        #expect(f.monetaryMean == 75.25)
        // Views at 10 s, 20 s, 1 d + 10 s, 3 d + 10 s: 2^(−10/7) + … ≈ 1.65319.
        #expect(Self.close(f.viewEngagement, Self.decayed([10, 20, d + 10, 3 * d + 10], at: now)))
        #expect(abs(f.viewEngagement - 1.6531880269) < 1e-9)
        // Carts at 30 s and 1 d + 20 s ≈ 0.78169.
        #expect(Self.close(f.cartEngagement, Self.decayed([30, d + 20], at: now)))
        #expect(abs(f.cartEngagement - 0.7816884253) < 1e-9)
        // Sessions at 0, 1 d, 3 d: 2^(−10/7) + 2^(−9/7) + 2^(−1) ≈ 1.28167.
        #expect(Self.close(f.sessionEngagement, Self.decayed([0, d, 3 * d], at: now)))
        #expect(f.sessionDepth == 2)  // the last session: product view, purchase
        // Categories {3, 5, 7, 2}, all in week 0; day 10 is in week 1, which counts week 0 too.
        #expect(f.browsingBreadth == 4)
        #expect(store.features(of: 0, at: 5 * d).browsingBreadth == 4)
        #expect(store.features(of: 0, at: 15 * d).browsingBreadth == 0)  // week 2: weeks 1–2 are empty
        #expect(f.cartSessions == 2)  // the sessions of day 0 and day 1
        #expect(f.abandonedCartSessions == 1)  // day 1's
        #expect(f.cartAbandonment == 0.5)
        #expect(f.vector.count == RetailFeatures.featureNames.count)
        #expect(store.featureVector(of: 0, at: now) == [
            (7 * d - 20) / d, 1, 2, 150.5, 75.25,
            f.viewEngagement, f.cartEngagement, f.sessionEngagement, 2, 4, 0.5,
        ])

        let g = store.features(of: 1, at: now)
        #expect(g.recency == now - 45)
        #expect(g.frequency == 1)
        #expect(g.monetaryTotal == 20)
        #expect(g.viewEngagement == 0)
        #expect(g.sessionDepth == 1)
        #expect(g.cartSessions == 0)
        #expect(g.cartAbandonment == nil)
        #expect(g.browsingBreadth == 0)
        #expect(store.deduplicator.duplicates == 0 && store.deduplicator.stale == 0)
    }

    @Test func aCustomerWithoutEventsHasEmptyFeatures() {
        let store = RetailFeatureStore(customers: 1)
        let f = store.features(of: 0, at: 1_000)
        #expect(f.recency == nil && f.monetaryMean == nil && f.cartAbandonment == nil)
        #expect(f.frequency == 0 && f.viewEngagement == 0 && f.browsingBreadth == 0 && f.sessionDepth == 0)
        #expect(store.featureVector(of: 0, at: 1_000) == Array(repeating: 0, count: RetailFeatures.featureNames.count))
    }

    @Test func everyEventTwiceChangesNothingAndCountsEachCopy() {
        let events = Self.handBuilt()
        var clean = RetailFeatureStore(customers: 2)
        var doubled = RetailFeatureStore(customers: 2)
        for event in events {
            clean.apply(event)
            let first = doubled.apply(event), second = doubled.apply(event)
            #expect(first && !second)
        }
        #expect(doubled.deduplicator.duplicates == events.count)
        #expect(doubled.deduplicator.stale == 0)
        for c in 0..<2 { #expect(doubled.features(of: c, at: 10 * Self.day) == clean.features(of: c, at: 10 * Self.day)) }
    }

    @Test func replayedEventsBeyondTheWindowAreStaleAndDroppedOrApplied() {
        var log = FeatureEventLog()
        for i in 0..<10 { log.add(0, Double(i), .purchase, amount: 1) }
        var dropping = RetailFeatureStore(customers: 1)
        var applying = RetailFeatureStore(customers: 1, stalePolicy: .apply)
        for event in log.events {
            dropping.apply(event)
            applying.apply(event)
        }
        // Ids 6–9 are in the window (duplicates); id 2 is older than all of them (stale).
        let duplicate = dropping.apply(log.events[8])
        let dropped = dropping.apply(log.events[2])
        let applied = applying.apply(log.events[2])
        #expect(!duplicate && !dropped && applied)
        #expect(dropping.deduplicator.duplicates == 1 && dropping.deduplicator.stale == 1)
        #expect(applying.deduplicator.stale == 1)
        #expect(dropping.features(of: 0, at: 10).frequency == 10)
        #expect(applying.features(of: 0, at: 10).frequency == 11)
    }

    /// A generated stream (300 customers, 8 weeks) for the order and duplicate tests.
    static func generated() throws -> [CustomerEvent] {
        var parameters = RetailParameters()
        parameters.customers = 300
        return FeatureStreams.collect(try RetailBehaviour(parameters: parameters, runSeed: 41), until: 8 * week)
    }

    static func run(_ events: [CustomerEvent], customers: Int) -> RetailFeatureStore {
        var store = RetailFeatureStore(customers: customers)
        for event in events { store.apply(event) }
        return store
    }

    @Test func reorderingAcrossCustomersAndDuplicatesChangeNothing() throws {
        let events = try Self.generated()
        #expect(events.count > 10_000)
        let now = 8 * Self.week
        let clean = Self.run(events, customers: 300)
        let shuffled = Self.run(FeatureStreams.shuffledAcrossCustomers(events, seed: 7), customers: 300)
        let (noisy, copies) = FeatureStreams.withDuplicates(events, replay: 12, burst: 97)
        let duplicated = Self.run(noisy, customers: 300)
        // Every copy is caught: in the window as a duplicate, or older than it as stale and dropped.
        #expect(duplicated.deduplicator.duplicates + duplicated.deduplicator.stale == copies)
        #expect(duplicated.deduplicator.stale > 0)
        for c in 0..<300 {
            let expected = clean.features(of: c, at: now)
            #expect(shuffled.features(of: c, at: now) == expected)
            #expect(duplicated.features(of: c, at: now) == expected)
        }
    }

    @Test func orderIndependentFeaturesSurviveAnyReorderWithinACustomer() throws {
        let events = try Self.generated()
        let now = 8 * Self.week
        let clean = Self.run(events, customers: 300)
        var rng = FeatureTestRNG(state: 99)
        // Stale policy `.apply`: a fully shuffled customer is far outside any dedup window.
        var store = RetailFeatureStore(customers: 300, stalePolicy: .apply)
        for event in events.shuffled(using: &rng) { store.apply(event) }
        for c in 0..<300 {
            let a = clean.features(of: c, at: now), b = store.features(of: c, at: now)
            #expect(a.recency == b.recency && a.frequency == b.frequency && a.monetaryTotal == b.monetaryTotal)
            #expect(a.monetaryMean == b.monetaryMean && a.browsingBreadth == b.browsingBreadth)
            // Sums of the same weights in another order: equal up to rounding.
            #expect(Self.close(a.viewEngagement, b.viewEngagement, relative: 1e-9))
            #expect(Self.close(a.cartEngagement, b.cartEngagement, relative: 1e-9))
            #expect(Self.close(a.sessionEngagement, b.sessionEngagement, relative: 1e-9))
        }
    }

    @Test func decayedEngagementMatchesTheClosedFormForOutOfOrderTimes() {
        var rng = FeatureTestRNG(state: 5)
        let times = (0..<200).map { _ in Double.random(in: 0..<(60 * Self.day), using: &rng) }
        var log = FeatureEventLog()
        for t in times { log.add(0, t, .pageView) }
        var store = RetailFeatureStore(customers: 1, stalePolicy: .apply)
        for event in log.events { store.apply(event) }
        for now in [60 * Self.day, 90 * Self.day] {
            #expect(Self.close(store.features(of: 0, at: now).viewEngagement, Self.decayed(times, at: now), relative: 1e-10))
        }
        // Another half-life: 1 day.
        var daily = RetailFeatureStore(customers: 1, halfLife: Self.day, stalePolicy: .apply)
        for event in log.events { daily.apply(event) }
        let expected = times.reduce(0) { $0 + pow(2, -(60 * Self.day - $1) / Self.day) }
        #expect(Self.close(daily.features(of: 0, at: 60 * Self.day).viewEngagement, expected, relative: 1e-10))
    }

    @Test func aCopyIsIndependentOfTheOriginal() {
        // The records live in a shared slab, copied on the first write after a copy.
        let events = Self.handBuilt()
        var store = RetailFeatureStore(customers: 2)
        for event in events.prefix(8) { store.apply(event) }
        let snapshot = store
        let before = snapshot.features(of: 0, at: 10 * Self.day)
        for event in events.dropFirst(8) { store.apply(event) }
        #expect(snapshot.features(of: 0, at: 10 * Self.day) == before)
        #expect(store.features(of: 0, at: 10 * Self.day) != before)
        var copy = snapshot
        let reapplied = copy.apply(events[7])  // in customer 0's window of the four latest ids
        #expect(!reapplied)  // a duplicate for the copy too
        #expect(copy.deduplicator.duplicates == 1 && snapshot.deduplicator.duplicates == 0)
    }

    @Test func statePerCustomerFitsIn128Bytes() {
        // A 128-byte record per customer: 32 bytes of dedup window, 87 bytes of features and 9 of
        // padding that keeps each record in one aligned pair of cache lines.
        #expect(RetailFeatureStore.stateBytesPerCustomer == 96)
        #expect(RetailFeatureStore.stateBytesPerCustomer <= 128)
        #expect(EventDeduplicator.bytesPerCustomer == 32)
    }
}
