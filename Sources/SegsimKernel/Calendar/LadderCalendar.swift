/// A ladder queue (Tang, Goh & Thng, ACM TOMACS 15(3), 2005): an event calendar with O(1)
/// amortised push and pop for the time distributions simulations produce.
///
/// Three tiers hold the pending entries, each entirely earlier than the next:
/// - **bottom**, a short sorted run of the earliest entries, popped from its front;
/// - the **ladder**, a stack of rungs of buckets, each rung refining one bucket of the rung
///   above; a bucket is an unsorted list, ordered only when it reaches the bottom;
/// - **top**, an unsorted array of far-future entries, appended to sequentially.
///
/// When bottom runs dry, the innermost rung's next non-empty bucket moves to bottom and is
/// sorted there, or, if it holds more than ``bucketThreshold`` entries, is spread into a finer
/// rung instead. When the ladder runs dry, top is spread into a first rung with about one bucket
/// per entry. Each entry is therefore moved a small, bounded number of times, and only short
/// runs are ever sorted.
///
/// Entries with equal time always share a bucket (the bucket index is a monotone function of
/// time), so their order is settled by the final sort, by `sequence`, regardless of push order.
/// A bucket is a chain of fixed-size chunks from one shared pool, so the entries of a bucket are
/// mostly contiguous (read back sequentially, few cache misses) and steady-state operation
/// allocates nothing.
///
/// - Complexity: O(1) amortised push and pop when bucket widths can separate the times;
///   O(k) for an entry inserted into a bottom run of length k (short by construction). Degenerate
///   inputs (very many distinct times closer together than a rung can resolve after
///   ``maximumRungs`` refinements) fall back to sorting, O(log n) per entry.
public struct LadderCalendar: EventCalendar {
    /// A bucket holding more entries than this is spread into a finer rung rather than sorted.
    @usableFromInline static var bucketThreshold: Int { 48 }
    /// The first rung gets one bucket per this many entries: few enough buckets that the
    /// buckets being appended to stay in cache, at the price of one finer rung per bucket.
    @usableFromInline static var entriesPerFirstRungBucket: Int { 32 }
    /// Finer rungs get one bucket per this many entries, which are then sorted into bottom.
    @usableFromInline static var entriesPerFinerRungBucket: Int { 4 }
    /// Entries per chunk (a power of two).
    @usableFromInline static var chunkCapacity: Int { 8 }
    /// The deepest ladder; a bucket that would need a deeper rung is sorted instead.
    @usableFromInline static var maximumRungs: Int { 10 }
    /// Marks the end of a chunk chain.
    @usableFromInline static var none: Int32 { -1 }

    /// One bucket: `count` entries in a chain of chunks, the newest (the only one that may be
    /// partly filled) first.
    @usableFromInline
    struct Bucket {
        @usableFromInline var newestChunk: Int32
        @usableFromInline var count: Int32

        @inlinable
        static var empty: Bucket { Bucket(newestChunk: LadderCalendar.none, count: 0) }

        @inlinable
        init(newestChunk: Int32, count: Int32) {
            self.newestChunk = newestChunk
            self.count = count
        }
    }

    /// One rung: `bucketCount` buckets of equal width starting at `start`, stored in
    /// `buckets[base ..< base + bucketCount]`; buckets before `current` have been consumed.
    @usableFromInline
    struct Rung {
        @usableFromInline var start: Double
        @usableFromInline var inverseWidth: Double
        @usableFromInline var base: Int
        @usableFromInline var bucketCount: Int
        @usableFromInline var current: Int
        @usableFromInline var count: Int

        @inlinable
        init(start: Double, inverseWidth: Double, base: Int, bucketCount: Int) {
            self.start = start
            self.inverseWidth = inverseWidth
            self.base = base
            self.bucketCount = bucketCount
            self.current = 0
            self.count = 0
        }

        /// The bucket `time` belongs to if it is not earlier than the current bucket, else `nil`.
        ///
        /// Monotone in `time`, so bucket order is time order; times past the rung's range
        /// clamp to its last bucket (everything above the rung is later still).
        @inlinable
        func bucket(for time: Double) -> Int? {
            let position = (time - start) * inverseWidth
            guard current < bucketCount, position >= Double(current) else { return nil }
            return position < Double(bucketCount) ? Int(position) : bucketCount - 1
        }

