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

    /// Ids kept per customer (the four slots of a window).
    public static let window = 4
    /// Dedup memory per customer, in bytes.
    public static let bytesPerCustomer = MemoryLayout<DedupWindow>.stride

    /// The policy for events older than the window.
    public let stalePolicy: StalePolicy
    /// Whether duplicates are dropped; when false every event is admitted (no idempotence).
    public let isEnabled: Bool
    /// Events dropped because their id had been applied already.
    public private(set) var duplicates = 0
    /// Events older than their customer's window (dropped or applied according to ``stalePolicy``).
    public private(set) var stale = 0

    /// One window per customer, in a huge-page slab (see ``CustomerSlab``): each admit is one
    /// cache line of one customer.
    private var windows: CustomerSlab<DedupWindow>

    /// Creates empty windows for `customers` dense customer ids.
    /// - Parameters:
    ///   - customers: dense customer ids 0 ..< customers.
    ///   - stalePolicy: what to do with an id older than its customer's window.
    ///   - enabled: `false` admits every event and keeps no memory (idempotence off).
    /// - Complexity: O(customers).
    public init(customers: Int, stalePolicy: StalePolicy = .drop, enabled: Bool = true) {
        self.stalePolicy = stalePolicy
        isEnabled = enabled
        windows = CustomerSlab(repeating: DedupWindow(), count: enabled ? max(0, customers) : 0)
    }

    /// The number of customers the windows cover (0 for a deduplicator whose windows live in its
    /// owner's per-customer records, as ``RetailFeatureStore``'s do).
    public var customers: Int { windows.count }

    /// Grows the windows to cover at least `customers` ids (amortised doubling), for users that
    /// learn the population as events arrive (the pipeline's delivery ledger).
    mutating func reserve(customers: Int) {
        guard isEnabled, customers > windows.count else { return }
        let target = max(customers, 2 * self.customers, 1_024)
        windows = CustomerSlab(copying: windows, count: target, filling: DedupWindow())
    }

    /// Records `id` for `customer` and says whether the event should be applied. Ids must be
    /// below `UInt64.max` (they are stream positions).
    /// - Complexity: O(``window``) = O(1).
    public mutating func admit(_ id: UInt64, customer: Int) -> Bool {
        guard isEnabled else { return true }
        precondition(customer >= 0 && customer < windows.count, "customer outside the deduplicator")
        if !isKnownUniquelyReferenced(&windows) { windows = windows.copy() }
        return admit(id, window: &windows.base[customer])
    }

    /// Records `id` in a window kept by the caller (a field of its own per-customer record, so
    /// that deduplication shares the record's cache lines), counting duplicates and stale ids here.
    @inline(__always)
    mutating func admit(_ id: UInt64, window: inout DedupWindow) -> Bool {
        guard isEnabled else { return true }
        switch window.admit(id &+ 1) {
        case .new:
            return true
        case .duplicate:
            duplicates += 1
            return false
        case .stale:
            stale += 1
            return stalePolicy == .apply
        }
    }
}

/// One customer's ``EventDeduplicator/window`` largest ids applied, each stored as id + 1 so that
/// 0 marks an empty slot; unsorted, in four named slots so that a check is four compares.
struct DedupWindow: BitwiseCopyable, Sendable {
    var slot0: UInt64 = 0, slot1: UInt64 = 0, slot2: UInt64 = 0, slot3: UInt64 = 0

    enum Verdict { case new, duplicate, stale }

    /// Classifies `key` (id + 1) and records it when new, replacing the first smallest slot:
    /// every id applied before is either kept or smaller than all kept ids, so an id above the
    /// smallest kept one cannot have been applied. An empty slot holds 0 < key, so it is taken
    /// before any id is evicted.
    @inline(__always)
    mutating func admit(_ key: UInt64) -> Verdict {
        if slot0 == key || slot1 == key || slot2 == key || slot3 == key { return .duplicate }
        var smallest = slot0, index = 0
        if slot1 < smallest { (smallest, index) = (slot1, 1) }
        if slot2 < smallest { (smallest, index) = (slot2, 2) }
        if slot3 < smallest { (smallest, index) = (slot3, 3) }
        guard key > smallest else { return .stale }
        switch index {
        case 0: slot0 = key
        case 1: slot1 = key
        case 2: slot2 = key
        default: slot3 = key
        }
        return .new
    }
}
