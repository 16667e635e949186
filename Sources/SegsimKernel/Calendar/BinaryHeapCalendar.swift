/// The reference calendar: a ``MinHeap`` of entries (an implicit binary heap on an array).
///
/// Simple and obviously correct; the faster calendars are tested against it.
/// - Complexity: O(log n) push, pop and replace; O(1) peek.
public struct BinaryHeapCalendar: EventCalendar {
    @usableFromInline var heap = MinHeap<CalendarEntry>()

    /// Creates an empty calendar.
    @inlinable
    public init() {}

    /// The number of pending entries.
    @inlinable
    public var count: Int { heap.count }

    /// Adds an entry.
    @inlinable
    public mutating func push(_ entry: CalendarEntry) { heap.insert(entry) }

    /// Removes and returns the earliest entry.
    @inlinable
    public mutating func popMin() -> CalendarEntry? { heap.removeMinimum() }

    /// The earliest entry.
    @inlinable
    public mutating func peekMin() -> CalendarEntry? { heap.minimum }

    /// Removes the earliest entry and inserts `entry`, sifting once instead of twice.
    @inlinable
    public mutating func replaceMin(with entry: CalendarEntry) -> CalendarEntry { heap.replaceMinimum(with: entry) }

    /// Removes every entry, keeping capacity.
    @inlinable
    public mutating func removeAll() { heap.removeAll() }
}