        /// The bucket of an entry spread into a fresh rung: clamped at both ends, because
        /// nothing pending is earlier than the entries being spread.
        @inlinable
        func initialBucket(for time: Double) -> Int {
            let position = (time - start) * inverseWidth
            guard position >= 0 else { return 0 }
            return position < Double(bucketCount) ? Int(position) : bucketCount - 1
        }
    }

    /// Far-future entries, unsorted; every one is later than `topStart`.
    @usableFromInline var top: [CalendarEntry] = []
    @usableFromInline var topMaximum = -Double.infinity
    /// Entries later than this go to top; everything in the ladder and bottom is at or before it.
    @usableFromInline var topStart = -Double.infinity
    /// Rung descriptors; `rungs[0 ..< rungCount]` are live, innermost last.
    @usableFromInline var rungs: [Rung] = []
    @usableFromInline var rungCount = 0
    /// The buckets of all rungs, back to back; every bucket outside a live rung is empty.
    @usableFromInline var buckets: [Bucket] = []
    /// The chunk pool: chunk `c` holds `chunkEntries[c * chunkCapacity ..< (c + 1) * chunkCapacity]`
    /// and continues at `chunkNext[c]`.
    @usableFromInline var chunkEntries: [CalendarEntry] = []
    @usableFromInline var chunkNext: [Int32] = []
    @usableFromInline var freeChunks: [Int32] = []
    /// The earliest entries, sorted ascending in `bottom[bottomHead...]`.
    @usableFromInline var bottom: [CalendarEntry] = []
    @usableFromInline var bottomHead = 0
    @usableFromInline var storedCount = 0

    /// Creates an empty calendar.
    @inlinable
    public init() {}

    /// The number of pending entries.
    @inlinable
    public var count: Int { storedCount }

