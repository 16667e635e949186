import SegsimKernel

/// Every customer's segment as the profile store holds it, struct-of-arrays: the segment, the
/// score behind it (NaN for rules), and the bookkeeping freshness needs.
///
/// Writes arrive in segment-time order; ``write(customer:segment:score:at:)`` applies one and
/// reports a freshness sample when it puts a customer with a pending intent rise into the top
/// segment. 13 bytes a customer.
struct SegmentBook {
    private(set) var segment: [UInt8]
    private(set) var score: [Float]
    /// When the customer's current stay in the top segment began (NaN when not in it).
    private var topSince: [Float]
    /// When the customer's latent state rose without the segment reflecting it yet (NaN if not).
    private var pendingRise: [Float]
    let top: UInt8
    /// Freshness samples: seconds from a latent rise to the top segment.
    private(set) var freshness: [Double] = []
    /// Rises still undetected when their horizon passed, or reverted before detection.
    private(set) var undetected = 0

    /// The segment of a customer not assigned yet.
    static let unassigned: UInt8 = .max

    init(customers: Int, top: UInt8) {
        segment = Array(repeating: Self.unassigned, count: customers)
        score = Array(repeating: .nan, count: customers)
        topSince = Array(repeating: .nan, count: customers)
        pendingRise = Array(repeating: .nan, count: customers)
        self.top = top
    }

    /// Hints that `c`'s segment and score will be written soon: a streaming run calls it as the
    /// customer's event enters the pipeline, whose store write lands at a later event.
    @inline(__always)
    func prefetch(customer c: Int) {
        segment.prefetchElement(at: c)
        score.prefetchElement(at: c)
    }

    /// Applies a profile-store write at segment time `time`.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func write(customer c: Int, segment s: UInt8, score x: Float, at time: Double) {
        let wasTop = segment[c] == top
        segment[c] = s
        score[c] = x
        if s == top {
            if !wasTop { topSince[c] = Float(time) }
            let rise = pendingRise[c]
            if !rise.isNaN {
                freshness.append(max(0, time - Double(rise)))
                pendingRise[c] = .nan
            }
        } else if wasTop {
            topSince[c] = .nan
        }
    }

    /// Registers a latent rise of customer `c` at `rise` (found by a scan at `now` ≥ rise): if the
    /// customer is already in the top segment the rise is detected at once, at the later of the
    /// rise and the start of the stay; otherwise it waits for a write.
    mutating func registerRise(customer c: Int, at rise: Double) {
        if segment[c] == top {
            freshness.append(max(0, Double(topSince[c]) - rise))
        } else {
            pendingRise[c] = Float(rise)
        }
    }

    /// Drops pending rises older than `horizon` at `now`, or whose latent state fell back
    /// (`stillRisen(c)` false), counting them as undetected.
    /// - Complexity: O(customers).
    mutating func expireRises(now: Double, horizon: Double, stillRisen: (Int) -> Bool) {
        for c in pendingRise.indices where !pendingRise[c].isNaN {
            if now - Double(pendingRise[c]) > horizon || !stillRisen(c) {
                pendingRise[c] = .nan
                undetected += 1
            }
        }
    }

    /// Sets every customer's segment at once (the initial assignment or a nightly batch).
    mutating func writeAll(at time: Double, _ assign: (Int) -> (UInt8, Float)) {
        for c in segment.indices {
            let (s, x) = assign(c)
            write(customer: c, segment: s, score: x, at: time)
        }
    }
}
