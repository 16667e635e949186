/// A model driven by the simulation's run loop: it receives each event at its virtual time
/// and may schedule or cancel further events.
///
/// Models are generic parameters of the run loop, so `handle` is statically dispatched and
/// specialised for each model: no existential call per event.
public protocol SimulationModel {
    /// The model's event type, typically a small enum.
    associatedtype Event
    /// Reacts to `event`, which fires at `simulation.now`.
    mutating func handle<Calendar: EventCalendar>(_ event: Event, in simulation: inout Simulation<Event, Calendar>)
}

/// Identifies one scheduled event so that it can be cancelled.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: UInt32
    @usableFromInline let generation: UInt32

    @inlinable
    init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// The discrete-event kernel: a virtual clock and a calendar of pending events.
///
/// Events are stored in reusable slots (a free list), so scheduling allocates nothing once the
/// slot table has grown to the peak number of pending events. Ties in time fire in the order
/// they were scheduled (a sequence number), never in memory order, so runs are reproducible.
/// Cancellation is lazy: a cancelled event keeps its calendar entry and is skipped when popped.
public struct Simulation<Event, Calendar: EventCalendar> {
    /// The current virtual time, in the model's unit (segsim uses seconds).
    @inlinable public var now: Double { clock }
    /// How many events have been handled (cancelled ones excluded).
    @inlinable public var handledEvents: UInt64 { handled }

    @usableFromInline var clock: Double = 0
    @usableFromInline var handled: UInt64 = 0

    @usableFromInline var calendar = Calendar()
    @usableFromInline var slots: [Event?] = []
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var cancelled: [Bool] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelledPending = 0

    /// Creates a simulation whose clock starts at `startTime`.
    @inlinable
    public init(startTime: Double = 0) {
        clock = startTime
    }

    /// The number of events scheduled and not yet handled or cancelled.
    @inlinable
    public var pendingEvents: Int { calendar.count - cancelledPending }

    /// Schedules `event` at the absolute virtual time `time`.
    /// - Precondition: `time` is finite and not earlier than `now` (the model's own invariant,
    ///   never reachable from user input, which is validated before a run).
    /// - Complexity: amortised O(1) plus the calendar's push.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: Double) -> EventHandle {
        precondition(time >= now && time.isFinite, "event scheduled in the past or at a non-finite time")
        let slot: UInt32
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[Int(slot)] = event
        } else {
            slot = UInt32(slots.count)
            slots.append(event)
            generations.append(0)
            cancelled.append(false)
        }
        calendar.push(CalendarEntry(time: time, sequence: nextSequence, payload: slot))
        nextSequence &+= 1
        return EventHandle(slot: slot, generation: generations[Int(slot)])
    }

    /// Schedules `event` `delay` time units after now.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double) -> EventHandle {
        schedule(event, at: now + delay)
    }

    /// Cancels a pending event. Returns `false` if it already fired or was cancelled.
    @inlinable
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        let slot = Int(handle.slot)
        guard slot < slots.count, generations[slot] == handle.generation, !cancelled[slot],
              slots[slot] != nil else { return false }
        cancelled[slot] = true
        slots[slot] = nil
        cancelledPending += 1
        return true
    }

    /// Removes the next live event from the calendar and advances the clock to it, or returns
    /// `nil` when no live event is due at or before `limit`.
    @inlinable
    public mutating func nextEvent(notAfter limit: Double = .infinity) -> Event? {
        while let entry = calendar.peekMin(), entry.time <= limit {
            _ = calendar.popMin()
            let slot = Int(entry.payload)
            let event = slots[slot]
            slots[slot] = nil
            generations[slot] &+= 1
            freeSlots.append(entry.payload)
            if cancelled[slot] {
                cancelled[slot] = false
                cancelledPending -= 1
                continue
            }
            clock = entry.time
            handled &+= 1
            return event
        }
        return nil
    }

    /// Runs `model` until no event is due at or before `endTime`, then sets the clock to `endTime`.
    @inlinable
    public mutating func run<Model: SimulationModel>(_ model: inout Model, until endTime: Double)
    where Model.Event == Event {
        while let event = nextEvent(notAfter: endTime) {
            model.handle(event, in: &self)
        }
        if endTime.isFinite, endTime > clock { clock = endTime }
    }

    /// Runs `model` while `condition` holds before each event, or until the calendar is empty.
    @inlinable
    public mutating func run<Model: SimulationModel>(_ model: inout Model, while condition: (Model) -> Bool)
    where Model.Event == Event {
        while condition(model), let event = nextEvent() {
            model.handle(event, in: &self)
        }
    }
}
