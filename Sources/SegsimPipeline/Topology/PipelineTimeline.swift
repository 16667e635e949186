/// End-to-end latency percentiles of the first deliveries written in one window (exact,
/// nearest-rank).
public struct LatencyPercentiles: Sendable, Equatable {
    /// Records the percentiles are over.
    public var count: Int
    /// Median, 90th and 99th percentiles and the maximum, in seconds.
    public var p50: Double, p90: Double, p99: Double, maximum: Double
}

/// One window [start, end) of the pipeline's timeline.
public struct PipelineTimelineWindow: Sendable, Equatable {
    /// The window's bounds in virtual seconds.
    public var start: Double, end: Double
    /// Events offered with event time in the window.
    public var offered: Int
    /// Log entries appended (copies included) in the window.
    public var appended: Int
    /// Records whose processing ended in the window (redeliveries included).
    public var processed: Int
    /// Records written by the store in the window (every copy).
    public var written: Int
    /// Time-average consumer lag of each partition over the window (appended, not yet processed).
    public var meanLag: [Double]
    /// Each worker's busy share of the window (polls and processing).
    public var busyShare: [Double]
    /// Latency of the first deliveries written in the window; nil when none was, or when the
    /// timeline does not measure latency (``PipelineMeasurement/means``).
    public var latency: LatencyPercentiles?
}

/// Counts, consumer lag, utilisation and latency over time, in windows of fixed width.
///
/// Everything is integrated exactly from the records' own times (an interval split across the
/// windows it covers), with no calendar event. Memory is O(windows × (partitions + workers)),
/// plus the latencies of windows still open (a window closes once the pipeline's watermark
/// passes its end, since no later write can fall in it).
///
/// **Per event** the pipeline reports six times, nearly always in one window: the last window's
/// exact range of times is kept (``WindowRange``), so a time inside it needs no division.
public struct PipelineTimeline: Sendable {
    /// The window width in seconds.
    public let width: Double
    /// Partitions and workers, the sizes of the per-window arrays.
    public let partitions: Int, workers: Int
    /// Entries of `intervals` per window: partitions + workers.
    private let entriesPerWindow: Int
    /// Whether written latencies are kept for each window's percentiles (the rest is always kept).
    public let measuresLatency: Bool
    private var counts: [WindowCounts] = []
    /// Per window, each partition's ∫ lag dt and then each worker's busy time: index
    /// `window * (partitions + workers) + partition`, or `… + partitions + worker`. One array, so
    /// that an event's lag and busy time take one uniqueness check.
    private var intervals: [Double] = []
    private var percentiles: [LatencyPercentiles?] = []
    /// Latencies of window `firstOpen`, not yet summarised (nearly every write lands here).
    private var current: [Double] = []
    /// Latencies of the windows after `firstOpen`, from `firstOpen + 1` on.
    private var later: [[Double]] = []
    private var firstOpen = 0
    /// The end of window `firstOpen`: the watermark that closes it.
    private var nextClose: Double
    /// The window of the latest time looked up (always one the arrays cover).
    private var recent: WindowRange
    /// The counts of window `recent.index`, kept here rather than in `counts` (which has them
    /// only once the lookups move on) so that counting an event writes no array.
    private var recentCounts = WindowCounts()

    init(width: Double, partitions: Int, workers: Int, measuresLatency: Bool = true) {
        self.width = width
        self.partitions = partitions
        self.workers = workers
        entriesPerWindow = partitions + workers
        self.measuresLatency = measuresLatency
        nextClose = width
        recent = .empty
    }

    /// The windows, from the one holding time 0 to the last with anything in it.
    /// - Complexity: O(windows × (partitions + workers)).
    public var windows: [PipelineTimelineWindow] {
        (0..<counts.count).map { w in
            let counts = w == recent.index ? recentCounts : counts[w]
            return PipelineTimelineWindow(
                start: Double(w) * width, end: Double(w + 1) * width, offered: counts.offered,
                appended: counts.appended, processed: counts.processed, written: counts.written,
                meanLag: (0..<partitions).map { intervals[w * entriesPerWindow + $0] / width },
                busyShare: (0..<workers).map { intervals[w * entriesPerWindow + partitions + $0] / width },
                latency: percentiles[w])
        }
    }

    /// The window of time `t` (times before 0 count in window 0), growing the arrays; it becomes
    /// `recent`, whose counts are `recentCounts`.
    @inline(__always)
    private mutating func window(_ t: Double) -> Int {
        if recent.contains(t) { return recent.index }
        return locate(t)
    }

