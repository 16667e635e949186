/// A calendar bucket whose entries live in a chain of fixed-size chunks from a shared pool:
/// the index of the newest chunk (filled first, `noChunk` when empty) and the entry count.
/// Shared by the ladder calendar and the behaviour module's customer calendar.
@frozen
public struct CalendarBucket {
    /// The chunk index meaning "none".
    public static var noChunk: Int32 { -1 }
    /// The newest (partly filled) chunk of the chain, or `noChunk`.
    public var newestChunk: Int32
    /// Entries in the bucket.
    public var count: Int32

    /// An empty bucket.
    @inlinable
    public static var empty: CalendarBucket { CalendarBucket(newestChunk: noChunk, count: 0) }

    /// A bucket with the given chain head and count.
    @inlinable
    public init(newestChunk: Int32, count: Int32) {
        self.newestChunk = newestChunk
        self.count = count
    }
}