    /// Adds an entry.
    ///
    /// An entry earlier than the last one popped (outside the protocol's contract) is still
    /// placed correctly: it lands in bottom and is popped next.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func push(_ entry: CalendarEntry) {
        if storedCount == 0 { restart() }
        storedCount += 1
        let time = entry.time
        if time > topStart {
            top.append(entry)
            if time > topMaximum { topMaximum = time }
            return
        }
        var index = 0
        while index < rungCount {
            if let bucket = rungs[index].bucket(for: time) {
                append(entry, toBucket: rungs[index].base + bucket)
                rungs[index].count += 1
                return
            }
            index += 1
        }
        insertIntoBottom(entry)
    }

    /// Removes and returns the earliest entry, or `nil` when empty.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func popMin() -> CalendarEntry? {
        if bottomHead == bottom.count {
            if storedCount == 0 { return nil }
            refillBottom()
        }
        let entry = bottom[bottomHead]
        bottomHead += 1
        storedCount -= 1
        return entry
    }

    /// The earliest entry without removing it; may move a bucket into bottom first.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func peekMin() -> CalendarEntry? {
        if bottomHead == bottom.count {
            if storedCount == 0 { return nil }
            refillBottom()
        }
        return bottom[bottomHead]
    }

    /// Removes the earliest entry and inserts `entry`; returns the removed entry.
    /// - Precondition: the calendar is not empty.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func replaceMin(with entry: CalendarEntry) -> CalendarEntry {
        guard let minimum = popMin() else {
            preconditionFailure("replaceMin(with:) on an empty LadderCalendar")
        }
        push(entry)
        return minimum
    }

    /// Removes every entry, keeping allocated storage for reuse.
    /// - Complexity: O(s), where s is the storage allocated so far.
    public mutating func removeAll() {
        top.removeAll(keepingCapacity: true)
        topMaximum = -.infinity
        buckets.withUnsafeMutableBufferPointer { $0.update(repeating: .empty) }
        freeChunks.removeAll(keepingCapacity: true)
        freeChunks.append(contentsOf: (0 ..< Int32(chunkNext.count)).reversed())
        bottom.removeAll(keepingCapacity: true)
        bottomHead = 0
        storedCount = 0
        restart()
    }

    // MARK: - Internals

    /// Forgets the ladder's position once everything has been popped, so the next entries may
    /// start at any time. Every bucket is already empty (a rung's buckets empty as its count does).
    @inlinable
    mutating func restart() {
        rungCount = 0
        topStart = -.infinity
    }

    /// Appends `entry` to the bucket at `slot` of `buckets`, starting a new chunk when the
    /// newest is full.
    @inlinable
    mutating func append(_ entry: CalendarEntry, toBucket slot: Int) {
        var bucket = buckets[slot]
        let offset = Int(bucket.count) & (Self.chunkCapacity - 1)
        if offset == 0 {
            if freeChunks.isEmpty { growPool(byChunks: 1) }
            let chunk = freeChunks.removeLast()
            chunkNext[Int(chunk)] = bucket.newestChunk
            bucket.newestChunk = chunk
        }
        chunkEntries[Int(bucket.newestChunk) * Self.chunkCapacity + offset] = entry
        bucket.count += 1
        buckets[slot] = bucket
    }

    /// Adds at least `minimum` free chunks to the pool (doubling it, so growth is amortised).
    @usableFromInline
    mutating func growPool(byChunks minimum: Int) {
        let oldCount = chunkNext.count
        let newCount = oldCount + max(minimum, oldCount, 64)
        precondition(newCount <= Int(Int32.max) / Self.chunkCapacity,
                     "LadderCalendar ran out of chunk indices")
        let filler = CalendarEntry(time: 0, sequence: 0, payload: 0)
        chunkEntries.append(contentsOf: repeatElement(filler, count: (newCount - oldCount) * Self.chunkCapacity))
        chunkNext.append(contentsOf: repeatElement(Self.none, count: newCount - oldCount))
        // Reversed, so the lowest new indices are handed out first.
        freeChunks.append(contentsOf: (Int32(oldCount) ..< Int32(newCount)).reversed())
    }

    /// Inserts into the sorted bottom run, shifting whichever side of the insertion point is
    /// shorter. A long run is first spread into a new rung, when its times allow it.
    @usableFromInline
    mutating func insertIntoBottom(_ entry: CalendarEntry) {
        if bottom.count - bottomHead > 2 * Self.bucketThreshold, rungCount < Self.maximumRungs,
           spreadSortedBottomIntoRung() {
            storedCount -= 1
            push(entry)
            return
        }
        if bottomHead > 0, bottomHead == bottom.count {
            bottom.removeAll(keepingCapacity: true)
            bottomHead = 0
        } else if bottomHead > 64, bottomHead > bottom.count / 2 {
            // Reclaim the popped prefix so a long-lived run cannot grow without bound.
            bottom.removeSubrange(0 ..< bottomHead)
            bottomHead = 0
        }
        let head = bottomHead
        let end = bottom.count
        if end == head || !CalendarEntry.precedes(entry, bottom[end - 1]) {
            bottom.append(entry)
            return
        }
        // First index whose entry is later than `entry`.
        var low = head
        var high = end - 1
        while low < high {
            let middle = (low + high) / 2
            if CalendarEntry.precedes(entry, bottom[middle]) { high = middle } else { low = middle + 1 }
        }
        let position = low
        if head > 0, position - head <= end - position {
            bottom.withUnsafeMutableBufferPointer { run in
                var index = head - 1
                while index < position - 1 {
                    run[index] = run[index + 1]
                    index += 1
                }
                run[position - 1] = entry
            }
            bottomHead = head - 1
        } else {
            bottom.append(entry)
            bottom.withUnsafeMutableBufferPointer { run in
                var index = end
                while index > position {
                    run[index] = run[index - 1]
                    index -= 1
                }
                run[position] = entry
            }
        }
    }

    /// Moves the earliest pending entries into bottom. Called only when bottom is empty and the
    /// calendar is not.
    @usableFromInline
    mutating func refillBottom() {
        bottom.removeAll(keepingCapacity: true)
        bottomHead = 0
        while true {
            guard rungCount > 0 else {
                if spreadTopIntoLadder() { continue }
                sortBottom()
                return
            }
            let innermost = rungCount - 1
            if rungs[innermost].count == 0 {
                rungCount -= 1
                continue
            }
            var rung = rungs[innermost]
            var bucket = rung.current
            while buckets[rung.base + bucket].count == 0 { bucket += 1 }
            let taken = takeBucket(slot: rung.base + bucket)
            rung.current = bucket + 1
            rung.count -= taken
            rungs[innermost] = rung
            if taken > Self.bucketThreshold {
                // An exhausted rung is replaced by its child rather than kept as a dead level.
                let exhausted = rung.current == rung.bucketCount
                if exhausted || rungCount < Self.maximumRungs {
                    let base = exhausted ? rung.base : rung.base + rung.bucketCount
                    if exhausted { rungCount -= 1 }
                    if spreadBottom(intoRungAt: base, entriesPerBucket: Self.entriesPerFinerRungBucket,
                                    sorted: false) {
                        continue
                    }
                    if exhausted { rungCount += 1 }
                }
            }
            sortBottom()
            return
        }
    }

    /// Moves the entries of the bucket at `slot` to the end of bottom, unsorted, and frees their
    /// chunks; returns how many there were.
    @usableFromInline
    mutating func takeBucket(slot: Int) -> Int {
        let bucket = buckets[slot]
        buckets[slot] = .empty
        let taken = Int(bucket.count)
        var chunk = bucket.newestChunk
        var filled = (taken - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            let first = Int(chunk) * Self.chunkCapacity
            chunkEntries.withUnsafeBufferPointer { entries in
                bottom.append(contentsOf: UnsafeBufferPointer(rebasing: entries[first ..< first + filled]))
            }
            freeChunks.append(chunk)
            chunk = chunkNext[Int(chunk)]
            filled = Self.chunkCapacity
        }
        return taken
    }

    /// Spreads top into a first rung, or, if top is short or its times cannot be told apart,
    /// leaves it in bottom, unsorted. Returns whether a rung was made.
    @usableFromInline
    mutating func spreadTopIntoLadder() -> Bool {
        topStart = topMaximum
        topMaximum = -.infinity
        swap(&top, &bottom)
        top.removeAll(keepingCapacity: true)
        return spreadBottom(intoRungAt: 0, entriesPerBucket: Self.entriesPerFirstRungBucket, sorted: false)
    }

    /// Spreads the live part of bottom into a new innermost rung whose buckets start at `base`,
    /// and empties bottom; returns whether it did (bottom is left untouched if it is short or its
    /// times cannot be separated). A `sorted` bottom finds its time range at its ends instead of
    /// by a full scan.
    @usableFromInline
    mutating func spreadBottom(intoRungAt base: Int, entriesPerBucket: Int, sorted: Bool) -> Bool {
        let entryCount = bottom.count - bottomHead
        guard entryCount > Self.bucketThreshold else { return false }
        let bucketCount = max(2, entryCount / entriesPerBucket)
        let range = sorted ? Self.finiteRange(sorted: bottom[bottomHead...]) : Self.finiteRange(bottom[bottomHead...])
        guard let range, let geometry = Self.rungGeometry(range, bucketCount: bucketCount) else { return false }
        var rung = Rung(start: geometry.start, inverseWidth: geometry.inverseWidth, base: base,
                        bucketCount: bucketCount)
        if buckets.count < base + bucketCount {
            buckets.append(contentsOf: repeatElement(.empty, count: base + bucketCount - buckets.count))
        }
        // Enough chunks for the worst case, so the loop below never grows the pool.
        let chunksNeeded = entryCount / Self.chunkCapacity + bucketCount
        if freeChunks.count < chunksNeeded { growPool(byChunks: chunksNeeded - freeChunks.count) }
        let first = bottomHead
        var freeCount = freeChunks.count
        bottom.withUnsafeBufferPointer { source in
            chunkEntries.withUnsafeMutableBufferPointer { entries in
                chunkNext.withUnsafeMutableBufferPointer { next in
                    buckets.withUnsafeMutableBufferPointer { buckets in
                        freeChunks.withUnsafeBufferPointer { free in
                            for entry in source[first...] {
                                let slot = base + rung.initialBucket(for: entry.time)
                                var bucket = buckets[slot]
                                let offset = Int(bucket.count) & (Self.chunkCapacity - 1)
                                if offset == 0 {
                                    freeCount -= 1
                                    let chunk = free[freeCount]
                                    next[Int(chunk)] = bucket.newestChunk
                                    bucket.newestChunk = chunk
                                }
                                entries[Int(bucket.newestChunk) * Self.chunkCapacity + offset] = entry
                                bucket.count += 1
                                buckets[slot] = bucket
                            }
                        }
                    }
                }
            }
        }
        freeChunks.removeLast(freeChunks.count - freeCount)
        rung.count = entryCount
        if rungs.count == rungCount { rungs.append(rung) } else { rungs[rungCount] = rung }
        rungCount += 1
        bottom.removeAll(keepingCapacity: true)
        bottomHead = 0
        return true
    }

    /// Spreads a long bottom run into a new innermost rung (the rung's range starts at the run's
    /// first entry, so every rung keeps its place in time order).
    @usableFromInline
    mutating func spreadSortedBottomIntoRung() -> Bool {
        let base = rungCount == 0 ? 0 : rungs[rungCount - 1].base + rungs[rungCount - 1].bucketCount
        return spreadBottom(intoRungAt: base, entriesPerBucket: Self.entriesPerFinerRungBucket, sorted: true)
    }

    /// The least and greatest finite times among `entries`, or `nil` if none is finite.
    ///
    /// Infinite times are left out of a rung's range (they clamp to its first or last bucket),
    /// so the bucket arithmetic never meets infinity minus infinity.
    @usableFromInline
    static func finiteRange(_ entries: ArraySlice<CalendarEntry>) -> (minimum: Double, maximum: Double)? {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for entry in entries where entry.time.isFinite {
            minimum = Swift.min(minimum, entry.time)
            maximum = Swift.max(maximum, entry.time)
        }
        return minimum <= maximum ? (minimum, maximum) : nil
    }

    /// ``finiteRange(_:)`` of entries sorted by time, looking only inwards from both ends.
    @usableFromInline
    static func finiteRange(sorted entries: ArraySlice<CalendarEntry>) -> (minimum: Double, maximum: Double)? {
        guard let first = entries.firstIndex(where: { $0.time.isFinite }),
              let last = entries.lastIndex(where: { $0.time.isFinite })
        else { return nil }
        return (entries[first].time, entries[last].time)
    }

    /// The start and inverse bucket width that spread the finite time `range` over `bucketCount`
    /// buckets, or `nil` when the range is empty or too narrow to separate times.
    @usableFromInline
    static func rungGeometry(
        _ range: (minimum: Double, maximum: Double), bucketCount: Int
    ) -> (start: Double, inverseWidth: Double)? {
        let (minimum, maximum) = range
        guard minimum < maximum else { return nil }
        let buckets = Double(bucketCount)
        var width = (maximum - minimum) / buckets
        if !width.isFinite { width = maximum / buckets - minimum / buckets }
        let inverseWidth = 1 / width
        guard width > 0, width.isFinite, inverseWidth.isFinite else { return nil }
        return (minimum, inverseWidth)
    }

    /// Sorts the live part of bottom by (time, sequence): insertion sort for the short runs a
    /// bucket normally yields, the standard library's sort for the rest.
    @usableFromInline
    mutating func sortBottom() {
        let first = bottomHead
        bottom.withUnsafeMutableBufferPointer { buffer in
            var run = UnsafeMutableBufferPointer(rebasing: buffer[first...])
            guard run.count > 1 else { return }
            if run.count > 64 {
                run.sort(by: CalendarEntry.precedes)
                return
            }
            var index = 1
            while index < run.count {
                let entry = run[index]
                var hole = index
                while hole > 0, CalendarEntry.precedes(entry, run[hole - 1]) {
                    run[hole] = run[hole - 1]
                    hole -= 1
                }
                run[hole] = entry
                index += 1
            }
        }
    }
}
