import Foundation
import SegsimBehaviour
import SegsimRandom
import Testing

/// Deterministic, so every failure replays exactly.
private typealias SplitMix = SplitMix64

/// How far past the current time a new step goes.
enum StepIncrement: CaseIterable, Sendable {
    /// In-session actions a little ahead, idle steps days ahead (the retail pattern).
    case sessions
    case exponential
    case bimodal
    /// Mostly near, sometimes 1e9 ahead, sometimes never (+infinity).
    case farFuture
    /// Whole numbers: many equal times.
    case integerTies
    /// Everything at the current instant.
    case zero
    case tinyAfterHuge
    /// Sometimes earlier than the last step popped (allowed: it is popped next).
    case backwards

    fileprivate func draw(_ generator: inout SplitMix) -> Double {
        switch self {
        case .sessions:
            return generator.uniform() < 0.8 ? generator.exponential(mean: 35) : generator.exponential(mean: 172_800)
        case .exponential: return generator.exponential(mean: 1)
        case .bimodal:
            return generator.uniform() < 0.9 ? generator.exponential(mean: 0.001) : generator.exponential(mean: 100)
        case .farFuture:
            let u = generator.uniform()
            return u < 0.01 ? .infinity : u < 0.03 ? 1e9 * generator.uniform() : generator.exponential(mean: 1)
        case .integerTies: return Double(generator.below(3))
        case .zero: return 0
        case .tinyAfterHuge: return generator.uniform() < 0.5 ? 1e-12 * generator.uniform() : 1e6 * generator.uniform()
        case .backwards: return generator.uniform() < 0.1 ? -generator.exponential(mean: 5) : generator.exponential(mean: 5)
        }
    }
}

/// The reference: a binary heap of (time, id, generation) ordered by (time, id), with lazy
/// removal (an entry counts only while its generation is the id's current one).
private struct ReferenceCalendar {
    struct Entry {
        var time: Double
        var id: Int
        var generation: Int
        static func precedes(_ a: Entry, _ b: Entry) -> Bool { a.time < b.time || (a.time == b.time && a.id < b.id) }
    }

    var heap: [Entry] = []
    var pending: [Double?]
    var generation: [Int]
    var count = 0

    init(idCount: Int) {
        pending = Array(repeating: nil, count: idCount)
        generation = Array(repeating: 0, count: idCount)
    }

    mutating func push(_ id: Int, at time: Double) {
        generation[id] += 1
        pending[id] = time
        count += 1
        heap.append(Entry(time: time, id: id, generation: generation[id]))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Entry.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func remove(_ id: Int) -> Double? {
        guard let time = pending[id] else { return nil }
        pending[id] = nil
        generation[id] += 1
        count -= 1
        return time
    }

    mutating func popMin(notAfter limit: Double = .infinity) -> (id: Int, time: Double)? {
        while let top = heap.first {
            if top.generation == generation[top.id], pending[top.id] != nil {
                guard top.time <= limit else { return nil }
                removeTop()
                pending[top.id] = nil
                count -= 1
                return (top.id, top.time)
            }
            removeTop()
        }
        return nil
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            var child = left
            if left + 1 < heap.count, Entry.precedes(heap[left + 1], heap[left]) { child = left + 1 }
            guard Entry.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            parent = child
        }
    }
}

/// Runs a `CustomerCalendar` and the reference side by side and records the first disagreement
/// (checked once per test, so long runs stay fast).
private struct Differential {
    var calendar: CustomerCalendar
    var reference: ReferenceCalendar
    var now = 0.0
    var operations = 0
    var failure: String?

    init(idCount: Int) {
        calendar = CustomerCalendar(idCount: idCount)
        reference = ReferenceCalendar(idCount: idCount)
    }

    mutating func push(_ id: Int, at time: Double) {
        guard calendar.time(of: id) == nil else {
            if failure == nil { failure = "operation \(operations): \(id) is still pending" }
            return
        }
        calendar.push(id, at: time)
        reference.push(id, at: time)
        check()
    }

    @discardableResult
    mutating func pop(notAfter limit: Double = .infinity) -> (id: Int, time: Double)? {
        let got = calendar.popMin(notAfter: limit)
        let expected = reference.popMin(notAfter: limit)
        if failure == nil, got?.id != expected?.id || got?.time != expected?.time {
            failure = "operation \(operations): popped \(String(describing: got)), expected \(String(describing: expected))"
        }
        if let expected { now = expected.time }
        check()
        return expected
    }

    mutating func remove(_ id: Int) {
        let got = calendar.remove(id)
        let expected = reference.remove(id)
        if failure == nil, got != expected {
            failure = "operation \(operations): removing \(id) gave \(String(describing: got)), expected \(String(describing: expected))"
        }
        check()
    }

