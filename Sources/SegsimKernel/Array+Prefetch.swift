import CGSL

extension Array where Element: BitwiseCopyable {
    /// Hints that the element at `index` will be written soon, so that its cache line is fetched
    /// meanwhile. A per-customer column written at a later event (a segment when its store write
    /// lands) is otherwise one random cache miss per event. Changes nothing; never traps.
    /// - Complexity: O(1), no wait.
    @inlinable @inline(__always)
    public func prefetchElement(at index: Int) {
        guard index >= 0, index < count else { return }
        withUnsafeBufferPointer { segsim_prefetch(UnsafeRawPointer($0.baseAddress.unsafelyUnwrapped + index)) }
    }
}
