/// A small binary min-heap, e.g. of times: server free times, departures of customers in a station,
/// pending hand-overs between stations.
/// - Complexity: O(log n) insert and removal, O(1) minimum.
@usableFromInline
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    @usableFromInline var storage: [Element] = []

    @usableFromInline init() {}

    @inlinable var count: Int { storage.count }
    @inlinable var minimum: Element? { storage.first }

    @inlinable
    mutating func insert(_ value: Element) {
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

    @inlinable
    mutating func removeMinimum() -> Element? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        return replaceMinimum(with: last)
    }

    /// Replaces the minimum by `value` and returns the old minimum. Requires a non-empty heap.
    @inlinable
    mutating func replaceMinimum(with value: Element) -> Element {
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
