/// A binary min-heap: server free times, departures of customers in a station, hand-overs
/// between stations or pipeline stages, and the reference event calendar.
/// - Complexity: O(log n) insert and removal, O(1) minimum.
public struct MinHeap<Element: Comparable & Sendable>: Sendable {
    @usableFromInline var storage: [Element] = []

    /// Creates an empty heap.
    @inlinable public init() {}

    /// The number of elements.
    @inlinable public var count: Int { storage.count }
    /// The smallest element, if any.
    @inlinable public var minimum: Element? { storage.first }
    /// Whether the heap is empty.
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// `read` applied to the smallest element in place, or nil when empty: a peek at one field
    /// of a large element without copying the element.
    @inlinable
    public func minimum<Value>(_ read: (Element) -> Value) -> Value? {
        storage.withUnsafeBufferPointer { $0.isEmpty ? nil : read($0[0]) }
    }

    /// Removes and returns the smallest element if `isDue` holds for it, else nil: one step of
    /// a release loop, without copying the element out to test it.
    @inlinable
    public mutating func removeMinimum(if isDue: (Element) -> Bool) -> Element? {
        guard minimum(isDue) ?? false else { return nil }
        return removeMinimum()
    }

    /// Adds an element.
    @inlinable
    public mutating func insert(_ value: Element) {
        var child = storage.count
        // Most hand-overs arrive after what waits (or into an empty heap): appended, in place.
        guard child > 0, value < storage[(child - 1) / 2] else { return storage.append(value) }
        storage.append(value)
        storage.withUnsafeMutableBufferPointer { heap in
            while child > 0 {
                let parent = (child - 1) / 2
                guard value < heap[parent] else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = value
        }
    }

    /// Removes and returns the smallest element, or `nil` when empty.
    @inlinable
    public mutating func removeMinimum() -> Element? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        return replaceMinimum(with: last)
    }

    /// Replaces the last element by `value`, which must be at least every element, so that it is a
    /// valid leaf. Requires a non-empty heap.
    /// - Complexity: O(1).
    @inlinable
    public mutating func replaceLast(withLargest value: Element) {
        storage[storage.count - 1] = value
    }

    /// Replaces the minimum by `value` and returns the old minimum. Requires a non-empty heap.
    @inlinable
    public mutating func replaceMinimum(with value: Element) -> Element {
        // One uniqueness check for the whole sift, not one per move.
        storage.withUnsafeMutableBufferPointer { heap in
            precondition(!heap.isEmpty, "replaceMinimum on an empty heap")
            let top = heap[0]
            let n = heap.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                // A select, not a branch: which child is smaller is a coin toss for the branch
                // predictor (a store's server free times, say).
                let right = child + 1
                if right < n { child &+= heap[right] < heap[child] ? 1 : 0 }
                guard heap[child] < value else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = value
            return top
        }
    }

    /// Removes every element, keeping the capacity.
    @inlinable
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }
}
