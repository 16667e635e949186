import Foundation
import SegsimKernel
import SegsimRandom
import Testing

/// Deterministic, so every failure replays exactly, and independent of the GSL-backed streams.
private typealias TestGenerator = SplitMix64

/// How far past the current time a new entry goes.
enum CalendarIncrement: CaseIterable, Sendable {
    case exponential, uniform, bimodal, farFuture, integerTies, zero, tinyAfterHuge

    fileprivate func draw(_ generator: inout TestGenerator) -> Double {
        switch self {
        case .exponential: return generator.exponential(mean: 1)
        case .uniform: return 2 * generator.uniform()
        case .bimodal:
            return generator.uniform() < 0.9 ? generator.exponential(mean: 0.001) : generator.exponential(mean: 100)
        case .farFuture: return generator.uniform() < 0.02 ? 1e9 * generator.uniform() : generator.exponential(mean: 1)
        case .integerTies: return Double(generator.below(3))
        case .zero: return 0
        case .tinyAfterHuge: return generator.uniform() < 0.5 ? 1e-12 * generator.uniform() : 1e6 * generator.uniform()
        }
    }
}

/// Runs a `LadderCalendar` and the reference `BinaryHeapCalendar` side by side on the same
/// operations, and records the first disagreement (checked once per test, not per operation,
/// so that long runs stay fast in debug builds).
private struct Differential {
    var ladder = LadderCalendar()
    var heap = BinaryHeapCalendar()
    var sequence: UInt64 = 0
    /// The time of the last entry popped: new entries are never earlier, as the protocol asks.
    var now = 0.0
    var operations = 0
    var failure: String?

    mutating func push(at time: Double) {
        let entry = CalendarEntry(time: time, sequence: sequence, payload: UInt32(truncatingIfNeeded: sequence &* 2_654_435_761))
        sequence += 1
        ladder.push(entry)
        heap.push(entry)
        check("push")
    }

    mutating func push(after increment: Double) { push(at: now + increment) }

    @discardableResult
    mutating func pop() -> CalendarEntry? {
        let expected = heap.popMin()
        let actual = ladder.popMin()
        if actual != expected { record("popMin gave \(String(describing: actual)), expected \(String(describing: expected))") }
        if let expected { now = expected.time }
        check("popMin")
        return expected
    }

    mutating func peek() {
        let expected = heap.peekMin()
        let actual = ladder.peekMin()
        if actual != expected { record("peekMin gave \(String(describing: actual)), expected \(String(describing: expected))") }
        check("peekMin")
    }

    mutating func replace(after increment: Double) {
        guard heap.count > 0 else { return }
        let replacementTime = Swift.max(now, heap.peekMin()?.time ?? now) + increment
        let entry = CalendarEntry(time: replacementTime, sequence: sequence, payload: UInt32(truncatingIfNeeded: sequence))
        sequence += 1
        let expected = heap.replaceMin(with: entry)
        let actual = ladder.replaceMin(with: entry)
        if actual != expected { record("replaceMin gave \(actual), expected \(expected)") }
        now = expected.time
        check("replaceMin")
    }

    mutating func removeAll() {
        ladder.removeAll()
        heap.removeAll()
        now = 0
        check("removeAll")
        if ladder.popMin() != nil || ladder.peekMin() != nil { record("removeAll left entries behind") }
    }

    mutating func drain() {
        while pop() != nil {}
        if ladder.popMin() != nil || !ladder.isEmpty { record("drained ladder not empty") }
    }

    /// The hold model: pop the earliest entry, push one `increment` later.
    mutating func hold(_ increment: Double) {
        pop()
        push(after: increment)
    }

    private mutating func check(_ operation: String) {
        operations += 1
        if ladder.count != heap.count { record("\(operation): count \(ladder.count), expected \(heap.count)") }
    }

    private mutating func record(_ message: String) {
        if failure == nil { failure = "operation \(operations): \(message)" }
    }
}

@Suite struct EventCalendarTests {
    @Test(arguments: [1, 7, 100, 2_000, 30_000])
    func holdModelAtSteadySizes(pending: Int) {
        for increment in [CalendarIncrement.exponential, .uniform, .bimodal] {
            var generator = TestGenerator(state: UInt64(pending))
            var calendars = Differential()
            for _ in 0 ..< pending { calendars.push(after: increment.draw(&generator)) }
            for _ in 0 ..< Swift.max(20_000, 2 * pending) { calendars.hold(increment.draw(&generator)) }
            calendars.drain()
            #expect(calendars.failure == nil, "\(increment) at \(pending) pending")
        }
    }

