/// Deliveries waiting for a stage, taken in order of (arrival, hand-over order).
///
/// A binary heap of 24-byte tickets over a pool of records: sifting moves tickets, and a record
/// is copied once in and once out, rather than at every level of the heap.
///
/// **Storage.** Heap, pool and free slots live in one copy-on-write ``Storage`` of plain buffers,
/// so an insertion or a removal checks uniqueness once; three arrays checked it five times a
/// delivery, each a runtime call around which the caller's floating-point state is spilled.
struct InFlightQueue: Sendable {
    /// A waiting record's place in the order, and its slot in the pool.
    struct Ticket: Sendable {
        var key: Double
        var order: UInt64
        var slot: Int

        /// Earlier arrival first, then earlier hand-over (orders are unique).
        @inline(__always)
        func precedes(_ other: Ticket) -> Bool { key < other.key || (key == other.key && order < other.order) }
    }

    private var storage = Storage(capacity: 16)
    /// Tickets in the heap, pool records ever written (those of free slots are stale), free slots.
    private var count = 0, initialisedRecords = 0, freeCount = 0
    /// Insertions so far: a ticket's hand-over position, which keeps equal arrivals in the
    /// order the upstream stage handed them over.
    private var handedOver: UInt64 = 0

    /// Whether nothing waits.
    var isEmpty: Bool { count == 0 }

    /// The earliest arrival waiting, if any.
    var earliestKey: Double? { count > 0 ? storage.tickets[0].key : nil }

    /// Adds `item`, ordered by its `key` and then by hand-over (first in, first out on ties).
    /// - Complexity: O(log n), amortised O(1) allocation (slots are reused).
    mutating func insert(_ item: InFlight) {
        if !isKnownUniquelyReferenced(&storage) { reallocate(capacity: storage.capacity) }
        if count == storage.capacity { reallocate(capacity: 2 * storage.capacity) }
        let s = storage
        let slot: Int
        if freeCount > 0 {
            freeCount -= 1
            slot = s.freeSlots[freeCount]
        } else {
            slot = initialisedRecords
            initialisedRecords += 1
        }
        s.records[slot] = item
        // Sift up.
        let ticket = Ticket(key: item.key, order: handedOver, slot: slot)
        handedOver &+= 1
        var index = count
        count &+= 1
        while index > 0 {
            let parent = (index - 1) / 2
            guard ticket.precedes(s.tickets[parent]) else { break }
            s.tickets[index] = s.tickets[parent]
            index = parent
        }
        s.tickets[index] = ticket
    }

    /// Removes and returns the earliest record if it arrives at or before `watermark`.
    /// - Complexity: O(log n).
    @inline(__always)
    mutating func removeMinimum(arrivingBy watermark: Double) -> InFlight? {
        guard count > 0, storage.tickets[0].key <= watermark else { return nil }
        if !isKnownUniquelyReferenced(&storage) { reallocate(capacity: storage.capacity) }
        let s = storage
        let first = s.tickets[0]
        count -= 1
        // Sift the last ticket down from the root.
        let last = s.tickets[count]
        var index = 0
        while true {
            let left = 2 * index + 1
            guard left < count else { break }
            let right = left + 1
            let child = right < count && s.tickets[right].precedes(s.tickets[left]) ? right : left
            guard s.tickets[child].precedes(last) else { break }
            s.tickets[index] = s.tickets[child]
            index = child
        }
        if count > 0 { s.tickets[index] = last }
        s.freeSlots[freeCount] = first.slot
        freeCount += 1
        return s.records[first.slot]
    }

    /// Moves the contents to an unshared storage of `capacity` (at least the current one).
    private mutating func reallocate(capacity: Int) {
        let copy = Storage(capacity: capacity)
        copy.tickets.initialize(from: storage.tickets, count: count)
        copy.records.initialize(from: storage.records, count: initialisedRecords)
        copy.freeSlots.initialize(from: storage.freeSlots, count: freeCount)
        storage = copy
    }

    /// The queue's buffers, each of `capacity` elements; the queue keeps the counts, so that the
    /// hot path writes no class property (each write would be checked for exclusive access).
    /// Only a uniquely referenced storage is written, so sharing it between queue values is safe.
    final class Storage: @unchecked Sendable {
        let capacity: Int
        let tickets: UnsafeMutablePointer<Ticket>
        let records: UnsafeMutablePointer<InFlight>
        let freeSlots: UnsafeMutablePointer<Int>

        init(capacity: Int) {
            // Records are plain data: slots are overwritten and freed without deinitialising.
            precondition(_isPOD(InFlight.self), "in-flight records must be plain data")
            self.capacity = capacity
            tickets = .allocate(capacity: capacity)
            records = .allocate(capacity: capacity)
            freeSlots = .allocate(capacity: capacity)
        }

        deinit {
            tickets.deallocate()
            records.deallocate()
            freeSlots.deallocate()
        }
    }
}
