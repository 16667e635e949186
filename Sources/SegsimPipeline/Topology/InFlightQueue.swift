import SegsimKernel

/// Deliveries waiting for a stage, taken in order of (arrival, hand-over order).
///
/// A binary heap of 24-byte tickets over a pool of records: sifting moves tickets, and a record
/// is copied once in and once out, rather than at every level of the heap.
struct InFlightQueue: Sendable {
    /// A waiting record's place in the order, and its slot in the pool.
    struct Ticket: Comparable, Sendable {
        var key: Double
        var order: UInt64
        var slot: Int

        static func < (a: Ticket, b: Ticket) -> Bool { (a.key, a.order) < (b.key, b.order) }
        static func == (a: Ticket, b: Ticket) -> Bool { a.order == b.order }
    }

    private var tickets = MinHeap<Ticket>()
    private var pool: [InFlight] = []
    /// Pool slots no ticket holds.
    private var freeSlots: [Int] = []
    /// Insertions so far: a ticket's hand-over position, which keeps equal arrivals in the
    /// order the upstream stage handed them over.
    private var handedOver: UInt64 = 0

    /// Whether nothing waits.
    var isEmpty: Bool { tickets.isEmpty }

    /// The earliest arrival waiting, if any.
    var earliestKey: Double? { tickets.minimum?.key }

    /// Adds `item`, ordered by its `key` and then by hand-over (first in, first out on ties).
    /// - Complexity: O(log n), amortised O(1) allocation (slots are reused).
    mutating func insert(_ item: InFlight) {
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            pool[slot] = item
        } else {
            slot = pool.count
            pool.append(item)
        }
        tickets.insert(Ticket(key: item.key, order: handedOver, slot: slot))
        handedOver &+= 1
    }

    /// Removes and returns the earliest record if it arrives at or before `watermark`.
    /// - Complexity: O(log n).
    mutating func removeMinimum(arrivingBy watermark: Double) -> InFlight? {
        guard let first = tickets.minimum, first.key <= watermark else { return nil }
        _ = tickets.removeMinimum()
        freeSlots.append(first.slot)
        return pool[first.slot]
    }
}
