/// Deliveries waiting for a stage, taken in order of (arrival, hand-over order).
///
/// A binary heap of 24-byte tickets over a pool of records: sifting moves tickets, and a record
/// is copied once in and once out, rather than at every level of the heap.
///
/// **Storage.** Heap, pool and free slots live in one copy-on-write ``Storage`` of plain buffers,
/// so an insertion or a removal checks uniqueness once; three arrays checked it five times a
/// delivery, each a runtime call around which the caller's floating-point state is spilled.
///
/// **Two inline.** While nothing is in the heap, the first two records wait in the queue itself;
/// a third moves all three into the heap, and the heap's last record moves back inline. A pipeline
/// under light load has one or two deliveries waiting at a stage (the one just handed over and the
/// one leaving), and then neither the heap nor a uniqueness check is touched.
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
    /// The records waiting inline (`inlineCount` of them, only while the heap is empty) and their
    /// hand-over positions. Plain values rather than optionals, which are copied field by field.
    private var inlineCount = 0
    private var first = InFlight.unused, second = InFlight.unused
    private var firstOrder: UInt64 = 0, secondOrder: UInt64 = 0

    /// Whether nothing waits.
    var isEmpty: Bool { count == 0 && inlineCount == 0 }

    /// The earliest arrival waiting, if any.
    var earliestKey: Double? {
        guard count == 0 else { return storage.tickets[0].key }
        switch inlineCount {
        case 0: return nil
        case 1: return first.key
        default: return Swift.min(first.key, second.key)
        }
    }

    /// Adds `item`, ordered by its `key` and then by hand-over (first in, first out on ties).
    /// - Complexity: O(log n), amortised O(1) allocation (slots are reused).
    @inline(__always)
    mutating func insert(_ item: InFlight) {
        let order = handedOver
        handedOver &+= 1
        if count == 0 {
            switch inlineCount {
            case 0:
                first = item
                firstOrder = order
                inlineCount = 1
                return
            case 1:
                second = item
                secondOrder = order
                inlineCount = 2
                return
            default:
                inlineCount = 0
                push(first, order: firstOrder)
                push(second, order: secondOrder)
            }
        }
        push(item, order: order)
    }

    /// Moves the earliest record into `item` if it arrives at or before `watermark`.
    /// - Returns: whether a record was moved (else `item` is unchanged). Through an `inout`
    ///   rather than an optional result, so that the 160-byte record is copied once.
    /// - Complexity: O(log n).
    @inline(__always)
    mutating func removeMinimum(arrivingBy watermark: Double, into item: inout InFlight) -> Bool {
        guard count == 0 else { return popMinimum(arrivingBy: watermark, into: &item) }
        guard inlineCount > 0 else { return false }
        if inlineCount == 2, Ticket(key: second.key, order: secondOrder, slot: 0)
            .precedes(Ticket(key: first.key, order: firstOrder, slot: 0)) {
            guard second.key <= watermark else { return false }
            inlineCount = 1
            item = second
            return true
        }
        guard first.key <= watermark else { return false }
        item = first
        inlineCount -= 1
        if inlineCount == 1 {
            first = second
            firstOrder = secondOrder
        }
        return true
    }

    /// Adds `item` to the heap with hand-over position `order`.
    private mutating func push(_ item: InFlight, order: UInt64) {
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
        let ticket = Ticket(key: item.key, order: order, slot: slot)
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

    /// Moves the heap's earliest record into `item` if it arrives at or before `watermark`.
    private mutating func popMinimum(arrivingBy watermark: Double, into item: inout InFlight) -> Bool {
        guard storage.tickets[0].key <= watermark else { return false }
        if !isKnownUniquelyReferenced(&storage) { reallocate(capacity: storage.capacity) }
        let s = storage
        let top = s.tickets[0]
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
        s.freeSlots[freeCount] = top.slot
        freeCount += 1
        item = s.records[top.slot]
        if count == 1 {
            // The one left goes inline again: a stage that stays one delivery ahead never empties.
            count = 0
            first = s.records[last.slot]
            firstOrder = last.order
            inlineCount = 1
            s.freeSlots[freeCount] = last.slot
            freeCount += 1
        }
        return true
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
