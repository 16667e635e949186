import SegsimBehaviour

/// An event between two stages: `key` is when it reaches the next one.
struct InFlight {
    var key: Double
    /// Offer order: breaks ties in `key` deterministically and keeps FIFO among equal times.
    var sequence: UInt64
    var event: CustomerEvent
    var partition: Int
    var worker: Int
    var ingest: Double
    var processingStart: Double
    var processingEnd: Double
    /// Service times drawn at offer (see `PipelineSimulation`).
    var processing: Double
    var store: Double

    func precedes(_ other: InFlight) -> Bool { (key, sequence) < (other.key, other.sequence) }
}

/// A binary min-heap of in-flight events by (key, sequence): the hand-over between stages.
/// - Complexity: O(log n) insert and removal, O(1) minimum.
struct InFlightHeap {
    private var storage: [InFlight] = []

    var minimum: InFlight? { storage.first }

    mutating func insert(_ value: InFlight) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard value.precedes(storage[parent]) else { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = value
    }

    /// Removes and returns the minimum.
    /// - Precondition: the heap is not empty.
    mutating func removeMinimum() -> InFlight {
        let last = storage.removeLast()
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        let n = storage.count
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= n { break }
            if child + 1 < n, storage[child + 1].precedes(storage[child]) { child += 1 }
            guard storage[child].precedes(last) else { break }
            storage[hole] = storage[child]
            hole = child
        }
        storage[hole] = last
        return top
    }
}
