/// One pending entry of an event calendar: when it fires, its tie-breaking sequence number,
/// and an opaque payload (the simulation's slot index of the event).
public struct CalendarEntry: Comparable, Sendable {
    /// Virtual time at which the entry fires.
    public var time: Double
    /// Insertion sequence: among equal times, the lower sequence fires first, never memory order.
    public var sequence: UInt64
    /// Opaque to the calendar; the simulation stores its event slot here.
    public var payload: UInt32

    /// Creates an entry.
    @inlinable
    public init(time: Double, sequence: UInt64, payload: UInt32) {
        self.time = time
        self.sequence = sequence
        self.payload = payload
    }

    /// The calendar order: by time, then by sequence.
    @inlinable
    public static func precedes(_ a: CalendarEntry, _ b: CalendarEntry) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    /// The calendar order (``precedes(_:_:)``); sequences are unique, so it is total.
    @inlinable
    public static func < (a: CalendarEntry, b: CalendarEntry) -> Bool { precedes(a, b) }
}

/// A priority queue of pending events ordered by (time, sequence).
///
/// The kernel is generic over this protocol, so the calendar is chosen at compile time and
/// calls are specialised: no existential dispatch per event.
public protocol EventCalendar {
    /// Creates an empty calendar.
    init()
    /// The number of pending entries.
    var count: Int { get }
    /// Adds an entry. Entries must not be earlier than the last entry popped.
    mutating func push(_ entry: CalendarEntry)
    /// Removes and returns the earliest entry, or `nil` when empty.
    mutating func popMin() -> CalendarEntry?
    /// The earliest entry without removing it (mutating: some calendars prepare it lazily).
    mutating func peekMin() -> CalendarEntry?
    /// Removes the earliest entry and inserts `entry` in one step; returns the removed entry.
    /// - Precondition: the calendar is not empty.
    mutating func replaceMin(with entry: CalendarEntry) -> CalendarEntry
    /// Removes every entry, keeping allocated storage for reuse.
    mutating func removeAll()
}

extension EventCalendar {
    /// Whether no entry is pending.
    @inlinable
    public var isEmpty: Bool { count == 0 }
}