    mutating func check() {
        operations += 1
        if failure == nil, calendar.count != reference.count {
            failure = "operation \(operations): count \(calendar.count), expected \(reference.count)"
        }
    }

    /// Pops everything, checking the order, and that the calendar ends empty.
    mutating func drain() {
        while pop() != nil {}
        if failure == nil, !calendar.isEmpty { failure = "calendar not empty after draining" }
    }
}

@Suite struct CustomerCalendarTests {
    /// Random pushes, pops (some bounded by a limit) and removals over ids whose steps follow
    /// `increment`, against the reference, with the calendar repeatedly emptied and refilled.
    @Test(arguments: StepIncrement.allCases)
    func matchesReferenceUnderRandomOperations(increment: StepIncrement) {
        let idCount = 3_000
        var generator = SplitMix(state: 0xC0FFEE &+ UInt64(StepIncrement.allCases.firstIndex(of: increment)!))
        var test = Differential(idCount: idCount)
        var idle = Array(0 ..< idCount)
        for round in 0 ..< 4 where test.failure == nil {
            // Fill from idle ids at random times around now (a bulk load, as the stream's start).
            let fill = round == 0 ? idCount : generator.below(idCount) + 1
            for _ in 0 ..< Swift.min(fill, idle.count) {
                let id = idle.swapRemoveRandom(&generator)
                test.push(id, at: test.now + 1_000 * generator.uniform() + increment.draw(&generator))
            }
            for _ in 0 ..< 40_000 {
                let u = generator.uniform()
                if u < 0.55 {
                    // The hold pattern: pop the earliest and reschedule it (sometimes it is done).
                    guard let (id, time) = test.pop() else { continue }
                    if generator.uniform() < 0.95 {
                        test.push(id, at: time + increment.draw(&generator))
                    } else {
                        idle.append(id)
                    }
                } else if u < 0.65, !idle.isEmpty {
                    let id = idle.swapRemoveRandom(&generator)
                    test.push(id, at: test.now + increment.draw(&generator))
                } else if u < 0.75 {
                    // Remove a random id (pending or not).
                    let id = generator.below(idCount)
                    if test.reference.pending[id] != nil { idle.append(id) }
                    test.remove(id)
                } else if u < 0.8 {
                    if let (id, _) = test.pop(notAfter: test.now + increment.draw(&generator)) { idle.append(id) }
                } else if let (id, time) = test.pop() {
                    test.push(id, at: time + increment.draw(&generator))
                }
            }
            test.drain()
            idle = Array(0 ..< idCount)
            if let failure = test.failure { test.failure = "round \(round), \(failure)" }
        }
        #expect(test.failure == nil, "\(increment): \(test.failure ?? "")")
    }

    /// A huge burst at one instant, rescheduled to that same instant and then to a later one:
    /// order is by id, and equal times never separate wrongly from later ones.
    @Test func burstsAtOneInstantPopInIdOrder() {
        let idCount = 100_000
        var generator = SplitMix(state: 7)
        var test = Differential(idCount: idCount)
        var ids = Array(0 ..< idCount)
        ids.shuffle(using: &generator)
        for id in ids { test.push(id, at: 42) }
        for _ in 0 ..< idCount / 2 {
            guard let (id, time) = test.pop() else { break }
            test.push(id, at: generator.uniform() < 0.5 ? time : time + 1)
        }
        for _ in 0 ..< idCount / 10 { test.remove(generator.below(idCount)) }
        test.drain()
        #expect(test.failure == nil, "\(test.failure ?? "")")
    }

    /// Whole-number times whose bucket bounds fall on times in use (4,096 ids over 0 ... 640 make
    /// a first rung of 64 buckets 10 wide): pushes exactly at a bound land on the right side.
    @Test func timesExactlyOnBucketBounds() {
        let idCount = 4_096
        var generator = SplitMix(state: 13)
        var test = Differential(idCount: idCount)
        for id in 0 ..< idCount { test.push(id, at: Double(id % 641)) }
        let increments: [Double] = [0, 1, 10, 20, 160]
        for _ in 0 ..< 200_000 {
            guard let (id, time) = test.pop() else { break }
            test.push(id, at: time + increments[generator.below(increments.count)])
        }
        test.drain()
        #expect(test.failure == nil, "\(test.failure ?? "")")
    }

    /// Far-future and infinite times mixed with near ones, in bulk: infinite times come last, in id
    /// order, and pushes while only they remain still come first.
    @Test func farFutureAndInfiniteTimes() {
        let idCount = 20_000
        var generator = SplitMix(state: 11)
        var test = Differential(idCount: idCount)
        for id in 0 ..< idCount {
            let u = generator.uniform()
            test.push(id, at: u < 0.3 ? .infinity : u < 0.4 ? 1e300 * generator.uniform() : generator.exponential(mean: 10))
        }
        // Pop the finite ones, then some infinite ones, pushing near times in between.
        var popped: [Int] = []
        while let (id, time) = test.pop() {
            popped.append(id)
            if time == .infinity { break }
        }
        for id in popped.prefix(1_000) { test.push(id, at: generator.uniform() < 0.5 ? .infinity : 1e6) }
        test.drain()
        #expect(test.failure == nil, "\(test.failure ?? "")")
    }

