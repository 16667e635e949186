import SegsimRandom
import SegsimBehaviour

/// Seeded, so that shuffles in the feature tests are reproducible.
typealias FeatureTestRNG = SplitMix64

/// Builds hand-made streams: ids are assigned in the order events are added, like ``EventStream``.
struct FeatureEventLog {
    static let day = 86_400.0
    private(set) var events: [CustomerEvent] = []

    mutating func add(_ customer: UInt32, _ time: Double, _ kind: EventKind, amount: Float = 0, attribute: UInt16 = 0) {
        events.append(CustomerEvent(
            id: UInt64(events.count), time: time, customer: customer, kind: kind, amount: amount, attribute: attribute))
    }
}

enum FeatureStreams {
    /// Every event, in stream order, up to `horizon` seconds.
    static func collect<Model: BehaviourModel>(_ model: Model, until horizon: Double) -> [CustomerEvent] {
        var stream = EventStream(model: model)
        var events: [CustomerEvent] = []
        while let event = stream.next(notAfter: horizon) { events.append(event) }
        return events
    }

    /// The events interleaved across customers at random, each customer's own order kept (what a
    /// log partitioned by customer may deliver).
    static func shuffledAcrossCustomers(_ events: [CustomerEvent], seed: UInt64) -> [CustomerEvent] {
        var rng = FeatureTestRNG(state: seed)
        var queues: [UInt32: [CustomerEvent]] = [:]
        for event in events { queues[event.customer, default: []].append(event) }
        var labels = events.map(\.customer)
        labels.shuffle(using: &rng)
        var next: [UInt32: Int] = [:]
        return labels.map { customer in
            let index = next[customer, default: 0]
            next[customer] = index + 1
            return queues[customer, default: []][index]
        }
    }

    /// Each event followed at once by a copy, and every `burst`-th event followed by a replay of
    /// its customer's last `replay` events (a consumer restarting from an older offset).
    static func withDuplicates(_ events: [CustomerEvent], replay: Int, burst: Int) -> (events: [CustomerEvent], copies: Int) {
        var out: [CustomerEvent] = []
        var recent: [UInt32: [CustomerEvent]] = [:]
        var copies = 0
        for (index, event) in events.enumerated() {
            out.append(event)
            out.append(event)
            copies += 1
            recent[event.customer, default: []].append(event)
            if index % burst == burst - 1, let history = recent[event.customer] {
                let replayed = history.suffix(replay)
                out.append(contentsOf: replayed)
                copies += replayed.count
            }
        }
        return (out, copies)
    }
}
