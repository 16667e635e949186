import SegsimKernel
import SegsimRandom

/// The classic "hold model" benchmark of event calendars (Jones, CACM 1986): with a steady number
/// of entries pending, repeatedly pop the earliest entry and push a new one a random increment
/// later, as a simulation's run loop does.
public enum CalendarBenchmark {
    /// One measured calendar at one size.
    public struct HoldResult: Sendable, Codable, Equatable {
        /// Which calendar ran.
        public var calendar: String
        /// Entries pending throughout the timed holds.
        public var pending: Int
        /// Hold operations timed.
        public var holds: Int
        /// Wall-clock nanoseconds per hold (one pop plus one push).
        public var nanosecondsPerHold: Double
        /// A hash of the popped sequence numbers in pop order: it keeps the work from being
        /// optimised away, and two calendars given the same seed must report the same value.
        public var checksum: UInt64

        /// Creates a result.
        public init(calendar: String, pending: Int, holds: Int, nanosecondsPerHold: Double, checksum: UInt64) {
            self.calendar = calendar
            self.pending = pending
            self.holds = holds
            self.nanosecondsPerHold = nanosecondsPerHold
            self.checksum = checksum
        }
    }

    /// How many pre-drawn increments the holds cycle through (a power of two, so the index is a
    /// mask); 65,536 doubles (512 KiB) is far more than any calendar could learn a pattern from.
    static let incrementCount = 1 << 16

    /// Measures `holds` hold operations on an empty `C` filled with `pending` entries.
    ///
    /// The fill draws its times, Exp(1) after 0, from `RandomStream(runSeed: seed,
    /// purpose: "bench.calendar")`; the increments of the timed holds are Exp(1) values drawn
    /// from the same stream once, up front, and reused round-robin, so the figure measures the
    /// calendar rather than the random number generator (an exponential draw costs ~16 ns, as
    /// much as a fast calendar operation). A warm-up of `min(pending, holds)` untimed holds first
    /// lets both the calendar's storage and its time distribution settle.
    ///
    /// The same `seed` gives every calendar the same operations, so their checksums must agree.
    /// - Precondition: `pending > 0` and `holds >= 0`.
    /// - Complexity: `pending + holds + min(pending, holds)` calendar operations.
    public static func holdModel<C: EventCalendar>(
        _ type: C.Type, name: String? = nil, pending: Int, holds: Int, seed: UInt64 = 1
    ) -> HoldResult {
        precondition(pending > 0 && holds >= 0, "the hold model needs pending > 0 and holds >= 0")
        let stream = RandomStream(runSeed: seed, purpose: "bench.calendar")
        let increments = (0 ..< incrementCount).map { _ in stream.exponential(mean: 1) }

        var calendar = C()
        var sequence: UInt64 = 0
        for _ in 0 ..< pending {
            calendar.push(CalendarEntry(time: stream.exponential(mean: 1), sequence: sequence,
                                        payload: UInt32(truncatingIfNeeded: sequence)))
            sequence += 1
        }

        var state = HoldState(sequence: sequence)
        increments.withUnsafeBufferPointer { increments in
            hold(&calendar, count: min(pending, holds), increments: increments, state: &state)
        }
        let clock = ContinuousClock()
        let start = clock.now
        increments.withUnsafeBufferPointer { increments in
            hold(&calendar, count: holds, increments: increments, state: &state)
        }
        let elapsed = clock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) * 1e-9
        return HoldResult(calendar: name ?? String(describing: type), pending: pending, holds: holds,
                          nanosecondsPerHold: holds > 0 ? nanoseconds / Double(holds) : 0, checksum: state.checksum)
    }

    /// What the holds carry from one to the next.
    struct HoldState {
        var sequence: UInt64
        var step = 0
        var checksum: UInt64 = 0
    }

    /// Performs `count` holds. A plain generic function over `inout` state rather than a closure
    /// capturing locals: captured variables are boxed and checked for exclusive access at run
    /// time, which costs more than a fast calendar operation.
    static func hold<C: EventCalendar>(
        _ calendar: inout C, count: Int, increments: UnsafeBufferPointer<Double>, state: inout HoldState
    ) {
        let mask = increments.count - 1
        for _ in 0 ..< count {
            guard let earliest = calendar.popMin() else { return }
            state.checksum = (state.checksum ^ earliest.sequence) &* 0x100_0000_01B3
            calendar.push(CalendarEntry(time: earliest.time + increments[state.step & mask], sequence: state.sequence,
                                        payload: UInt32(truncatingIfNeeded: state.sequence)))
            state.sequence += 1
            state.step += 1
        }
    }

    /// Measures the ladder queue and the reference binary heap at each size in `pendings`,
    /// alternating them so that both see the same machine state.
    /// - Complexity: about `2 × (holds + 2 × pending)` calendar operations per size.
    public static func run(
        pendings: [Int] = [1_000, 100_000, 1_000_000], holds: Int = 10_000_000, seed: UInt64 = 1
    ) -> [HoldResult] {
        pendings.flatMap { pending in
            [
                holdModel(LadderCalendar.self, name: "ladder", pending: pending, holds: holds, seed: seed),
                holdModel(BinaryHeapCalendar.self, name: "binary heap", pending: pending, holds: holds, seed: seed),
            ]
        }
    }
}
