import SegsimKernel

/// Segment writes waiting for the time the profile store completes them: a run hands each one
/// over when its record leaves the pipeline and applies it once virtual time reaches its store
/// time, so the segment book changes exactly when the real store would.
///
/// Writes come out by store time, ties in hand-over order, whatever order they went in.
/// - Complexity: O(log n) per write for the n writes waiting.
public struct SegmentWriteQueue: Sendable {
    /// One write: the customer's new segment and score, due at `time`.
    public struct Write: Sendable, Equatable {
        /// The store time, in seconds.
        public var time: Double
        /// The customer written.
        public var customer: UInt32
        /// The segment index.
        public var segment: UInt8
        /// The strategy's score (NaN without one).
        public var score: Float

        /// Creates a write.
        @inlinable
        public init(time: Double, customer: UInt32, segment: UInt8, score: Float) {
            self.time = time
            self.customer = customer
            self.segment = segment
            self.score = score
        }
    }

    /// A write and its hand-over position, ordered by (time, position).
    @usableFromInline
    struct Entry: Comparable, Sendable {
        @usableFromInline var write: Write
        @usableFromInline var sequence: UInt64

        @usableFromInline
        init(write: Write, sequence: UInt64) {
            self.write = write
            self.sequence = sequence
        }

        @inlinable
        static func < (a: Entry, b: Entry) -> Bool { (a.write.time, a.sequence) < (b.write.time, b.sequence) }
        @inlinable
        static func == (a: Entry, b: Entry) -> Bool { a.sequence == b.sequence }
    }

    @usableFromInline var heap = MinHeap<Entry>()
    @usableFromInline var handedOver: UInt64 = 0

    /// An empty queue.
    public init() {}

    /// The number of writes waiting.
    @inlinable
    public var count: Int { heap.count }

    /// Hands over a write due at `time`.
    @inlinable
    public mutating func insert(time: Double, customer: UInt32, segment: UInt8, score: Float) {
        heap.insert(Entry(write: Write(time: time, customer: customer, segment: segment, score: score),
                          sequence: handedOver))
        handedOver &+= 1
    }

    /// Removes and returns the earliest write due at or before `time`, or `nil` if none is.
    @inlinable
    public mutating func removeDue(upTo time: Double) -> Write? {
        heap.removeMinimum(if: { $0.write.time <= time })?.write
    }
}
