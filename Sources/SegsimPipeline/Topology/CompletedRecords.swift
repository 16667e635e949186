/// The records that left the profile store during one call of ``PipelineSimulation``, in the order
/// they left: a random-access collection of ``PipelineRecord``.
///
/// **Storage.** One copy-on-write ``CustomerSlab`` whose uniqueness is checked once per pipeline
/// call, when the call empties it, instead of at every append: an array checked it twice per event
/// (emptied, then appended to), each a runtime call around which the caller's floating-point state
/// is spilled.
public struct CompletedRecords: RandomAccessCollection, Sendable {
    /// Positions are offsets from 0, in the order the records left the store.
    public typealias Index = Int
    /// The positions, as a range (no index collection is built).
    public typealias Indices = Range<Int>

    @usableFromInline var storage = CustomerSlab(repeating: PipelineRecord.unused, count: 16)
    /// The position after the last record.
    public internal(set) var endIndex = 0
    /// The position of the first record: 0.
    public var startIndex: Int { 0 }

    /// Creates an empty collection.
    init() {}

    /// The record at `position`.
    /// - Complexity: O(1).
    @inlinable
    public subscript(position: Int) -> PipelineRecord {
        precondition(position >= 0 && position < endIndex, "record index out of range")
        return storage.base[position]
    }

    /// Empties the collection and makes its buffer unshared, so that the appends of the same
    /// pipeline call need no check (a copy taken before keeps its records).
    @inline(__always)
    mutating func removeAll() {
        endIndex = 0
        if !isKnownUniquelyReferenced(&storage) { unshare() }
    }

    /// A fresh buffer for a collection whose old one a copy keeps (rare: out of line).
    @inline(never)
    private mutating func unshare() {
        storage = CustomerSlab(repeating: .unused, count: storage.count)
    }

    /// Twice the room, the records kept (rare: out of line).
    @inline(never)
    private mutating func grow() {
        storage = CustomerSlab(copying: storage, count: 2 * storage.count, filling: .unused)
    }

    /// Appends `record`.
    /// - Precondition: ``removeAll()`` was called earlier in the same mutation of the pipeline, so
    ///   that no copy shares the buffer.
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func append(_ record: PipelineRecord) {
        if endIndex == storage.count { grow() }
        storage.base[endIndex] = record
        endIndex &+= 1
    }
}