    /// ``window(_:)`` outside the latest window: ⌊t / width⌋ for t > 0, else 0.
    private mutating func locate(_ t: Double) -> Int {
        let index = WindowRange.index(of: t, width: width)
        if index >= counts.count { grow(to: index + 1) }
        if recent.index < counts.count { counts[recent.index] = recentCounts }
        recent = WindowRange(index: index, width: width)
        recentCounts = counts[index]
        return index
    }

    private mutating func grow(to count: Int) {
        let extra = count - counts.count
        counts.append(contentsOf: repeatElement(WindowCounts(), count: extra))
        intervals.append(contentsOf: repeatElement(0, count: extra * entriesPerWindow))
        percentiles.append(contentsOf: repeatElement(nil, count: extra))
    }

    // Each count follows the lookup of its time's window at once, so it is `recent`'s.
    @inline(__always)
    mutating func offer(at t: Double) {
        _ = window(t)
        recentCounts.offered &+= 1
    }
    @inline(__always)
    mutating func append(at t: Double) {
        _ = window(t)
        recentCounts.appended &+= 1
    }
    @inline(__always)
    mutating func process(at t: Double) {
        _ = window(t)
        recentCounts.processed &+= 1
    }

    @inline(__always)
    mutating func write(at t: Double, latency: Double?) {
        let w = window(t)
        recentCounts.written &+= 1
        guard measuresLatency, let latency else { return }
        if w == firstOpen {
            current.append(latency)
        } else {
            writeOutsideFirstOpen(w, latency: latency)
        }
    }

    /// ``write(at:latency:)`` of a latency whose window is not the first open one (rare).
    private mutating func writeOutsideFirstOpen(_ w: Int, latency: Double) {
        let slot = w - firstOpen
        if slot > 0 {
            while later.count < slot { later.append([]) }
            later[slot - 1].append(latency)
        } else {
            // Cannot happen (writes never fall behind the watermark); kept exact anyway.
            percentiles[w] = Self.merge(percentiles[w], latency)
        }
    }

    /// One event on the pipeline's straight-through path: offered and appended at `ingest`, then
    /// in `partition`'s lag until `end`, processed by `worker` over [start, end]. The same as
    /// ``offer(at:)``, ``append(at:)``, ``lag(partition:from:to:)``, ``busy(worker:from:to:)`` and
    /// ``process(at:)`` in turn, with each window looked up once.
    @inline(__always)
    mutating func pass(partition: Int, worker: Int, ingest: Double, start: Double, end: Double) {
        // Usually the whole pass lies in the latest window (ingest ≤ start ≤ end): the same sums,
        // with one range check instead of three lookups.
        if ingest >= recent.lower, end < recent.upper {
            recentCounts.offered &+= 1
            recentCounts.appended &+= 1
            recentCounts.processed &+= 1
            let lag = recent.index * entriesPerWindow + partition, busy = lag - partition + partitions + worker
            intervals.withUnsafeMutableBufferPointer { intervals in
                if end > ingest { intervals[lag] += end - ingest }
                if end > start { intervals[busy] += end - start }
            }
            return
        }
        let first = window(ingest)
        recentCounts.offered &+= 1
        recentCounts.appended &+= 1
        let last = window(end)
        recentCounts.processed &+= 1
        let busyFirst = end > start && start != ingest ? window(start) : first
        let (entries, partitions, width) = (entriesPerWindow, partitions, width)
        intervals.withUnsafeMutableBufferPointer { intervals in
            if end > ingest { Self.spread(ingest, end, width, first, last, stride: entries, offset: partition, into: intervals) }
            if end > start {
                Self.spread(start, end, width, busyFirst, last, stride: entries, offset: partitions + worker, into: intervals)
            }
        }
    }

    /// Adds the interval [from, to] of partition `partition`'s lag.
    @inline(__always)
    mutating func lag(partition: Int, from: Double, to: Double) {
        guard to > from else { return }
        let first = window(from), last = window(to)
        let (entries, width) = (entriesPerWindow, width)
        intervals.withUnsafeMutableBufferPointer {
            Self.spread(from, to, width, first, last, stride: entries, offset: partition, into: $0)
        }
    }

    /// Adds the interval [from, to] of `worker`'s busy time.
    @inline(__always)
    mutating func busy(worker: Int, from: Double, to: Double) {
        guard to > from else { return }
        let first = window(from), last = window(to)
        let (entries, offset, width) = (entriesPerWindow, partitions + worker, width)
        intervals.withUnsafeMutableBufferPointer {
            Self.spread(from, to, width, first, last, stride: entries, offset: offset, into: $0)
        }
    }