    /// Many pending ids (several rungs deep) under the retail pattern, with a copy taken midway:
    /// copies are independent values.
    @Test func largeHoldModelAndCopies() {
        let idCount = 200_000
        var generator = SplitMix(state: 3)
        var test = Differential(idCount: idCount)
        for id in 0 ..< idCount { test.push(id, at: -4.8e6 * generator.uniform()) }
        for _ in 0 ..< 600_000 {
            guard let (id, time) = test.pop() else { break }
            test.push(id, at: time + StepIncrement.sessions.draw(&generator))
        }
        var copy = test
        for _ in 0 ..< 100_000 {
            guard let (id, time) = test.pop() else { break }
            test.push(id, at: time + StepIncrement.bimodal.draw(&generator))
        }
        copy.drain()
        test.drain()
        #expect(copy.failure == nil, "copy: \(copy.failure ?? "")")
        #expect(test.failure == nil, "\(test.failure ?? "")")
    }

    /// The API's bookkeeping: pending times, removal of an id that is not pending, reuse of ids.
    @Test func bookkeeping() {
        var calendar = CustomerCalendar(idCount: 4)
        #expect(calendar.isEmpty && calendar.idCount == 4)
        #expect(calendar.popMin() == nil)
        calendar.push(2, at: 5)
        calendar.push(0, at: 5)
        calendar.push(3, at: 1)
        #expect(calendar.time(of: 2) == 5)
        #expect(calendar.time(of: 1) == nil)
        #expect(calendar.remove(1) == nil)
        #expect(calendar.popMin(notAfter: 0.5) == nil)
        #expect(calendar.popMin()! == (3, 1))
        #expect(calendar.remove(2) == 5)
        calendar.push(2, at: 5)
        #expect(calendar.popMin()! == (0, 5))
        #expect(calendar.popMin()! == (2, 5))
        #expect(calendar.popMin() == nil && calendar.isEmpty)
        #expect(calendar.time(of: 0) == nil)
    }
}

/// A toy model: every customer steps at whole seconds (so many steps tie), emitting one event per
/// step and sometimes none, for a fixed number of steps.
private struct TieModel: BehaviourModel {
    var customerCount: Int
    var stepsLeft: [Int]
    var generator = SplitMix(state: 5)

    init(customers: Int) {
        customerCount = customers
        stepsLeft = Array(repeating: 20, count: customers)
    }

    mutating func firstStep(of customer: Int) -> Double? { Double(generator.below(10)) }

    mutating func step(customer: Int, at time: Double, events: inout [CustomerEvent]) -> Double? {
        if generator.uniform() < 0.9 {
            events.append(CustomerEvent(id: 0, time: time, customer: UInt32(customer), kind: .pageView))
        }
        stepsLeft[customer] -= 1
        return stepsLeft[customer] > 0 ? time + Double(generator.below(3)) : nil
    }
}

@Suite struct EventStreamOrderTests {
    /// Times never decrease, steps at equal times go in customer order, and ids count deliveries.
    @Test func tiesGoInCustomerOrderAndIdsCountDeliveries() {
        var stream = EventStream(model: TieModel(customers: 2_000))
        var last: (time: Double, customer: UInt32)?
        var ordered = true
        var idsCount = true
        while let event = stream.next() {
            if let last, event.time < last.time || (event.time == last.time && event.customer < last.customer) {
                ordered = false
            }
            idsCount = idsCount && event.id == stream.delivered - 1
            last = (event.time, event.customer)
        }
        #expect(ordered)
        #expect(idsCount)
        #expect(stream.steps == 2_000 * 20)
        #expect(stream.model.stepsLeft.allSatisfy { $0 == 0 })
    }

    /// The retail stream delivers nondecreasing times, also across calls with rising limits.
    @Test func retailTimesNeverDecrease() throws {
        var parameters = RetailParameters()
        parameters.customers = 10_000
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 9))
        var lastTime = -Double.infinity
        var decreasing = 0
        for day in 1 ... 3 {
            while let event = stream.next(notAfter: Double(day) * 86_400) {
                if event.time < lastTime { decreasing += 1 }
                lastTime = event.time
            }
        }
        #expect(decreasing == 0)
        #expect(stream.delivered > 100_000)
    }
}

extension Array {
    /// Removes and returns a random element, moving the last one into its place.
    fileprivate mutating func swapRemoveRandom(_ generator: inout SplitMix) -> Element {
        let index = generator.below(count)
        swapAt(index, count - 1)
        return removeLast()
    }
}
