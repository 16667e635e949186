import SegsimKernel

/// All customers' events merged in time order, pulled one at a time.
///
/// Each customer has exactly one pending step on a ladder calendar (payload = customer id), so
/// the stream holds O(customers) state and never stores events: they are produced as they are
/// pulled. Ties in time are broken by scheduling order, so the stream is a pure function of the
/// model and its seeds.
///
/// Generic and `@inlinable` so that the model's `step` is a direct call at the caller's site.
public struct EventStream<Model: BehaviourModel> {
    /// The behaviour model, with every customer's latent state (the ground truth).
    @inlinable public var model: Model { behaviour }
    /// Events delivered so far.
    @inlinable public var delivered: UInt64 { deliveredCount }
    /// Customer steps taken so far (including steps that emitted nothing).
    @inlinable public var steps: UInt64 { stepCount }

    @usableFromInline var behaviour: Model
    @usableFromInline var deliveredCount: UInt64 = 0
    @usableFromInline var stepCount: UInt64 = 0
    @usableFromInline var calendar = LadderCalendar()
    @usableFromInline var sequence: UInt64 = 0
    @usableFromInline var pending: [CustomerEvent] = []
    @usableFromInline var pendingIndex = 0
    @usableFromInline var eventCounts: [UInt32]

    /// Schedules every customer's first step.
    /// - Complexity: O(customers).
    public init(model: Model) {
        behaviour = model
        eventCounts = Array(repeating: 0, count: model.customerCount)
        for customer in 0..<model.customerCount {
            if let time = behaviour.firstStep(of: customer) { schedule(customer, at: time) }
        }
    }

    /// The next event at or before `limit` (seconds), or `nil` if there is none; events after
    /// `limit` stay pending for a later call.
    @inlinable
    public mutating func next(notAfter limit: Double = .infinity) -> CustomerEvent? {
        while pendingIndex == pending.count {
            guard let entry = calendar.peekMin(), entry.time <= limit else { return nil }
            _ = calendar.popMin()
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            let customer = Int(entry.payload)
            stepCount &+= 1
            if let next = behaviour.step(customer: customer, at: entry.time, events: &pending) {
                schedule(customer, at: Swift.max(next, entry.time))
            }
        }
        var event = pending[pendingIndex]
        pendingIndex += 1
        let customer = Int(event.customer)
        event.id = UInt64(customer) << 32 | UInt64(eventCounts[customer])
        eventCounts[customer] &+= 1
        deliveredCount &+= 1
        return event
    }

    @inlinable
    mutating func schedule(_ customer: Int, at time: Double) {
        calendar.push(CalendarEntry(time: time, sequence: sequence, payload: UInt32(truncatingIfNeeded: customer)))
        sequence &+= 1
    }
}
