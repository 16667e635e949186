/// The reference calendar: an implicit binary min-heap on a contiguous array.
///
/// Simple and obviously correct; the faster calendars are tested against it.
/// - Complexity: O(log n) push, pop and replace; O(1) peek.
public struct BinaryHeapCalendar: EventCalendar {
    @usableFromInline var storage: [CalendarEntry] = []

    /// Creates an empty calendar.
    @inlinable
    public init() {}

    /// The number of pending entries.
    @inlinable
    public var count: Int { storage.count }

    /// Adds an entry.
    @inlinable
    public mutating func push(_ entry: CalendarEntry) {
        storage.append(entry)
        storage.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard CalendarEntry.precedes(entry, heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    /// Removes and returns the earliest entry.
    @inlinable
    public mutating func popMin() -> CalendarEntry? {
        guard let last = storage.popLast() else { return nil }
        if storage.isEmpty { return last }
        return replaceMin(with: last)
    }

    /// The earliest entry.
    @inlinable
    public mutating func peekMin() -> CalendarEntry? { storage.first }

    /// Removes the earliest entry and inserts `entry`, sifting once instead of twice.
    @inlinable
    public mutating func replaceMin(with entry: CalendarEntry) -> CalendarEntry {
        storage.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            let n = heap.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                if child + 1 < n, CalendarEntry.precedes(heap[child + 1], heap[child]) { child += 1 }
                guard CalendarEntry.precedes(heap[child], entry) else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = entry
            return top
        }
    }

    /// Removes every entry, keeping capacity.
    @inlinable
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }
}
