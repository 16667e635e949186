/// All customers' events merged in time order, pulled one at a time.
///
/// Each customer has exactly one pending step on a ``CustomerCalendar``, so the stream holds
/// O(customers) state (about 13 bytes a customer besides the model's) and never stores events
/// beyond a window: they are produced as they are pulled. Events are delivered by (time,
/// customer), so the stream is a pure function of the model and its seeds, whatever limits the
/// caller pulls with; event ids are stream positions (see ``CustomerEvent/id``).
///
/// **Stepping ahead.** For a model with ``BehaviourModel/stepsAhead``, the stream works in windows
/// of virtual time: it pops each customer due in the window and steps it on and on while its
/// steps stay in the window and change no ground truth (a browsing session, say), then sorts the
/// window's events (``EventWindow``). A step that may change the truth (an order, an intent
/// change) is put off and taken only when delivery reaches its time, so the model's truth read
/// between two events is exactly that of the time delivered. Retail then needs one calendar
/// operation per five events instead of one per event (with the sort, ~1.25x faster overall).
/// The laws of the events are the same either way; only the order in which customers draw from
/// the shared random stream differs. Windows adapt their length to hold
/// about ``windowEvents`` events; the lengths depend only on the events, never on the limits.
/// Other models are stepped one step at a time, strictly in (time, customer) order.
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
    /// Stepping ahead: the current window's events and put-off steps, its end, its length, and
    /// how many customers pending in the calendar are due before its end (pushed after put-off
    /// steps were taken).
    @usableFromInline var window = EventWindow()
    @usableFromInline var windowEnd = -Double.infinity
    @usableFromInline var windowLength = Self.initialWindowLength
    @usableFromInline var dueInWindow = 0
    /// Window events before this time come before every put-off step and due customer.
    @usableFromInline var barrier = -Double.infinity

    /// The number of events a window aims at: its buffers then take about 1 MiB, so they stay in
    /// cache (measured on retail: 4,096 ~10% slower, with more visits per session; 2,048 ~20%).
    @usableFromInline static var windowEvents: Double { 16_384 }
    /// Window lengths, in seconds: the first, and the bounds of the adapted ones.
    @usableFromInline static var initialWindowLength: Double { 3_600 }
    @usableFromInline static var shortestWindow: Double { 60 }
    @usableFromInline static var longestWindow: Double { 7 * 86_400 }

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
        if Model.stepsAhead { return nextSteppingAhead(notAfter: limit) }
        while pendingIndex == pending.count {
            guard let (customer, time) = calendar.popMin(notAfter: limit) else { return nil }
            prefetchUpcoming()
            if pendingIndex >= Self.pendingFlush {
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
            }
            stepCount &+= 1
            if let next = behaviour.step(customer: customer, at: time, events: &pending) {
                calendar.push(customer, at: Swift.max(next, time))
            }
        }
        pendingIndex += 1
        return stamped(pending[pendingIndex - 1])
    }

    // MARK: - Stepping ahead

    /// ``next(notAfter:)`` for a model that steps ahead: the window's next event while it comes
    /// before the window's next put-off step or due customer, else the general case.
    @inlinable
    mutating func nextSteppingAhead(notAfter limit: Double) -> CustomerEvent? {
        if window.head < window.count, pendingIndex == pending.count {
            let event = window.sorted[window.head]
            if event.time < barrier, event.time <= limit {
                window.head += 1
                return stamped(event)
            }
        }
        defer { updateBarrier() }
        return nextInWindow(notAfter: limit)
    }

    /// The earliest of the window's next event, its next put-off step and a customer due in the
    /// window after one, in (time, customer) order; a step's events come before a later step of
    /// the same customer at the same time.
    @inlinable
    mutating func nextInWindow(notAfter limit: Double) -> CustomerEvent? {
        while true {
            if pendingIndex < pending.count {
                let event = pending[pendingIndex]
                pendingIndex += 1
                return stamped(event)
            }
            // 0: nothing left in the window, 1: its next event, 2: a put-off step, 3: a due customer.
            var source = 0
            var time = Double.infinity
            var customer = UInt32.max
            if window.head < window.count {
                let event = window.sorted[window.head]
                (source, time, customer) = (1, event.time, event.customer)
            }
            if window.putOffHead < window.putOff.count {
                let step = window.putOff[window.putOffHead]
                if source == 0 || step.time < time || (step.time == time && step.id < customer) {
                    (source, time, customer) = (2, step.time, step.id)
                }
            }
            if dueInWindow > 0, let (id, due) = calendar.peekMin(),
               source == 0 || due < time || (due == time && UInt32(truncatingIfNeeded: id) < customer) {
                (source, time, customer) = (3, due, UInt32(truncatingIfNeeded: id))
            }
            if source == 0 {
                guard let (_, start) = calendar.peekMin(), start <= limit else { return nil }
                generateWindow(from: start)
                continue
            }
            guard time <= limit else { return nil }
            switch source {
            case 1:
                window.head += 1
                return stamped(window.sorted[window.head - 1])
            case 2:
                window.putOffHead += 1
                prefetchPutOff()
                takeStep(of: Int(customer), at: time)
            default:
                _ = calendar.popMin()
                dueInWindow -= 1
                takeStep(of: Int(customer), at: time)
            }
        }
    }

    /// Sets ``barrier`` after the window, its put-off steps or its due customers changed: the
    /// earlier of the next put-off step and the earliest due customer (the calendar's earliest,
    /// as it holds nothing else before the window's end).
    @inlinable
    mutating func updateBarrier() {
        barrier = window.putOffHead < window.putOff.count ? window.putOff[window.putOffHead].time : .infinity
        if dueInWindow > 0, let (_, due) = calendar.peekMin() { barrier = Swift.min(barrier, due) }
    }

    /// Gives `event` the next id.
    @inlinable
    mutating func stamped(_ event: CustomerEvent) -> CustomerEvent {
        var event = event
        event.id = deliveredCount
        deliveredCount &+= 1
        return event
    }

    /// Takes one step in time order, its events into `pending`, and schedules the next.
    @inlinable
    mutating func takeStep(of customer: Int, at time: Double) {
        pending.removeAll(keepingCapacity: true)
        pendingIndex = 0
        stepCount &+= 1
        guard let next = behaviour.step(customer: customer, at: time, events: &pending) else { return }
        let due = Swift.max(next, time)
        calendar.push(customer, at: due)
        if due < windowEnd { dueInWindow += 1 }
    }

    /// Generates the window starting at `start`, the earliest pending time: steps each customer
    /// due before its end ahead while it can, puts off the steps that may change the truth, and
    /// sorts the events. A start that is not finite (a step pending "never") is taken as a
    /// one-step window.
    @inlinable
    mutating func generateWindow(from start: Double) {
        window.reset()
        var end = start + windowLength
        if !(end > start) { end = start.nextUp }
        guard start.isFinite, end.isFinite else {
            windowEnd = start
            if let (customer, time) = calendar.popMin() { takeStep(of: customer, at: time) }
            return
        }
        windowEnd = end
        dueInWindow = 0
        let last = end.nextDown
        while let (customer, time) = calendar.popMin(notAfter: last) {
            prefetchUpcoming()
            if behaviour.pendingStepChangesTruth(customer: customer) {
                window.putOff.append(.init(time: time, id: UInt32(truncatingIfNeeded: customer)))
                continue
            }
            // A truth-changing step due in the window is popped again in turn and put off.
            if let due = behaviour.stepAhead(customer: customer, at: time, before: end, events: &window.generated,
                                             steps: &stepCount) {
                calendar.push(customer, at: due)
            }
        }
        window.sort(from: start, to: end)
        prefetchPutOff()
        let events = Double(window.count)
        let factor = events > 0 ? Swift.min(4, Swift.max(0.25, Self.windowEvents / events)) : 4
        windowLength = Swift.min(Self.longestWindow, Swift.max(Self.shortestWindow, windowLength * factor))
    }

    /// Hints the model to load the customer of the next put-off step: it was last read when the
    /// window was generated, often thousands of events before its step (a purchase, say).
    @inlinable
    mutating func prefetchPutOff() {
        guard window.putOffHead < window.putOff.count else { return }
        behaviour.prefetch(customer: Int(window.putOff[window.putOffHead].id))
    }

    /// Hints the model to load the customers popped next, after a pop: a customer stepped after
    /// days idle is a cache miss. When the pop emptied the run, refills it before the popped
    /// customer is stepped and hints the whole new run, so that loading its first customers
    /// overlaps this step; else hints the one two pops ahead (the one in between was hinted by
    /// the previous pop).
    @inlinable
    mutating func prefetchUpcoming() {
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
    }
}
