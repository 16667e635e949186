/// A growable FIFO ring buffer: O(1) append and removal at the front, storage reused, so a
/// waiting line allocates only when it reaches a new peak length.
struct RingBuffer<Element> {
    private var storage: [Element?] = Array(repeating: nil, count: 16)
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// Doubles the capacity (always a power of two, so indices wrap with a mask).
    private mutating func grow() {
        var larger = [Element?](repeating: nil, count: storage.count * 2)
        for i in 0..<count { larger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = larger
        head = 0
    }
}
