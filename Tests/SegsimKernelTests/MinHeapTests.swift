import SegsimKernel
import Testing

/// The heap behind every hand-over: order, ties, peeks and conditional removal.
@Suite struct MinHeapTests {
    struct Item: Comparable, Sendable {
        var key: Double
        var order: Int
        static func < (a: Item, b: Item) -> Bool { (a.key, a.order) < (b.key, b.order) }
    }

    @Test func removesInOrderWhateverTheInsertionOrder() {
        var state: UInt64 = 17
        var heap = MinHeap<Item>()
        var inserted: [Item] = []
        var removed: [Item] = []
        for order in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly increasing keys (the hand-overs' common case), with repeats and late ones.
            let key = Double(order / 3) + (state % 7 == 0 ? -Double(state % 50) : 0)
            let item = Item(key: key, order: order)
            heap.insert(item)
            inserted.append(item)
            if state % 5 == 0, let minimum = heap.removeMinimum() { removed.append(minimum) }
        }
        while let minimum = heap.removeMinimum() { removed.append(minimum) }
        #expect(heap.isEmpty && heap.count == 0)
        #expect(removed.count == inserted.count && Set(removed.map(\.order)) == Set(inserted.map(\.order)))
        // Each removal was the minimum of what was inside: replay and compare.
        var replay: [Item] = []
        var expected: [Item] = []
        state = 17
        for order in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            replay.append(inserted[order])
            if state % 5 == 0, let minimum = replay.min() {
                expected.append(minimum)
                replay.removeAll { $0 == minimum }
            }
        }
        expected += replay.sorted()
        #expect(removed == expected)
    }

    @Test func peeksAndRemovesOnlyWhatIsDue() {
        var heap = MinHeap<Item>()
        #expect(heap.minimum(\.key) == nil && heap.removeMinimum(if: { _ in true }) == nil)
        for (order, key) in [5.0, 1, 3, 1, 9].enumerated() { heap.insert(Item(key: key, order: order)) }
        #expect(heap.minimum(\.key) == 1 && heap.minimum(\.order) == 1)
        var due: [Int] = []
        while let item = heap.removeMinimum(if: { $0.key <= 3 }) { due.append(item.order) }
        #expect(due == [1, 3, 2])
        #expect(heap.count == 2 && heap.minimum?.key == 5)
        #expect(heap.removeMinimum(if: { $0.key < 5 }) == nil && heap.count == 2)
    }

    @Test func replaceMinimumKeepsTheHeapOrdered() {
        var heap = MinHeap<Double>()
        for value in [4.0, 8, 1, 6, 2, 7, 3, 5] { heap.insert(value) }
        #expect(heap.replaceMinimum(with: 10) == 1)
        #expect(heap.replaceMinimum(with: 0) == 2)
        var drained: [Double] = []
        while let value = heap.removeMinimum() { drained.append(value) }
        #expect(drained == [0, 3, 4, 5, 6, 7, 8, 10])
    }

    @Test func replacingTheLastByTheLargestKeepsTheHeapOrdered() {
        var heap = MinHeap<Double>()
        for value in [4.0, 8, 1, 6, 2] { heap.insert(value) }
        heap.replaceLast(withLargest: 9)
        heap.replaceLast(withLargest: 9)
        var drained: [Double] = []
        while let value = heap.removeMinimum() { drained.append(value) }
        #expect(drained.count == 5 && drained.first == 1 && drained.last == 9 && drained == drained.sorted())
    }
}