    @Test(arguments: CalendarIncrement.allCases)
    func randomInterleavingsGrowShrinkAndDrain(increment: CalendarIncrement) {
        var generator = TestGenerator(state: 0xC0FFEE)
        var calendars = Differential()
        // Phases biased towards pushing, then popping, so sizes sweep up and down through every
        // tier, including back to empty (where the ladder restarts) and refilling.
        for phase in 0 ..< 12 {
            let pushProbability = phase % 3 == 2 ? 0.2 : 0.7
            for _ in 0 ..< 4_000 {
                if generator.uniform() < pushProbability {
                    calendars.push(after: increment.draw(&generator))
                } else {
                    calendars.pop()
                }
            }
            if phase % 4 == 3 { calendars.drain() }
        }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test(arguments: [CalendarIncrement.exponential, .integerTies, .farFuture, .tinyAfterHuge])
    func burstsOfPushesThenPops(increment: CalendarIncrement) {
        var generator = TestGenerator(state: 42)
        var calendars = Differential()
        for _ in 0 ..< 15 {
            for _ in 0 ..< generator.below(6_000) { calendars.push(after: increment.draw(&generator)) }
            for _ in 0 ..< generator.below(6_000) { calendars.pop() }
        }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test func everythingPushedBeforeAnyPopInVariousOrders() {
        var generator = TestGenerator(state: 31)
        let count = 5_000
        let orders: [(String, (Int, inout TestGenerator) -> Double)] = [
            ("increasing", { index, _ in Double(index) }),
            ("decreasing", { index, _ in Double(count - index) }),
            ("random", { _, generator in generator.uniform() }),
            ("zigzag", { index, _ in Double(index % 2 == 0 ? index : count - index) }),
            ("few distinct", { _, generator in Double(generator.below(7)) }),
        ]
        for (name, time) in orders {
            var calendars = Differential()
            for index in 0 ..< count { calendars.push(at: time(index, &generator)) }
            // Then a run of ever earlier entries, all after the current time, into bottom's range.
            calendars.pop()
            for step in 0 ..< 3_000 { calendars.push(after: 1e-9 * Double(3_000 - step)) }
            calendars.drain()
            #expect(calendars.failure == nil, "\(name)")
        }
    }

    @Test func equalTimesComeOutInSequenceOrderWhateverThePushOrder() {
        var ladder = LadderCalendar()
        var generator = TestGenerator(state: 7)
        var sequences = Array(UInt64(0) ..< 5_000)
        for index in sequences.indices.reversed() { sequences.swapAt(index, generator.below(index + 1)) }
        for sequence in sequences {
            ladder.push(CalendarEntry(time: 3.5, sequence: sequence, payload: UInt32(sequence)))
        }
        var popped: [UInt64] = []
        while let entry = ladder.popMin() { popped.append(entry.sequence) }
        #expect(popped == Array(0 ..< 5_000))
    }

    @Test func manyEqualTimesInTheHoldModel() {
        var generator = TestGenerator(state: 11)
        var calendars = Differential()
        // Everything at one instant (a zero-width range), then holds that stay at it or step
        // to the next integer: wide runs of ties through every tier.
        for _ in 0 ..< 5_000 { calendars.push(after: 0) }
        for _ in 0 ..< 20_000 {
            calendars.hold(generator.uniform() < 0.8 ? 0 : Double(generator.below(2)))
        }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test func entriesAtTheCurrentTimeAndJustAfterIt() {
        var generator = TestGenerator(state: 3)
        var calendars = Differential()
        for _ in 0 ..< 3_000 { calendars.push(after: generator.exponential(mean: 1)) }
        // Each pop schedules several entries at or a hair after the current time: they land in
        // the sorted bottom run, which must grow, stay sorted and be spread again when long.
        for _ in 0 ..< 6_000 {
            calendars.pop()
            for _ in 0 ..< generator.below(4) {
                calendars.push(after: generator.uniform() < 0.3 ? 0 : 1e-6 * generator.uniform())
            }
        }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test func hugeTinyAndInfiniteTimes() {
        var generator = TestGenerator(state: 5)
        // Infinite times only, alone and after finite ones (so that top ends up holding nothing
        // else): no finite range to spread over.
        var infinite = Differential()
        for _ in 0 ..< 300 { infinite.push(at: .infinity) }
        infinite.drain()
        for _ in 0 ..< 1_000 { infinite.push(at: generator.uniform()) }
        infinite.pop()
        for _ in 0 ..< 300 { infinite.push(at: .infinity) }
        infinite.drain()
        #expect(infinite.failure == nil)
        var calendars = Differential()
        let starts: [Double] = [
            -.greatestFiniteMagnitude, -1e300, -1, 0, .leastNonzeroMagnitude, 1e-300, 1, 1e15, 1e300,
            .greatestFiniteMagnitude, .infinity, -.infinity,
        ]
        for start in starts {
            for _ in 0 ..< 200 { calendars.push(at: start) }
        }
        for _ in 0 ..< 2_000 {
            calendars.push(at: starts[generator.below(starts.count)] * (1 + generator.uniform()))
        }
        calendars.drain()
        #expect(calendars.failure == nil)
        // Times a few ulps apart, where bucket widths fall below one ulp (near 10^15) or
        // underflow (subnormal times).
        for base in [1e15, 1e-310] {
            var crowded = Differential()
            for _ in 0 ..< 3_000 { crowded.push(at: base + base.ulp * Double(generator.below(40))) }
            for _ in 0 ..< 6_000 { crowded.hold(base.ulp * Double(generator.below(50))) }
            crowded.drain()
            #expect(crowded.failure == nil, "near \(base)")
        }
    }

    @Test func deeplySkewedTimesHitTheRungDepthLimit() {
        var calendars = Differential()
        // Clusters nested a thousand-fold deep: each rung can resolve only the next cluster, so
        // refinement runs out of depth and falls back to sorting. Deepest first, so that all
        // but the first few wait in top and are spread together.
        for level in (0 ..< 16).reversed() {
            let scale = pow(10, -3 * Double(level))
            for index in 0 ..< 300 { calendars.push(at: scale * (1 + Double(index) / 300)) }
        }
        var generator = TestGenerator(state: 13)
        for _ in 0 ..< 3_000 { calendars.hold(1e-40 * generator.uniform()) }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test func replaceMinAndPeekMinMatchTheHeap() {
        var generator = TestGenerator(state: 17)
        var calendars = Differential()
        for _ in 0 ..< 5_000 { calendars.push(after: generator.exponential(mean: 1)) }
        for step in 0 ..< 30_000 {
            switch step % 5 {
            case 0: calendars.peek()
            case 1, 2: calendars.replace(after: CalendarIncrement.bimodal.draw(&generator))
            case 3: calendars.replace(after: 0)
            default: calendars.hold(generator.exponential(mean: 1))
            }
        }
        calendars.drain()
        calendars.peek()
        #expect(calendars.failure == nil)
    }

    @Test func removeAllThenReuse() {
        var generator = TestGenerator(state: 19)
        var calendars = Differential()
        for round in 0 ..< 6 {
            let size = [0, 1, 50, 3_000, 20_000, 700][round]
            for _ in 0 ..< size { calendars.push(after: generator.exponential(mean: 10)) }
            for _ in 0 ..< size / 2 { calendars.hold(generator.exponential(mean: 10)) }
            for _ in 0 ..< size / 3 { calendars.pop() }
            calendars.removeAll()
            // After removeAll anything may come next, including times before the old ones.
            for _ in 0 ..< 500 { calendars.push(at: -100 * generator.uniform()) }
            calendars.drain()
        }
        #expect(calendars.failure == nil)
    }

    @Test func entriesEarlierThanTheLastPopStillComeOutInOrder() {
        // Outside the protocol's contract, but the ladder documents that it copes.
        var generator = TestGenerator(state: 23)
        var calendars = Differential()
        for _ in 0 ..< 4_000 { calendars.push(after: generator.exponential(mean: 1)) }
        for step in 0 ..< 8_000 {
            calendars.pop()
            let roll = generator.uniform()
            if roll < 0.002 {
                calendars.push(at: -.infinity)
            } else if roll < 0.1 {
                calendars.push(after: -generator.exponential(mean: 1))
            } else {
                calendars.push(after: generator.exponential(mean: 1))
            }
            // A growing crowd just after the current time keeps the sorted bottom run long.
            if step % 2 == 0 { calendars.push(after: 1e-9 * generator.uniform()) }
        }
        calendars.drain()
        #expect(calendars.failure == nil)
    }

    @Test func copiesAreIndependentValues() {
        var generator = TestGenerator(state: 29)
        var original = Differential()
        for _ in 0 ..< 3_000 { original.push(after: generator.exponential(mean: 1)) }
        for _ in 0 ..< 1_000 { original.hold(generator.exponential(mean: 1)) }
        var copy = original
        for _ in 0 ..< 2_000 {
            original.hold(generator.exponential(mean: 1))
            copy.hold(generator.exponential(mean: 3))
            copy.pop()
        }
        var cleared = copy
        cleared.removeAll()
        copy.drain()
        original.drain()
        #expect(original.failure == nil)
        #expect(copy.failure == nil)
        #expect(cleared.failure == nil)
    }

    @Test func emptyCalendarBehaviour() {
        var ladder = LadderCalendar()
        #expect(ladder.isEmpty)
        #expect(ladder.popMin() == nil)
        #expect(ladder.peekMin() == nil)
        let entry = CalendarEntry(time: 1, sequence: 0, payload: 9)
        ladder.push(entry)
        #expect(ladder.count == 1)
        #expect(ladder.peekMin() == entry)
        #expect(ladder.replaceMin(with: CalendarEntry(time: 2, sequence: 1, payload: 8)) == entry)
        #expect(ladder.popMin()?.payload == 8)
        #expect(ladder.isEmpty)
        #expect(ladder.popMin() == nil)
    }
}
