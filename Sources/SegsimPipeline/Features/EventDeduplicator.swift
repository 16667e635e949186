import SegsimBehaviour

/// Bounded-memory, per-customer deduplication of events by id, so that feature updates are
/// idempotent under at-least-once delivery.
///
/// Event ids are positions in the whole stream (see ``SegsimBehaviour/CustomerEvent/id``), so a
/// customer's ids increase with time but with arbitrary gaps: a bitmap over consecutive ids would
/// cover almost none of one customer's events. Instead each customer keeps the ``window`` largest
/// ids applied so far (an unsorted array of `window` slots, 8 bytes each). An arriving id is
///
/// - a **duplicate** if it is in the slots (dropped, counted in ``duplicates``);
/// - **new** if a slot is empty or the id is larger than the smallest kept id: every id applied
///   before is either kept or smaller than all kept ids, so it cannot have been applied (it
///   replaces the smallest kept id);
/// - **stale** otherwise: smaller than all `window` kept ids, so it cannot be checked. Counted in
///   ``stale`` and then dropped or applied by ``StalePolicy``.
///
/// Under per-customer in-order delivery (Kafka keeps order within a partition, and customers are
/// keyed to partitions) a new event is never stale, so a stale event is always a redelivery and
/// ``StalePolicy/drop`` is exact; an event delayed behind `window` or more later events of its own
/// customer is the only case it gets wrong (it is dropped).
///
/// Memory: ``bytesPerCustomer`` = 4 × 8 = 32 bytes per customer (none when ``isEnabled`` is
/// false).
///
/// **Idempotence switch.** A scenario may turn deduplication off (`pipeline.idempotent: false`) to
/// measure what at-least-once delivery does to features and segments: then every delivery is
/// applied, ``duplicates`` and ``stale`` stay 0, and the pipeline's ``DeliveryAccounting`` reports
/// the events applied twice.
public struct EventDeduplicator: Sendable {
    /// What to do with an event older than every id in its customer's window.
    public enum StalePolicy: Sendable, Equatable {
        /// Drop it: exact under per-customer in-order delivery, where it can only be a redelivery.
        case drop
        /// Apply it without recording it (a further copy would be applied again).
        case apply
    }

    /// Ids kept per customer.
    public static let window = 4
    /// Dedup memory per customer, in bytes.
    public static let bytesPerCustomer = window * MemoryLayout<UInt64>.size

    /// The policy for events older than the window.
    public let stalePolicy: StalePolicy
    /// Whether duplicates are dropped; when false every event is admitted (no idempotence).
    public let isEnabled: Bool
    /// Events dropped because their id had been applied already.
    public private(set) var duplicates = 0
    /// Events older than their customer's window (dropped or applied according to ``stalePolicy``).
    public private(set) var stale = 0

    /// `window` slots per customer holding id + 1, so that 0 marks an empty slot.
    private var slots: [UInt64]

    /// Creates empty windows for `customers` dense customer ids.
    /// - Parameters:
    ///   - customers: dense customer ids 0 ..< customers.
    ///   - stalePolicy: what to do with an id older than its customer's window.
    ///   - enabled: `false` admits every event and keeps no memory (idempotence off).
    /// - Complexity: O(customers).
    public init(customers: Int, stalePolicy: StalePolicy = .drop, enabled: Bool = true) {
        self.stalePolicy = stalePolicy
        isEnabled = enabled
        slots = enabled ? Array(repeating: 0, count: max(0, customers) * Self.window) : []
    }

    /// The number of customers the windows cover.
    public var customers: Int { slots.count / Self.window }

    /// Grows the windows to cover at least `customers` ids (amortised doubling), for users that
    /// learn the population as events arrive (the pipeline's delivery ledger).
    mutating func reserve(customers: Int) {
        guard isEnabled, customers * Self.window > slots.count else { return }
        let target = max(customers, 2 * self.customers, 1_024)
        slots.append(contentsOf: repeatElement(0, count: target * Self.window - slots.count))
    }

    /// Records `id` for `customer` and says whether the event should be applied. Ids must be
    /// below `UInt64.max` (they are stream positions).
    /// - Complexity: O(``window``) = O(1).
    public mutating func admit(_ id: UInt64, customer: Int) -> Bool {
        guard isEnabled else { return true }
        let key = id &+ 1
        let base = customer * Self.window
        var smallest = base
        for slot in base..<(base + Self.window) {
            if slots[slot] == key {
                duplicates += 1
                return false
            }
            if slots[slot] < slots[smallest] { smallest = slot }
        }
        // An empty slot holds 0 < key, so it is taken before any id is evicted.
        if key > slots[smallest] {
            slots[smallest] = key
            return true
        }
        stale += 1
        return stalePolicy == .apply
    }
}