    /// Splits [from, to] over windows first…last of `array` (`stride` entries per window). Both
    /// windows were looked up first, which grew the array to cover them.
    @inline(__always)
    private static func spread(_ from: Double, _ to: Double, _ width: Double, _ first: Int, _ last: Int,
                               stride: Int, offset: Int, into array: UnsafeMutableBufferPointer<Double>) {
        if first == last {
            array[first * stride + offset] += to - from
            return
        }
        for w in first...last {
            let lower = Swift.max(from, Double(w) * width), upper = Swift.min(to, Double(w + 1) * width)
            if upper > lower { array[w * stride + offset] += upper - lower }
        }
    }

    /// Summarises the windows that end at or before `watermark`: no later write falls in them.
    @inline(__always)
    mutating func close(before watermark: Double) {
        guard firstOpen < counts.count, nextClose <= watermark || watermark.isInfinite else { return }
        closeWindows(before: watermark)
    }

    private mutating func closeWindows(before watermark: Double) {
        while firstOpen < counts.count, watermark.isInfinite || Double(firstOpen + 1) * width <= watermark {
            if !current.isEmpty { percentiles[firstOpen] = Self.percentiles(of: &current) }
            current = later.isEmpty ? [] : later.removeFirst()
            firstOpen += 1
        }
        nextClose = Double(firstOpen + 1) * width
    }

    /// The nearest-rank percentiles and maximum of `latencies` (not empty), reordering them.
    ///
    /// Three order statistics are selected in place (expected O(n)) rather than sorted, lowest
    /// rank first: each later one is searched only above the previous, and the maximum only above
    /// the 99th percentile. The values are exactly those a sort would put at the nearest ranks.
    static func percentiles(of latencies: inout [Double]) -> LatencyPercentiles {
        let n = latencies.count
        func rank(_ q: Double) -> Int { Swift.max(0, Int((q * Double(n)).rounded(.up)) - 1) }
        let (i50, i90, i99) = (rank(0.5), rank(0.9), rank(0.99))
        select(&latencies, i50, from: 0, below: n)
        select(&latencies, i90, from: i50 + 1, below: n)
        select(&latencies, i99, from: i90 + 1, below: n)
        let maximum = latencies[i99...].max() ?? latencies[i99]
        return LatencyPercentiles(count: n, p50: latencies[i50], p90: latencies[i90], p99: latencies[i99],
                                  maximum: maximum)
    }

    /// Moves into `values[k]` the value a full ascending sort of `values[start ..< end]` would put
    /// there, with nothing greater before it and nothing smaller after it in that range.
    ///
    /// Quickselect with a median-of-three pivot and branch-free Lomuto partitions: latencies in
    /// random order make a comparison's branch a coin toss, and mispredicting half of them cost more
    /// than the partitioning itself. When the pivot is the range's smallest value, a second pass
    /// sets the values equal to it apart, so repeated values cannot stall the search. Does nothing
    /// unless `start <= k < end`.
    /// - Complexity: expected O(end − start).
    static func select(_ values: inout [Double], _ k: Int, from start: Int, below end: Int) {
        guard start <= k, k < end else { return }
        values.withUnsafeMutableBufferPointer { a in
            var low = start, high = end  // k is in [low, high); below low ≤ all of it ≤ above high
            while high - low > 1 {
                let x = a[low], y = a[low + (high - low) / 2], z = a[high - 1]
                let pivot = Swift.max(Swift.min(x, y), Swift.min(Swift.max(x, y), z))
                let less = partition(a, low, high) { $0 < pivot }
                if k < less {
                    high = less
                } else if less > low {
                    low = less
                } else {
                    // The pivot is the smallest value: set apart the values equal to it.
                    let equal = partition(a, low, high) { $0 <= pivot }
                    if k < equal || equal == low { return }  // (equal == low only for a NaN)
                    low = equal
                }
            }
        }
    }

    /// Moves the values of `a[low ..< high]` that satisfy `isLeft` before the others, without a
    /// branch on the outcome; returns where the others begin.
    @inline(__always)
    private static func partition(_ a: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int,
                                  _ isLeft: (Double) -> Bool) -> Int {
        var boundary = low
        for index in low..<high {
            let value = a[index]
            a[index] = a[boundary]
            a[boundary] = value
            boundary += isLeft(value) ? 1 : 0
        }
        return boundary
    }

    private static func merge(_ old: LatencyPercentiles?, _ latency: Double) -> LatencyPercentiles {
        guard var old else { return LatencyPercentiles(count: 1, p50: latency, p90: latency, p99: latency, maximum: latency) }
        old.count += 1
        old.maximum = Swift.max(old.maximum, latency)
        return old
    }
}

/// One window's event counts (see ``PipelineTimelineWindow``), kept together so that a window's
/// counters share a cache line.
struct WindowCounts: Sendable {
    var offered = 0, appended = 0, processed = 0, written = 0
}
