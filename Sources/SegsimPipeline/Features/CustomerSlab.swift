import CGSL
import SegsimKernel

/// Fixed-size storage of one plain record per customer, for state that every event touches at a
/// random customer (and, small, of ``CompletedRecords``: any copy-on-write run of plain records).
///
/// **Why not an `Array`.** At a million customers the per-customer state is ~100 MB, touched at
/// random: every event costs a cache miss *and* a TLB miss (a page walk) per 4 KiB page it
/// touches. Measured on the retail pipeline, the page walks cost as much as the misses. The slab
/// lives in ``HugePageMemory``, so the whole state needs ~50 TLB entries; records are aligned to
/// their size (a power of two up to the alignment), so a 128-byte record is exactly two cache
/// lines of one aligned pair.
///
/// It is a class so that value types can own it copy-on-write: the owner checks
/// `isKnownUniquelyReferenced` before every mutation and calls ``copy()`` when shared, so a shared
/// slab is never written (which is why `@unchecked Sendable` is sound).
@usableFromInline
final class CustomerSlab<Record: BitwiseCopyable>: @unchecked Sendable {
    /// Records held.
    let count: Int
    /// The first record; `count` initialised records follow.
    @usableFromInline let base: UnsafeMutablePointer<Record>

    /// `count` copies of `value`.
    init(repeating value: Record, count: Int) {
        self.count = Swift.max(0, count)
        base = Self.allocate(count: self.count)
        base.initialize(repeating: value, count: self.count)
    }

    /// The first `source.count` records of `source`, then `value` up to `count`.
    init(copying source: CustomerSlab, count: Int, filling value: Record) {
        precondition(count >= source.count, "a slab only grows")
        self.count = count
        base = Self.allocate(count: count)
        base.initialize(from: source.base, count: source.count)
        (base + source.count).initialize(repeating: value, count: count - source.count)
    }

    deinit { HugePageMemory.deallocate(base) }

    /// Hints that record `index` will be written soon: its cache lines are fetched in the
    /// background, so that the miss overlaps the caller's other work. Changes nothing.
    @inline(__always)
    func prefetch(_ index: Int) {
        let record = UnsafeRawPointer(base + index)
        var line = 0
        while line < MemoryLayout<Record>.stride {
            segsim_prefetch(record + line)
            line += 64
        }
    }

    /// An unshared copy (copy-on-write).
    func copy() -> CustomerSlab {
        let copy = CustomerSlab(uninitialisedCount: count)
        copy.base.initialize(from: base, count: count)
        return copy
    }

    private init(uninitialisedCount count: Int) {
        self.count = count
        base = Self.allocate(count: count)
    }

    /// Memory for `count` records: huge pages when large, else aligned to the record size (when a
    /// power of two) so that no record straddles more lines than needed.
    private static func allocate(count: Int) -> UnsafeMutablePointer<Record> {
        let stride = MemoryLayout<Record>.stride
        let alignment = stride & (stride - 1) == 0 ? Swift.min(stride, 4_096) : 16
        return HugePageMemory.allocate(Record.self, capacity: count, alignment: alignment)
    }
}
