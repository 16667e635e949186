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

    /// Random hand-overs and releases, with many ties, against a list kept sorted by (time,
    /// hand-over): the queue must agree at every step, whether one, two or many writes wait, and
    /// after it empties and fills again.
    @Test func agreesWithASortedListThroughEveryLoad() {
        var queue = SegmentWriteQueue()
        var reference: [(time: Double, order: Int, write: SegmentWriteQueue.Write)] = []
        var state: UInt64 = 12_345
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var now = 0.0, handedOver = 0, released = 0, mostWaiting = 0
        for _ in 0..<20_000 {
            if next(3) > 0 {
                let write = SegmentWriteQueue.Write(
                    time: now + Double(next(4)), customer: UInt32(handedOver), segment: UInt8(next(3)), score: 0)
                queue.insert(time: write.time, customer: write.customer, segment: write.segment, score: write.score)
                reference.append((write.time, handedOver, write))
                reference.sort { ($0.time, $0.order) < ($1.time, $1.order) }
                handedOver += 1
            } else {
                now += Double(next(3))
                while let write = queue.removeDue(upTo: now) {
                    #expect(write.time <= now && write == reference.first?.write)
                    reference.removeFirst()
                    released += 1
                }
                #expect(reference.first.map { $0.time > now } ?? true)
            }
            #expect(queue.count == reference.count)
            mostWaiting = max(mostWaiting, reference.count)
        }
        #expect(released > 5_000 && mostWaiting > 3 && handedOver - released == reference.count)
    }
}
