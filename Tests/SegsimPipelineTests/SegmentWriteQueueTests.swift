import Testing
import SegsimPipeline

/// The profile store's pending writes: released by store time, ties in hand-over order, none early.
@Suite struct SegmentWriteQueueTests {
    @Test func releasesDueWritesByTimeThenHandOver() {
        var queue = SegmentWriteQueue()
        queue.insert(time: 5, customer: 1, segment: 0, score: 0.1)
        queue.insert(time: 2, customer: 2, segment: 1, score: 0.2)
        queue.insert(time: 5, customer: 3, segment: 2, score: 0.3)
        queue.insert(time: 2, customer: 4, segment: 0, score: 0.4)
        queue.insert(time: 9, customer: 5, segment: 1, score: 0.5)
        #expect(queue.removeDue(upTo: 1.9) == nil)
        var released: [UInt32] = []
        while let write = queue.removeDue(upTo: 5) { released.append(write.customer) }
        #expect(released == [2, 4, 1, 3])
        #expect(queue.count == 1)
        let last = queue.removeDue(upTo: .infinity)
        #expect(last == SegmentWriteQueue.Write(time: 9, customer: 5, segment: 1, score: 0.5))
        #expect(queue.count == 0)
    }
}
