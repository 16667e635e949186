/// A binary min-heap: server free times, departures of customers in a station, hand-overs
/// between stations or pipeline stages.
/// - Complexity: O(log n) insert and removal, O(1) minimum.
public struct MinHeap<Element: Comparable & Sendable>: Sendable {
    @usableFromInline var storage: [Element] = []

    /// Creates an empty heap.
    @inlinable public init() {}

    /// The number of elements.
    @inlinable public var count: Int { storage.count }
    /// The smallest element, if any.
    @inlinable public var minimum: Element? { storage.first }

    /// Adds an element.
    @inlinable
    public mutating func insert(_ value: Element) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard value < storage[parent] else { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = value
    }

    /// Removes and returns the smallest element, or `nil` when empty.
    @inlinable
    public mutating func removeMinimum() -> Element? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        return replaceMinimum(with: last)
    }

    /// Replaces the minimum by `value` and returns the old minimum. Requires a non-empty heap.
    @inlinable
    public mutating func replaceMinimum(with value: Element) -> Element {
        let top = storage[0]
        let n = storage.count
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= n { break }
            if child + 1 < n, storage[child + 1] < storage[child] { child += 1 }
            guard storage[child] < value else { break }
            storage[hole] = storage[child]
            hole = child
        }
        storage[hole] = value
        return top
    }
}
