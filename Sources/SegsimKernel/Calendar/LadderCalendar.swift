/// A ladder queue (Tang, Goh & Thng, ACM TOMACS 15(3), 2005): an event calendar with O(1)
/// amortised push and pop for the time distributions simulations produce.
///
/// Three tiers hold the pending entries, each entirely earlier than the next:
/// - **bottom**, a sorted run of the earliest entries, popped from its front;
/// - the **ladder**, a stack of rungs of buckets, each rung refining one bucket of the rung
///   above; a bucket is unsorted, and is ordered only when it reaches bottom;
/// - **top**, an unsorted array of far-future entries, appended to sequentially.
///
/// When the ladder runs dry, top is spread into a first rung. When bottom runs dry, the
/// innermost rung's next non-empty bucket moves to bottom: a small bucket is insertion-sorted;
/// a bucket of up to 1,024 entries is counting-sorted into one cell per entry and then
/// insertion-sorted (each entry moves only within its cell); a larger bucket is spread into a
/// finer rung. Each entry is therefore moved a small, bounded number of times, and comparisons
/// are made only between near neighbours. A calendar of fewer than 32 entries lives in bottom
/// alone, so a small model (an M/M/1 queue has two or three pending events) never refills.
///
/// Entries with equal time always share a bucket (the bucket index is a monotone function of
/// time), so their order is settled by the final sort, by `sequence`, regardless of push order.
///
/// Departures from the paper, all for cache behaviour at a million pending entries: the first
/// rung has one bucket per 32 entries rather than one per entry, so the buckets being appended
/// to stay in cache; a bucket is a chain of 8-entry chunks from a shared pool, so it is read back
/// mostly sequentially and steady-state operation allocates nothing; and the counting sort above
/// replaces the paper's deeper rungs in the common case. Storage is raw memory owned by a private
/// object and copied on write: the hot paths run without per-access bounds, uniqueness or
/// exclusivity checks, yet the calendar is an ordinary value.
///
/// - Complexity: O(1) amortised push and pop when bucket widths can separate the times;
///   O(k) for an entry inserted into a bottom run of length k (at most about 1,024 when the
///   times can be separated; a longer run is spread into a rung first). Degenerate inputs
///   (very many equal times, or distinct times closer together than ten nested rungs can
///   resolve) fall back to comparison sorting.
public struct LadderCalendar: EventCalendar {
    /// A bucket of up to this many entries is moved to bottom and insertion-sorted as it is.
    @usableFromInline static var bucketThreshold: Int { 32 }
    /// A rung spread from top, or from a long bottom run, gets one bucket per this many entries.
    @usableFromInline static var entriesPerFirstRungBucket: Int { 32 }
    /// A bucket of up to this many entries is not spread into a rung but distributed straight
    /// into bottom by a counting sort on a grid of one cell per entry, then insertion-sorted
    /// (each entry moves only within its cell, and most cells hold one or none). Bottom runs up
    /// to this long are still cheap to insert into.
    @usableFromInline static var distributionLimit: Int { 1024 }
    /// Finer rungs get one bucket per this many entries, so that their buckets are distributed.
    @usableFromInline static var entriesPerFinerRungBucket: Int { 256 }
    /// Entries per chunk (a power of two).
    @usableFromInline static var chunkCapacity: Int { 8 }
    /// The deepest ladder; a bucket that would need a deeper rung is sorted instead.
    @usableFromInline static var maximumRungs: Int { 10 }
    /// Marks the end of a chunk chain.
    @usableFromInline static var none: Int32 { -1 }

    // MARK: - Storage

    /// A bucket: the head of its chunk chain and its count (see ``CalendarBucket``).
    @usableFromInline typealias Bucket = CalendarBucket


    /// One rung: `bucketCount` buckets of equal width from `start`, stored in
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

