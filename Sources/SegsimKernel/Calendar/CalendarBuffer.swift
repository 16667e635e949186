/// A block of raw memory for the calendars' hand-managed storage; the owner tracks how much of it
/// is initialised. A value holding a pointer: copying it does not copy the memory (see `copy`).
///
/// Shared by the ladder calendar and the behaviour module's customer calendar, which keep their
/// arrays in such blocks (owned by a class for copy-on-write) to avoid per-access uniqueness checks.
@frozen
public struct CalendarBuffer<Element> {
    /// Start of the block.
    public var base: UnsafeMutablePointer<Element>
    /// Elements the block can hold.
    public var capacity: Int

    /// Allocates an uninitialised block of at least one element.
    @inlinable
    public init(capacity: Int) {
        base = HugePageMemory.allocate(Element.self, capacity: capacity)
        self.capacity = capacity
    }

    /// A new block of the same capacity holding a copy of the first `count` elements.
    @inlinable
    public func copy(count: Int) -> CalendarBuffer {
        let copy = CalendarBuffer(capacity: capacity)
        copy.base.initialize(from: base, count: count)
        return copy
    }

    /// Moves the first `count` elements to a new block of `newCapacity` elements.
    @inlinable
    public mutating func resize(to newCapacity: Int, keeping count: Int) {
        let moved = HugePageMemory.allocate(Element.self, capacity: newCapacity)
        moved.initialize(from: base, count: count)
        HugePageMemory.deallocate(base)
        base = moved
        capacity = newCapacity
    }

    /// Frees the block.
    @inlinable
    public func deallocate() {
        HugePageMemory.deallocate(base)
    }
}
