/// All customers' events merged in time order, pulled one at a time.
///
/// Each customer has exactly one pending step on a ``CustomerCalendar``, so the stream holds
/// O(customers) state (about 13 bytes a customer besides the model's) and never stores events:
/// they are produced as they are pulled. Steps at equal times are taken in customer-id order, so
/// the stream is a pure function of the model and its seeds; event ids are stream positions (see
/// ``CustomerEvent/id``).
///
/// Generic and `@inlinable` so that the model's `step` is a direct call at the caller's site.
public struct EventStream<Model: BehaviourModel> {
    /// The behaviour model, with every customer's latent state (the ground truth). Read in place
    /// (no copy), so per-customer truth queries in a loop stay cheap.
    @inlinable public var model: Model { _read { yield behaviour } }
    /// Events delivered so far.
    @inlinable public var delivered: UInt64 { deliveredCount }
    /// Customer steps taken so far (including steps that emitted nothing).
    @inlinable public var steps: UInt64 { stepCount }

    /// A step's events are appended to `pending` after those already delivered; the array is
    /// emptied only once this many have accumulated, so that emptying it is rare.
    @usableFromInline static var pendingFlush: Int { 64 }
    /// How many customers of a freshly refilled run are prefetched at once.
    @usableFromInline static var prefetchDepth: Int { 16 }

    @usableFromInline var behaviour: Model
    @usableFromInline var deliveredCount: UInt64 = 0
    @usableFromInline var stepCount: UInt64 = 0
    @usableFromInline var calendar: CustomerCalendar
    /// Events of the latest steps; those before `pendingIndex` have been delivered.
    @usableFromInline var pending: [CustomerEvent] = []
    @usableFromInline var pendingIndex = 0

    /// Schedules every customer's first step.
    ///
    /// The model is consumed: a temporary passed in becomes the stream's own, so the first steps
    /// do not make a copy-on-write copy of its per-customer state (at 10 million customers that
    /// copy would double the peak memory).
    /// - Complexity: O(customers).
    public init(model: consuming Model) {
        behaviour = consume model
        calendar = CustomerCalendar(idCount: behaviour.customerCount)
        for customer in 0..<behaviour.customerCount {
            if let time = behaviour.firstStep(of: customer) { calendar.push(customer, at: time) }
        }
    }

    /// The next event at or before `limit` (seconds), or `nil` if there is none; events after
    /// `limit` stay pending for a later call.
    /// - Complexity: O(1) amortised, plus the model's step.
    @inlinable
    public mutating func next(notAfter limit: Double = .infinity) -> CustomerEvent? {
        while pendingIndex == pending.count {
            guard let (customer, time) = calendar.popMin(notAfter: limit) else { return nil }
            // A customer stepped after days idle is a cache miss: start loading the next ones now.
            // When this pop emptied the run, refill it before stepping this customer and hint the
            // whole new run, so that loading its first customers overlaps this step; else hint
            // the one two pops ahead (the one in between was hinted by the previous pop).
            if calendar.upcomingId(0) == nil {
                calendar.prepareUpcoming()
                var offset = 0
                while offset < Self.prefetchDepth, let upcoming = calendar.upcomingId(offset) {
                    behaviour.prefetch(customer: upcoming)
                    offset += 1
                }
            } else if let upcoming = calendar.upcomingId(1) {
                behaviour.prefetch(customer: upcoming)
            }
            if pendingIndex >= Self.pendingFlush {
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
            }
            stepCount &+= 1
            if let next = behaviour.step(customer: customer, at: time, events: &pending) {
                calendar.push(customer, at: Swift.max(next, time))
            }
        }
        var event = pending[pendingIndex]
        pendingIndex += 1
        event.id = deliveredCount
        deliveredCount &+= 1
        return event
    }
}

extension BehaviourModel {
    /// Does nothing: a model without a layout worth prefetching.
    @inlinable
    public func prefetch(customer: Int) {}
}