        /// The bucket of an entry spread into a fresh rung, whose `start` is the least finite time
        /// spread. Clamped at the top like `bucket(for:)`; there is nothing to clamp below, as
        /// no entry at -infinity is ever spread (top never takes one, every rung refuses one, and
        /// bottom is spread only when all finite).
        @inlinable
        func initialBucket(for time: Double) -> Int {
            let position = (time - start) * inverseWidth
            return position < Double(bucketCount) ? Int(position) : bucketCount - 1
        }
    }

    /// Raw storage blocks (see ``CalendarBuffer``).
    @usableFromInline typealias Buffer = CalendarBuffer

    /// Owns the memory: frees it with the last calendar value sharing it, and its reference count
    /// tells a mutation whether it must copy first. The calendar keeps its own copies of the
    /// buffer descriptors for fast access and writes them back here whenever one is reallocated.
    @usableFromInline
    final class Storage {
        @usableFromInline var top: Buffer<CalendarEntry>
        @usableFromInline var bottom: Buffer<CalendarEntry>
        @usableFromInline var chunkEntries: Buffer<CalendarEntry>
        @usableFromInline var chunkNext: Buffer<Int32>
        @usableFromInline var freeChunks: Buffer<Int32>
        @usableFromInline var buckets: Buffer<Bucket>
        @usableFromInline var rungs: Buffer<Rung>
        @usableFromInline var cells: Buffer<Int32>
        @usableFromInline var cellStarts: Buffer<Int32>

        @usableFromInline
        init(top: Buffer<CalendarEntry>, bottom: Buffer<CalendarEntry>, chunkEntries: Buffer<CalendarEntry>,
             chunkNext: Buffer<Int32>, freeChunks: Buffer<Int32>, buckets: Buffer<Bucket>, rungs: Buffer<Rung>,
             cells: Buffer<Int32>, cellStarts: Buffer<Int32>) {
            self.top = top
            self.bottom = bottom
            self.chunkEntries = chunkEntries
            self.chunkNext = chunkNext
            self.freeChunks = freeChunks
            self.buckets = buckets
            self.rungs = rungs
            self.cells = cells
            self.cellStarts = cellStarts
        }

        deinit {
            top.deallocate()
            bottom.deallocate()
            chunkEntries.deallocate()
            chunkNext.deallocate()
            freeChunks.deallocate()
            buckets.deallocate()
            rungs.deallocate()
            cells.deallocate()
            cellStarts.deallocate()
        }
    }

    @usableFromInline var storage: Storage
    /// Far-future entries, unsorted, in `top[0 ..< topCount]`; every one is later than `topStart`.
    @usableFromInline var top: Buffer<CalendarEntry>
    @usableFromInline var topCount = 0
    @usableFromInline var topMinimum = Double.infinity
    @usableFromInline var topMaximum = -Double.infinity
    /// Entries later than this go to top; everything in the ladder and bottom is at or before it.
    @usableFromInline var topStart = -Double.infinity
    /// The earliest entries, sorted ascending in `bottom[bottomHead ..< bottomCount]`.
    @usableFromInline var bottom: Buffer<CalendarEntry>
    @usableFromInline var bottomHead = 0
    @usableFromInline var bottomCount = 0
    /// The chunk pool: chunk `c` holds `chunkEntries[c * chunkCapacity ..< (c + 1) * chunkCapacity]`
    /// and continues at `chunkNext[c]`; `chunkNext.capacity` chunks exist, and the indices of the
    /// free ones are in `freeChunks[0 ..< freeChunkCount]`.
    @usableFromInline var chunkEntries: Buffer<CalendarEntry>
    @usableFromInline var chunkNext: Buffer<Int32>
    @usableFromInline var freeChunks: Buffer<Int32>
    @usableFromInline var freeChunkCount: Int
    /// The buckets of all rungs, back to back; every bucket outside a live rung is empty.
    @usableFromInline var buckets: Buffer<Bucket>
    /// Rung descriptors; `rungs[0 ..< rungCount]` are live, innermost last.
    @usableFromInline var rungs: Buffer<Rung>
    @usableFromInline var rungCount = 0
    /// Scratch space of the counting sort: each entry's cell, and where each cell starts.
    @usableFromInline var cells: Buffer<Int32>
    @usableFromInline var cellStarts: Buffer<Int32>
    @usableFromInline var storedCount = 0

    /// Creates an empty calendar, with small buffers that grow as needed.
    public init() {
        let initialChunks = 64
        top = Buffer(capacity: 64)
        bottom = Buffer(capacity: 64)
        chunkEntries = Buffer(capacity: initialChunks * Self.chunkCapacity)
        chunkEntries.base.initialize(repeating: CalendarEntry(time: 0, sequence: 0, payload: 0),
                                     count: chunkEntries.capacity)
        chunkNext = Buffer(capacity: initialChunks)
        chunkNext.base.initialize(repeating: Self.none, count: initialChunks)
        freeChunks = Buffer(capacity: initialChunks)
        for chunk in 0 ..< initialChunks {
            freeChunks.base[chunk] = Int32(initialChunks - 1 - chunk)
        }
        freeChunkCount = initialChunks
        buckets = Buffer(capacity: 64)
        buckets.base.initialize(repeating: .empty, count: buckets.capacity)
        rungs = Buffer(capacity: Self.maximumRungs)
        cells = Buffer(capacity: Self.distributionLimit)
        cellStarts = Buffer(capacity: Self.distributionLimit + 1)
        storage = Storage(top: top, bottom: bottom, chunkEntries: chunkEntries, chunkNext: chunkNext,
                          freeChunks: freeChunks, buckets: buckets, rungs: rungs, cells: cells,
                          cellStarts: cellStarts)
    }

    // MARK: - EventCalendar

    /// The number of pending entries.
    @inlinable
    public var count: Int { storedCount }

    /// Adds an entry.
    ///
    /// An entry earlier than the last one popped (outside the protocol's contract) is still
    /// placed correctly: it lands in bottom and is popped next.
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    public mutating func push(_ entry: CalendarEntry) {
        makeUnique()
        // The two common cases inline (the far future, to top; or a bucket of the first rung),
        // everything else out of line, so that callers in other modules stay small and fast.
        let time = entry.time
        if time > topStart {
            if topCount > 0 || rungCount > 0, topCount < top.capacity {
                top.base[topCount] = entry
                topCount += 1
                storedCount += 1
                if time < topMinimum { topMinimum = time }
                if time > topMaximum { topMaximum = time }
                return
            }
        } else if rungCount > 0, let bucket = rungs.base[0].bucket(for: time) {
            rungs.base[0].count += 1
            append(entry, toBucket: rungs.base[0].base + bucket)
            storedCount += 1
            return
        }
        place(entry)
    }

    /// Adds an entry, wherever it belongs: the general case of `push(_:)`.
    @usableFromInline
    mutating func place(_ entry: CalendarEntry) {
        if storedCount == 0 { restart() }
        storedCount += 1
        let time = entry.time
        if time > topStart {
            if topCount == 0, rungCount == 0, bottomCount - bottomHead < Self.bucketThreshold {
                // A small calendar lives in bottom alone: no refill per pop (bottom then holds
                // everything, so its bound simply rises).
                topStart = time
                insertIntoBottom(entry)
                return
            }
            if topCount == top.capacity { growTop() }
            top.base[topCount] = entry
            topCount += 1
            if time < topMinimum { topMinimum = time }
            if time > topMaximum { topMaximum = time }
            return
        }
        var index = 0
        while index < rungCount {
            if let bucket = rungs.base[index].bucket(for: time) {
                rungs.base[index].count += 1
                append(entry, toBucket: rungs.base[index].base + bucket)
                return
            }
            index += 1
        }
        insertIntoBottom(entry)
    }

    /// Removes and returns the earliest entry, or `nil` when empty.
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    public mutating func popMin() -> CalendarEntry? {
        if bottomHead == bottomCount {
            if storedCount == 0 { return nil }
            makeUnique()
            refillBottom()
        }
        // Popping only moves `bottomHead`, a field of this value: the shared memory is untouched.
        let entry = bottom.base[bottomHead]
        bottomHead += 1
        storedCount -= 1
        return entry
    }

    /// The earliest entry without removing it; may move a bucket into bottom first.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func peekMin() -> CalendarEntry? {
        if bottomHead == bottomCount {
            if storedCount == 0 { return nil }
            makeUnique()
            refillBottom()
        }
        return bottom.base[bottomHead]
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

    /// Removes every entry, keeping allocated storage for reuse (unless it is shared with a copy).
    /// - Complexity: O(s), where s is the storage allocated so far.
    public mutating func removeAll() {
        guard isKnownUniquelyReferenced(&storage) else {
            self = LadderCalendar()
            return
        }
        buckets.base.update(repeating: .empty, count: buckets.capacity)
        for chunk in 0 ..< chunkNext.capacity {
            freeChunks.base[chunk] = Int32(chunkNext.capacity - 1 - chunk)
        }
        freeChunkCount = chunkNext.capacity
        topCount = 0
        storedCount = 0
        restart()
    }

    // MARK: - Internals

    /// Copies the shared memory before a mutation, if another calendar value shares it.
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { copyStorage() }
    }

    /// Gives this value its own copy of the memory.
    @usableFromInline
    mutating func copyStorage() {
        top = top.copy(count: topCount)
        bottom = bottom.copy(count: bottomCount)
        chunkEntries = chunkEntries.copy(count: chunkEntries.capacity)
        chunkNext = chunkNext.copy(count: chunkNext.capacity)
        freeChunks = freeChunks.copy(count: freeChunkCount)
        buckets = buckets.copy(count: buckets.capacity)
        rungs = rungs.copy(count: rungCount)
        cells = Buffer(capacity: cells.capacity)
        cellStarts = Buffer(capacity: cellStarts.capacity)
        storage = Storage(top: top, bottom: bottom, chunkEntries: chunkEntries, chunkNext: chunkNext,
                          freeChunks: freeChunks, buckets: buckets, rungs: rungs, cells: cells,
                          cellStarts: cellStarts)
    }

    /// Forgets the ladder's position once everything has been popped, so the next entries may
    /// start at any time. Every bucket is already empty (a rung's buckets empty as its count does).
    @usableFromInline
    mutating func restart() {
        rungCount = 0
        bottomHead = 0
        bottomCount = 0
        topMinimum = .infinity
        topMaximum = -.infinity
        topStart = -.infinity
    }

    /// Appends `entry` to the bucket at `slot`, starting a new chunk when the newest is full.
    @inlinable @inline(__always)
    mutating func append(_ entry: CalendarEntry, toBucket slot: Int) {
        var bucket = buckets.base[slot]
        let offset = Int(bucket.count) & (Self.chunkCapacity - 1)
        if offset == 0 {
            if freeChunkCount == 0 { growChunks(atLeast: 1) }
            freeChunkCount -= 1
            let chunk = freeChunks.base[freeChunkCount]
            chunkNext.base[Int(chunk)] = bucket.newestChunk
            bucket.newestChunk = chunk
        }
        chunkEntries.base[Int(bucket.newestChunk) * Self.chunkCapacity + offset] = entry
        bucket.count += 1
        buckets.base[slot] = bucket
    }

    /// Returns a chunk to the pool.
    @inlinable
    mutating func release(chunk: Int32) {
        freeChunks.base[freeChunkCount] = chunk
        freeChunkCount += 1
    }

    /// Doubles top.
    @usableFromInline
    mutating func growTop() {
        top.resize(to: 2 * top.capacity, keeping: topCount)
        storage.top = top
    }

    /// Makes room for `extra` more entries at the end of bottom, first by dropping the popped
    /// prefix, else by growing.
    @usableFromInline
    mutating func reserveBottom(_ extra: Int) {
        guard bottomCount + extra > bottom.capacity else { return }
        if bottomHead > 0 {
            let live = bottomCount - bottomHead
            UnsafeMutableRawPointer(bottom.base).copyMemory(
                from: bottom.base + bottomHead, byteCount: live * MemoryLayout<CalendarEntry>.stride)
            bottomHead = 0
            bottomCount = live
            if bottomCount + extra <= bottom.capacity { return }
        }
        bottom.resize(to: max(2 * bottom.capacity, bottomCount + extra), keeping: bottomCount)
        storage.bottom = bottom
    }

    /// Makes `buckets[0 ..< count]` exist (new buckets are empty).
    @usableFromInline
    mutating func reserveBuckets(_ count: Int) {
        guard count > buckets.capacity else { return }
        let oldCapacity = buckets.capacity
        buckets.resize(to: max(count, 2 * oldCapacity), keeping: oldCapacity)
        (buckets.base + oldCapacity).initialize(repeating: .empty, count: buckets.capacity - oldCapacity)
        storage.buckets = buckets
    }

    /// Adds chunks to the pool until at least `minimum` are free (at least doubling it, so
    /// growth is amortised).
    @usableFromInline
    mutating func growChunks(atLeast minimum: Int) {
        guard freeChunkCount < minimum else { return }
        let oldCount = chunkNext.capacity
        let newCount = oldCount + max(minimum - freeChunkCount, oldCount)
        precondition(newCount <= Int(Int32.max) / Self.chunkCapacity, "LadderCalendar ran out of chunk indices")
        chunkEntries.resize(to: newCount * Self.chunkCapacity, keeping: oldCount * Self.chunkCapacity)
        (chunkEntries.base + oldCount * Self.chunkCapacity).initialize(
            repeating: CalendarEntry(time: 0, sequence: 0, payload: 0), count: (newCount - oldCount) * Self.chunkCapacity)
        chunkNext.resize(to: newCount, keeping: oldCount)
        (chunkNext.base + oldCount).initialize(repeating: Self.none, count: newCount - oldCount)
        freeChunks.resize(to: newCount, keeping: freeChunkCount)
        // Lowest new indices on top of the stack, so they are handed out first.
        for chunk in (oldCount ..< newCount).reversed() {
            freeChunks.base[freeChunkCount] = Int32(chunk)
            freeChunkCount += 1
        }
        storage.chunkEntries = chunkEntries
        storage.chunkNext = chunkNext
        storage.freeChunks = freeChunks
    }

    /// Inserts into the sorted bottom run, shifting whichever side of the insertion point is
    /// shorter (opening a gap at the front when there is none, so that runs of ever earlier
    /// entries cost O(1) each). A long run is first handed on, when its times allow it: to top
    /// if it holds every pending entry, else to a new rung.
    @usableFromInline
    mutating func insertIntoBottom(_ entry: CalendarEntry) {
        let live = bottomCount - bottomHead
        let handedOn = rungCount == 0 && topCount == 0
            ? live > 2 * Self.bucketThreshold && moveBottomToTop()
            : live > Self.distributionLimit && rungCount < Self.maximumRungs && spreadBottomIntoRung()
        if handedOn {
            storedCount -= 1
            place(entry)
            return
        }
        if live == 0 {
            bottomHead = 0
            bottomCount = 0
        }
        reserveBottom(1)
        var run = bottom.base
        var head = bottomHead
        let end = bottomCount
        if end == head || !CalendarEntry.precedes(entry, run[end - 1]) {
            run[end] = entry
            bottomCount = end + 1
            return
        }
        // The first position whose entry is later than `entry`.
        var low = head
        var high = end - 1
        while low < high {
            let middle = (low + high) / 2
            if CalendarEntry.precedes(entry, run[middle]) { high = middle } else { low = middle + 1 }
        }
        let stride = MemoryLayout<CalendarEntry>.stride
        if low - head <= end - low {
            if head == 0 {
                openGapBeforeBottom()
                run = bottom.base
                low += bottomHead
                head = bottomHead
            }
            UnsafeMutableRawPointer(run + head - 1).copyMemory(from: run + head, byteCount: (low - head) * stride)
            run[low - 1] = entry
            bottomHead = head - 1
        } else {
            UnsafeMutableRawPointer(run + low + 1).copyMemory(from: run + low, byteCount: (end - low) * stride)
            run[low] = entry
            bottomCount = end + 1
        }
    }

    /// Moves the live part of bottom (which starts at index 0) up, leaving as many free slots
    /// before it as it has entries (at least 16), so the next insertions at the front are cheap.
    @usableFromInline
    mutating func openGapBeforeBottom() {
        let live = bottomCount
        let gap = max(16, live)
        if gap + live > bottom.capacity {
            bottom.resize(to: max(2 * bottom.capacity, gap + live), keeping: live)
            storage.bottom = bottom
        }
        UnsafeMutableRawPointer(bottom.base + gap).copyMemory(
            from: bottom.base, byteCount: live * MemoryLayout<CalendarEntry>.stride)
        bottomHead = gap
        bottomCount = gap + live
    }

    /// When bottom holds every pending entry, turns it into top (so pushes are appended again and
    /// the next refill spreads them all together); returns whether it did. Only a run whose times
    /// are finite and far enough apart to spread over any number of buckets qualifies: top is
    /// then sure to be spread rather than come straight back.
    @usableFromInline
    mutating func moveBottomToTop() -> Bool {
        let earliest = bottom.base[bottomHead].time
        let latest = bottom.base[bottomCount - 1].time
        guard earliest.isFinite, latest.isFinite,
              Self.rungGeometry((earliest, latest), bucketCount: Int(Int32.max)) != nil
        else { return false }
        let live = bottomCount - bottomHead
        swap(&top, &bottom)
        storage.top = top
        storage.bottom = bottom
        UnsafeMutableRawPointer(top.base).copyMemory(
            from: top.base + bottomHead, byteCount: live * MemoryLayout<CalendarEntry>.stride)
        topCount = live
        topMinimum = earliest
        topMaximum = latest
        topStart = -.infinity
        bottomHead = 0
        bottomCount = 0
        return true
    }

    /// Moves the earliest pending entries into bottom. Called only when bottom is empty and the
    /// calendar is not.
    @usableFromInline
    mutating func refillBottom() {
        bottomHead = 0
        bottomCount = 0
        while true {
            guard rungCount > 0 else {
                if spreadTopIntoLadder() { continue }
                sortBottom()
                return
            }
            let innermost = rungCount - 1
            var rung = rungs.base[innermost]
            if rung.count == 0 {
                rungCount -= 1
                continue
            }
            var index = rung.current
            while buckets.base[rung.base + index].count == 0 { index += 1 }
            let bucket = buckets.base[rung.base + index]
            buckets.base[rung.base + index] = .empty
            let size = Int(bucket.count)
            rung.current = index + 1
            rung.count -= size
            rungs.base[innermost] = rung
            if size > Self.bucketThreshold, size <= Self.distributionLimit {
                distributeIntoBottom(chain: bucket)
                return
            }
            if size > Self.bucketThreshold {
                // An exhausted rung is replaced by its child rather than kept as a dead level.
                let exhausted = rung.current == rung.bucketCount
                let bucketCount = max(2, size / Self.entriesPerFinerRungBucket)
                if exhausted || rungCount < Self.maximumRungs,
                   let range = finiteRange(ofChain: bucket),
                   let geometry = Self.rungGeometry(range, bucketCount: bucketCount) {
                    if exhausted { rungCount -= 1 }
                    let base = exhausted ? rung.base : rung.base + rung.bucketCount
                    spread(chain: bucket, into: Rung(start: geometry.start, inverseWidth: geometry.inverseWidth,
                                                     base: base, bucketCount: bucketCount))
                    continue
                }
            }
            copyIntoBottom(chain: bucket)
            sortBottom()
            return
        }
    }

    /// Spreads top into a first rung, or, if top is short or its times cannot be told apart,
    /// makes it bottom, unsorted. Returns whether a rung was made.
    @usableFromInline
    mutating func spreadTopIntoLadder() -> Bool {
        precondition(topCount > 0, "LadderCalendar lost count of its entries")
        topStart = topMaximum
        let range = topMinimum.isFinite && topMaximum.isFinite
            ? (minimum: topMinimum, maximum: topMaximum)
            : Self.finiteRange(UnsafeBufferPointer(start: top.base, count: topCount))
        topMinimum = .infinity
        topMaximum = -.infinity
        let bucketCount = max(2, topCount / Self.entriesPerFirstRungBucket)
        if topCount > Self.bucketThreshold, let range,
           let geometry = Self.rungGeometry(range, bucketCount: bucketCount) {
            spread(UnsafeBufferPointer(start: top.base, count: topCount),
                   into: Rung(start: geometry.start, inverseWidth: geometry.inverseWidth, base: 0,
                              bucketCount: bucketCount))
            topCount = 0
            return true
        }
        swap(&top, &bottom)
        storage.top = top
        storage.bottom = bottom
        bottomCount = topCount
        topCount = 0
        return false
    }

    /// Spreads the sorted live part of bottom into a new innermost rung and empties bottom;
    /// returns whether it did. Only a run whose first and last times are finite is spread (all
    /// of it is then finite), so that the check costs O(1) when it fails.
    @usableFromInline
    mutating func spreadBottomIntoRung() -> Bool {
        let live = UnsafeBufferPointer(start: bottom.base + bottomHead, count: bottomCount - bottomHead)
        let bucketCount = max(2, live.count / Self.entriesPerFirstRungBucket)
        guard let earliest = live.first?.time, let latest = live.last?.time, earliest.isFinite, latest.isFinite,
              let geometry = Self.rungGeometry((earliest, latest), bucketCount: bucketCount)
        else { return false }
        let base = rungCount == 0 ? 0 : rungs.base[rungCount - 1].base + rungs.base[rungCount - 1].bucketCount
        spread(live, into: Rung(start: geometry.start, inverseWidth: geometry.inverseWidth, base: base,
                                bucketCount: bucketCount))
        bottomHead = 0
        bottomCount = 0
        return true
    }

    /// Makes `rung` the new innermost rung, holding a copy of `entries`; they must lie in top or
    /// bottom (which this never reallocates), and the caller then empties that buffer.
    @usableFromInline
    mutating func spread(_ entries: UnsafeBufferPointer<CalendarEntry>, into rung: Rung) {
        prepare(rung, entryCount: entries.count)
        for entry in entries {
            append(entry, toBucket: rung.base + rung.initialBucket(for: entry.time))
        }
        install(rung, entryCount: entries.count)
    }

    /// Makes `rung` the new innermost rung, holding the entries of the chain of `bucket`, whose
    /// chunks are freed as they are read.
    @usableFromInline
    mutating func spread(chain bucket: Bucket, into rung: Rung) {
        let size = Int(bucket.count)
        prepare(rung, entryCount: size)
        var chunk = bucket.newestChunk
        var filled = (size - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            let entries = chunkEntries.base + Int(chunk) * Self.chunkCapacity
            for offset in 0 ..< filled {
                let entry = entries[offset]
                append(entry, toBucket: rung.base + rung.initialBucket(for: entry.time))
            }
            // Freed only once read: the appends above may not take it over before then.
            let next = chunkNext.base[Int(chunk)]
            release(chunk: chunk)
            chunk = next
            filled = Self.chunkCapacity
        }
        install(rung, entryCount: size)
    }

    /// Reserves what spreading `entryCount` entries into `rung` needs, so that no buffer is
    /// reallocated while entries are read from it.
    @usableFromInline
    mutating func prepare(_ rung: Rung, entryCount: Int) {
        reserveBuckets(rung.base + rung.bucketCount)
        growChunks(atLeast: entryCount / Self.chunkCapacity + rung.bucketCount + 1)
    }

    /// Pushes a freshly filled rung onto the ladder.
    @usableFromInline
    mutating func install(_ rung: Rung, entryCount: Int) {
        var filled = rung
        filled.count = entryCount
        rungs.base[rungCount] = filled
        rungCount += 1
    }

    /// Appends the entries of the chain of `bucket` to bottom, unsorted, freeing its chunks.
    @usableFromInline
    mutating func copyIntoBottom(chain bucket: Bucket) {
        let size = Int(bucket.count)
        reserveBottom(size)
        var chunk = bucket.newestChunk
        var filled = (size - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            (bottom.base + bottomCount).update(from: chunkEntries.base + Int(chunk) * Self.chunkCapacity, count: filled)
            bottomCount += filled
            let next = chunkNext.base[Int(chunk)]
            release(chunk: chunk)
            chunk = next
            filled = Self.chunkCapacity
        }
    }

    /// Fills bottom with the entries of the chain of `bucket`, sorted, freeing its chunks: a
    /// counting sort into one cell per entry, then an insertion sort that moves each entry only
    /// within its cell. Falls back to a comparison sort when the times cannot be told apart or a
    /// cell is crowded.
    @usableFromInline
    mutating func distributeIntoBottom(chain bucket: Bucket) {
        let size = Int(bucket.count)
        let cellCount = size
        guard let range = finiteRange(ofChain: bucket),
              let geometry = Self.rungGeometry(range, bucketCount: cellCount)
        else {
            copyIntoBottom(chain: bucket)
            sortBottom()
            return
        }
        // The cell arithmetic of a one-off rung.
        let grid = Rung(start: geometry.start, inverseWidth: geometry.inverseWidth, base: 0, bucketCount: cellCount)
        reserveBottom(size)
        let cells = cells.base
        let starts = cellStarts.base
        starts.update(repeating: 0, count: cellCount + 1)
        var position = 0
        var chunk = bucket.newestChunk
        var filled = (size - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            let entries = chunkEntries.base + Int(chunk) * Self.chunkCapacity
            for offset in 0 ..< filled {
                let cell = grid.initialBucket(for: entries[offset].time)
                cells[position] = Int32(truncatingIfNeeded: cell)
                starts[cell + 1] += 1
                position += 1
            }
            chunk = chunkNext.base[Int(chunk)]
            filled = Self.chunkCapacity
        }
        var crowded = false
        for cell in 0 ..< cellCount {
            crowded = crowded || starts[cell + 1] > Self.bucketThreshold
            starts[cell + 1] += starts[cell]
        }
        let run = bottom.base + bottomCount
        position = 0
        chunk = bucket.newestChunk
        filled = (size - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            let entries = chunkEntries.base + Int(chunk) * Self.chunkCapacity
            for offset in 0 ..< filled {
                let cell = Int(cells[position])
                run[Int(starts[cell])] = entries[offset]
                starts[cell] += 1
                position += 1
            }
            let next = chunkNext.base[Int(chunk)]
            release(chunk: chunk)
            chunk = next
            filled = Self.chunkCapacity
        }
        bottomCount += size
        if crowded {
            sortBottom()
        } else {
            Self.insertionSort(run, count: size)
        }
    }

    /// The least and greatest finite times in the chain of `bucket`, or `nil` if none is finite.
    @usableFromInline
    func finiteRange(ofChain bucket: Bucket) -> (minimum: Double, maximum: Double)? {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var chunk = bucket.newestChunk
        var filled = (Int(bucket.count) - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            let entries = chunkEntries.base + Int(chunk) * Self.chunkCapacity
            for offset in 0 ..< filled {
                let time = entries[offset].time
                if time.isFinite {
                    minimum = Swift.min(minimum, time)
                    maximum = Swift.max(maximum, time)
                }
            }
            chunk = chunkNext.base[Int(chunk)]
            filled = Self.chunkCapacity
        }
        return minimum <= maximum ? (minimum, maximum) : nil
    }

    /// The least and greatest finite times among `entries`, or `nil` if none is finite.
    ///
    /// Infinite times are left out of a rung's range (+infinity clamps to its last bucket, and
    /// -infinity is never spread), so the bucket arithmetic never meets infinity minus infinity.
    @usableFromInline
    static func finiteRange(_ entries: UnsafeBufferPointer<CalendarEntry>) -> (minimum: Double, maximum: Double)? {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for entry in entries where entry.time.isFinite {
            minimum = Swift.min(minimum, entry.time)
            maximum = Swift.max(maximum, entry.time)
        }
        return minimum <= maximum ? (minimum, maximum) : nil
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
        // The difference of two huge times of opposite sign may overflow; their quotients do not.
        if !width.isFinite { width = maximum / buckets - minimum / buckets }
        let inverseWidth = 1 / width
        guard width > 0, width.isFinite, inverseWidth.isFinite else { return nil }
        return (minimum, inverseWidth)
    }

    /// Sorts the live part of bottom by (time, sequence): insertion sort for the short runs a
    /// bucket normally yields, the standard library's sort for the rest.
    @usableFromInline
    mutating func sortBottom() {
        let run = bottom.base + bottomHead
        let count = bottomCount - bottomHead
        if count <= Self.bucketThreshold {
            Self.insertionSort(run, count: count)
        } else {
            var long = UnsafeMutableBufferPointer(start: run, count: count)
            long.sort(by: CalendarEntry.precedes)
        }
    }

    /// Sorts `run[0 ..< count]` by (time, sequence); fast when the run is short or nearly sorted.
    @usableFromInline
    static func insertionSort(_ run: UnsafeMutablePointer<CalendarEntry>, count: Int) {
        var index = 1
        while index < count {
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
