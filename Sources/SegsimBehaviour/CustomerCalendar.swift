import SegsimKernel

/// The pending next steps of a population: at most one pending time per dense id
/// `0 ..< idCount`, popped in time order.
///
/// **Order.** Ids pop by (time, id): among equal times the lower id first. The order is thus a
/// pure function of the pending (id, time) pairs, whatever order they were pushed in. Any time
/// but NaN and -infinity may be pushed, +infinity included (never, popped last), and earlier
/// than the last one popped (it is popped next).
///
/// **Layout.** Specialised for ``EventStream``, where every customer has exactly one pending
/// step: each pending time is stored once, in a per-id array (8 bytes an id), and the ordering
/// structure holds only 4-byte ids. That structure is a ladder queue (Tang, Goh & Thng, ACM
/// TOMACS 15(3), 2005) in tiers, each entirely earlier than the next:
/// - the **run**, a short sorted array of (time, id) pairs, popped from its front;
/// - **rungs** of buckets of equal width, each rung refining the bucket of the rung above that
///   is being consumed; a bucket is an unsorted chain of 16-id (64-byte) chunks from a shared
///   pool, appended to in O(1);
/// - **top**, an unsorted chain of far-future ids.
///
/// When the run is empty, the innermost rung's next non-empty bucket becomes the run (sorted)
/// if it holds at most 32 ids, and is otherwise spread into a finer rung. Top is spread into a
/// first rung of one bucket per 64 ids. A finer rung gets one bucket per 16 ids expected to pass
/// through it: the ids spread into it or, when more, the rate of pops per unit of time measured
/// across the last rung consumed, times its span. So a reschedule a little ahead, such as a
/// customer's next action within a session, lands in a sparse bucket of the innermost rung,
/// and the run stays a few dozen entries long at most. Each id is moved a small, bounded number of times and
/// compared only with near neighbours. A run grown past 256 entries by pushes into its span is
/// spread into a rung again when its times allow it.
///
/// **Memory and speed.** Storage is raw memory owned by a private object and copied on write,
/// so the hot paths run without per-access checks yet the calendar is an ordinary value; a pop
/// followed by a push of the same id (the stream's pattern) writes the shared memory once.
/// Steady-state operation allocates nothing: chunks are recycled through a free list, and the
/// pool is reserved up front for every id, its pages becoming resident only when first used.
///
/// - Complexity: O(1) amortised ``push(_:at:)`` and ``popMin(notAfter:)`` when bucket widths can
///   separate the times; very many equal times fall back to comparison sorting. Memory: 8 bytes
///   per id plus about 4.5 per pending id.
public struct CustomerCalendar {
    /// Ids per chunk (a power of two): 64 bytes, one cache line.
    @usableFromInline static var chunkCapacity: Int { 16 }
    /// A bucket of up to this many ids is sorted into the run as it is.
    @usableFromInline static var runLimit: Int { 32 }
    /// A run longer than this is spread into a rung rather than inserted into in the middle.
    @usableFromInline static var handOnLength: Int { 256 }
    /// The first rung gets one bucket per this many ids of top.
    @usableFromInline static var idsPerFirstRungBucket: Int { 64 }
    /// A finer rung gets one bucket per this many ids expected to pass through it. 16 rather
    /// than 4: a refill has a fixed cost (finding the bucket, its exact bound) and its first id
    /// cannot be prefetched by the stream, so fewer, longer runs streamed the retail model ~10%
    /// faster; sorting 16 nearly random ids by insertion stays cheap.
    @usableFromInline static var idsPerBucket: Double { 16 }
    /// The most buckets a finer rung gets.
    @usableFromInline static var maximumBucketsPerRung: Int { 1 << 16 }
    /// The deepest ladder; a bucket that would need a deeper rung is sorted instead.
    @usableFromInline static var maximumRungs: Int { 8 }
    /// Marks the end of a chunk chain.
    @usableFromInline static var none: Int32 { -1 }

    // MARK: - Storage

    /// One pending step in the run.
    @usableFromInline
    struct RunEntry {
        @usableFromInline var time: Double
        @usableFromInline var id: UInt32

        @inlinable
        init(time: Double, id: UInt32) {
            self.time = time
            self.id = id
        }

        /// The calendar order: by time, then by id.
        @inlinable
        static func precedes(_ a: RunEntry, _ b: RunEntry) -> Bool {
            a.time < b.time || (a.time == b.time && a.id < b.id)
        }
    }

    /// A bucket: the head of its chunk chain and its count (see ``CalendarBucket``).
    @usableFromInline typealias Bucket = CalendarBucket


    /// One rung: `bucketCount` buckets of equal width from `start`, in
    /// `buckets[base ..< base + bucketCount]`, holding the pending times from the bound of the
    /// tier inside it up to `end` (exclusive); buckets before `current` have been consumed.
    @usableFromInline
    struct Rung {
        @usableFromInline var start: Double
        @usableFromInline var inverseWidth: Double
        @usableFromInline var end: Double
        @usableFromInline var base: Int
        @usableFromInline var bucketCount: Int
        @usableFromInline var current = 0
        @usableFromInline var count = 0
        /// The calendar's pop count when the rung was made, for the rate of pops across it.
        @usableFromInline var popsAtStart: Int

        @usableFromInline
        init(start: Double, inverseWidth: Double, end: Double, base: Int, bucketCount: Int, popsAtStart: Int) {
            self.start = start
            self.inverseWidth = inverseWidth
            self.end = end
            self.base = base
            self.bucketCount = bucketCount
            self.popsAtStart = popsAtStart
        }

        /// The bucket of `time`, which must not be earlier than `boundary(current)`. Monotone in
        /// `time`; times past the last bucket clamp to it.
        @inlinable @inline(__always)
        func bucket(for time: Double) -> Int {
            let position = (time - start) * inverseWidth
            return position < Double(bucketCount) ? Int(position) : bucketCount - 1
        }

        /// The least time whose bucket is `bucket` or later: exact, so that the tiers' bounds
        /// agree with `bucket(for:)` to the last bit.
        @usableFromInline
        func boundary(_ bucket: Int) -> Double {
            if bucket == bucketCount { return end }
            let target = Double(bucket)
            var time = start + target / inverseWidth
            if (time - start) * inverseWidth >= target {
                var below = time.nextDown
                while (below - start) * inverseWidth >= target {
                    time = below
                    below = time.nextDown
                }
            } else {
                repeat { time = time.nextUp } while (time - start) * inverseWidth < target
            }
            return time
        }
    }

    /// Raw storage blocks (see ``CalendarBuffer``).
    @usableFromInline typealias Buffer = CalendarBuffer

    /// Owns the memory: frees it with the last calendar value sharing it, and its reference count
    /// tells a mutation whether it must copy first. The calendar keeps its own copies of the
    /// buffer descriptors for fast access and writes them back here whenever one is reallocated.
    @usableFromInline
    final class Storage {
        @usableFromInline var times: Buffer<Double>
        @usableFromInline var chunkIds: Buffer<UInt32>
        @usableFromInline var chunkNext: Buffer<Int32>
        @usableFromInline var buckets: Buffer<Bucket>
        @usableFromInline var rungs: Buffer<Rung>
        @usableFromInline var run: Buffer<RunEntry>

        @usableFromInline
        init(times: Buffer<Double>, chunkIds: Buffer<UInt32>, chunkNext: Buffer<Int32>,
             buckets: Buffer<Bucket>, rungs: Buffer<Rung>, run: Buffer<RunEntry>) {
            self.times = times
            self.chunkIds = chunkIds
            self.chunkNext = chunkNext
            self.buckets = buckets
            self.rungs = rungs
            self.run = run
        }

        deinit {
            times.deallocate()
            chunkIds.deallocate()
            chunkNext.deallocate()
            buckets.deallocate()
            rungs.deallocate()
            run.deallocate()
        }
    }

    @usableFromInline var storage: Storage
    /// The pending time of each id, NaN when it has none, except for `popped`.
    @usableFromInline var times: Buffer<Double>
    /// The id popped last, if its time in `times` has not been cleared yet (else -1); it is not
    /// pending. Clearing is left to the next pop, unless a push of the id comes first (the
    /// stream's pattern), so that a pop usually writes no shared memory.
    @usableFromInline var popped = -1
    /// The chunk pool: chunk `c` holds `chunkIds[c * chunkCapacity ..< (c + 1) * chunkCapacity]`
    /// and continues at `chunkNext[c]`. Chunks `0 ..< chunkHighWater` have been handed out at
    /// least once; the free ones among them form a list from `freeChunk` through `chunkNext`
    /// (no separate array: at 10 million customers it would take 0.25 bytes a customer). Chunks
    /// above the high-water mark have never been touched, so they take no resident memory.
    @usableFromInline var chunkIds: Buffer<UInt32>
    @usableFromInline var chunkNext: Buffer<Int32>
    @usableFromInline var freeChunk = Self.none
    @usableFromInline var chunkHighWater = 0
    /// The buckets of all rungs, back to back; every bucket outside a live rung is empty.
    @usableFromInline var buckets: Buffer<Bucket>
    /// Rung descriptors; `rungs[0 ..< rungCount]` are live, innermost last.
    @usableFromInline var rungs: Buffer<Rung>
    @usableFromInline var rungCount = 0
    /// The earliest pending steps, sorted, in `run[runHead ..< runTail]`; all are earlier than
    /// `runBound`, and every id in a rung or top is at or after it.
    @usableFromInline var run: Buffer<RunEntry>
    @usableFromInline var runHead = 0
    @usableFromInline var runTail = 0
    @usableFromInline var runBound = -Double.infinity
    /// Far-future ids, at or after the outermost rung's end; bounds of the finite times among
    /// them (loose after a removal).
    @usableFromInline var top = Bucket.empty
    @usableFromInline var topMinimum = Double.infinity
    @usableFromInline var topMaximum = -Double.infinity
    @usableFromInline var pendingCount = 0
    @usableFromInline var pops = 0
    /// Pops per unit of time across the last rung consumed (0 before the first).
    @usableFromInline var popRate = 0.0

    /// Creates an empty calendar for the ids `0 ..< idCount`.
    ///
    /// The chunk pool is reserved for all of them at once; its pages become resident only as
    /// they are used.
    /// - Complexity: O(idCount).
    public init(idCount: Int) {
        precondition(idCount >= 0 && idCount <= Int(Int32.max), "CustomerCalendar: idCount out of range")
        times = Buffer(capacity: idCount)
        times.base.initialize(repeating: .nan, count: idCount)
        let chunks = idCount / Self.chunkCapacity + idCount / Self.idsPerFirstRungBucket + 64
        chunkIds = Buffer(capacity: chunks * Self.chunkCapacity)
        chunkNext = Buffer(capacity: chunks)
        buckets = Buffer(capacity: 64)
        buckets.base.initialize(repeating: .empty, count: buckets.capacity)
        rungs = Buffer(capacity: Self.maximumRungs)
        run = Buffer(capacity: 64)
        storage = Storage(times: times, chunkIds: chunkIds, chunkNext: chunkNext,
                          buckets: buckets, rungs: rungs, run: run)
    }

    // MARK: - Public interface

    /// The number of ids, `0 ..< idCount`.
    @inlinable
    public var idCount: Int { times.capacity }

    /// The number of pending ids.
    @inlinable
    public var count: Int { pendingCount }

    /// Whether no id is pending.
    @inlinable
    public var isEmpty: Bool { pendingCount == 0 }

    /// The pending time of `id`, or `nil` if it has none.
    /// - Complexity: O(1).
    @inlinable
    public func time(of id: Int) -> Double? {
        precondition(UInt(bitPattern: id) < UInt(idCount), "CustomerCalendar: id out of range")
        let time = times.base[id]
        return time.isNaN || id == popped ? nil : time
    }

    /// Makes `id` pending at `time`.
    ///
    /// A time earlier than the last one popped is still placed correctly (it is popped next).
    /// - Precondition: `id` is in `0 ..< idCount` and not pending; `time` is not NaN or -infinity.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func push(_ id: Int, at time: Double) {
        precondition(UInt(bitPattern: id) < UInt(idCount), "CustomerCalendar: id out of range")
        precondition(time > -.infinity, "CustomerCalendar: time is NaN or -infinity")
        makeUnique()
        if id == popped {
            popped = -1
        } else {
            precondition(times.base[id].isNaN, "CustomerCalendar: id is already pending")
        }
        times.base[id] = time
        pendingCount += 1
        // The common case inline: a bucket of the innermost rung; everything else out of line.
        if time >= runBound, rungCount > 0 {
            let rung = rungs.base + (rungCount - 1)
            if time < rung.pointee.end {
                rung.pointee.count += 1
                append(UInt32(truncatingIfNeeded: id), toBucket: rung.pointee.base + rung.pointee.bucket(for: time))
                return
            }
        }
        place(UInt32(truncatingIfNeeded: id), at: time)
    }

    /// Removes and returns the earliest pending id and its time, or `nil` if none is pending at
    /// or before `limit` (a later one then stays pending).
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func popMin(notAfter limit: Double = .infinity) -> (id: Int, time: Double)? {
        if runHead == runTail {
            if pendingCount == 0 { return nil }
            makeUnique()
            refillRun()
        }
        let entry = run.base[runHead]
        guard entry.time <= limit else { return nil }
        if popped >= 0 { clearPopped() }
        // Popping only changes fields of this value: the shared memory is untouched.
        runHead += 1
        pendingCount -= 1
        pops += 1
        popped = Int(entry.id)
        if pendingCount == 0 { restart() }
        return (popped, entry.time)
    }

    /// The id that the `offset`-th next pop (from 0) will return if it is already in the sorted
    /// run, else `nil`: a cheap look-ahead for prefetching, which never changes the calendar.
    @inlinable
    public func upcomingId(_ offset: Int) -> Int? {
        let index = runHead + offset
        return index < runTail ? Int(run.base[index].id) : nil
    }

    /// Sorts the next pending ids into the run now if it is empty (and the calendar is not), so
    /// that ``upcomingId(_:)`` names them before the next pop: a caller can start loading their
    /// state while it still works on the id popped last. Changes neither what is popped nor in
    /// which order; a push earlier than the run's new bound is inserted into it.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func prepareUpcoming() {
        guard runHead == runTail, pendingCount > 0 else { return }
        makeUnique()
        refillRun()
    }

    /// The earliest pending id and its time, left pending, or `nil` if none is pending.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func peekMin() -> (id: Int, time: Double)? {
        prepareUpcoming()
        guard runHead < runTail else { return nil }
        let entry = run.base[runHead]
        return (Int(entry.id), entry.time)
    }

    /// Makes `id` no longer pending; returns the time it was pending at, or `nil` if it had none.
    /// - Complexity: O(b), where b is the number of ids in the same bucket (a few, except for
    ///   far-future times, which share top).
    @discardableResult
    public mutating func remove(_ id: Int) -> Double? {
        precondition(UInt(bitPattern: id) < UInt(idCount), "CustomerCalendar: id out of range")
        let time = times.base[id]
        guard !time.isNaN, id != popped else { return nil }
        makeUnique()
        let entry = RunEntry(time: time, id: UInt32(truncatingIfNeeded: id))
        if belongsToRun(time) {
            removeFromRun(entry)
        } else if let index = (0 ..< rungCount).last(where: { time < rungs.base[$0].end }) {
            rungs.base[index].count -= 1
            removeFromBucket(at: rungs.base[index].base + rungs.base[index].bucket(for: time), id: entry.id)
        } else {
            var chain = top
            removeFromChain(&chain, id: entry.id)
            top = chain
        }
        times.base[id] = .nan
        pendingCount -= 1
        if pendingCount == 0 { restart() }
        return time
    }

    // MARK: - Internals

    /// Clears the time of `popped`, which was not pushed again before the next pop.
    @usableFromInline
    mutating func clearPopped() {
        makeUnique()
        times.base[popped] = .nan
        popped = -1
    }

    /// Copies the shared memory before a mutation, if another calendar value shares it.
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { copyStorage() }
    }

    /// Gives this value its own copy of the memory.
    @usableFromInline
    mutating func copyStorage() {
        times = times.copy(count: times.capacity)
        chunkIds = chunkIds.copy(count: chunkHighWater * Self.chunkCapacity)
        chunkNext = chunkNext.copy(count: chunkHighWater)
        buckets = buckets.copy(count: buckets.capacity)
        rungs = rungs.copy(count: rungCount)
        run = run.copy(count: runTail)
        storage = Storage(times: times, chunkIds: chunkIds, chunkNext: chunkNext,
                          buckets: buckets, rungs: rungs, run: run)
    }

    /// Forgets the tiers' bounds once nothing is pending, so that the next pushes go to top and
    /// are spread together. Every bucket and chain is already empty.
    @usableFromInline
    mutating func restart() {
        rungCount = 0
        runHead = 0
        runTail = 0
        runBound = -.infinity
        topMinimum = .infinity
        topMaximum = -.infinity
    }

    /// Whether a pending `time` is in the run: it is earlier than the run's bound, or infinite
    /// while the run is all there is and bounded by infinity (it then holds the infinite times).
    @inlinable
    func belongsToRun(_ time: Double) -> Bool {
        time < runBound || (time == .infinity && runBound == .infinity && rungCount == 0 && top.count == 0)
    }

    /// Adds a pending id wherever it belongs: the general case of `push(_:at:)`.
    @usableFromInline
    mutating func place(_ id: UInt32, at time: Double) {
        if belongsToRun(time) {
            insertIntoRun(RunEntry(time: time, id: id))
            return
        }
        var index = rungCount - 1
        while index >= 0 {
            if time < rungs.base[index].end {
                rungs.base[index].count += 1
                append(id, toBucket: rungs.base[index].base + rungs.base[index].bucket(for: time))
                return
            }
            index -= 1
        }
        appendToTop(id)
        if time.isFinite {
            topMinimum = Swift.min(topMinimum, time)
            topMaximum = Swift.max(topMaximum, time)
        }
    }

    /// Appends `id` to the bucket at `slot`.
    @inlinable @inline(__always)
    mutating func append(_ id: UInt32, toBucket slot: Int) {
        var bucket = buckets.base[slot]
        append(id, to: &bucket)
        buckets.base[slot] = bucket
    }

    /// Appends `id` to top.
    @inlinable
    mutating func appendToTop(_ id: UInt32) {
        var chain = top
        append(id, to: &chain)
        top = chain
    }

    /// Appends `id` to `bucket`, starting a new chunk when the newest is full.
    @inlinable @inline(__always)
    mutating func append(_ id: UInt32, to bucket: inout Bucket) {
        let offset = Int(bucket.count) & (Self.chunkCapacity - 1)
        if offset == 0 {
            let chunk = takeChunk()
            chunkNext.base[Int(chunk)] = bucket.newestChunk
            bucket.newestChunk = chunk
        }
        chunkIds.base[Int(bucket.newestChunk) * Self.chunkCapacity + offset] = id
        bucket.count += 1
    }

    /// A free chunk: a recycled one if any, else the next never used.
    @inlinable @inline(__always)
    mutating func takeChunk() -> Int32 {
        if freeChunk != Self.none {
            let chunk = freeChunk
            freeChunk = chunkNext.base[Int(chunk)]
            return chunk
        }
        if chunkHighWater == chunkNext.capacity { growChunks() }
        chunkHighWater += 1
        return Int32(truncatingIfNeeded: chunkHighWater - 1)
    }

    /// Returns a chunk to the pool; its link in `chunkNext` must have been read already.
    @inlinable
    mutating func release(chunk: Int32) {
        chunkNext.base[Int(chunk)] = freeChunk
        freeChunk = chunk
    }

    /// Doubles the chunk pool. Chains are read through `chunkIds` afresh after every append, so
    /// this may happen in the middle of a spread.
    @usableFromInline
    mutating func growChunks() {
        let capacity = 2 * chunkNext.capacity
        precondition(capacity <= Int(Int32.max), "CustomerCalendar ran out of chunk indices")
        chunkIds.resize(to: capacity * Self.chunkCapacity, keeping: chunkHighWater * Self.chunkCapacity)
        chunkNext.resize(to: capacity, keeping: chunkHighWater)
        storage.chunkIds = chunkIds
        storage.chunkNext = chunkNext
    }

    /// Makes `buckets[0 ..< count]` exist (new buckets are empty).
    @usableFromInline
    mutating func reserveBuckets(_ count: Int) {
        guard count > buckets.capacity else { return }
        let oldCapacity = buckets.capacity
        buckets.resize(to: Swift.max(count, 2 * oldCapacity), keeping: oldCapacity)
        (buckets.base + oldCapacity).initialize(repeating: .empty, count: buckets.capacity - oldCapacity)
        storage.buckets = buckets
    }

    /// Makes room for `extra` more entries at the end of the run, first by dropping the popped
    /// prefix, else by growing.
    @usableFromInline
    mutating func reserveRun(_ extra: Int) {
        guard runTail + extra > run.capacity else { return }
        if runHead > 0 {
            let live = runTail - runHead
            run.base.update(from: run.base + runHead, count: live)
            runHead = 0
            runTail = live
            if runTail + extra <= run.capacity { return }
        }
        run.resize(to: Swift.max(2 * run.capacity, runTail + extra), keeping: runTail)
        storage.run = run
    }

    /// Calls `body` with every id of the chain of `bucket`, newest chunk first. With `releasing`,
    /// each chunk is returned to the pool once read, so `body` may append to other chains.
    @inlinable
    mutating func forEachId(in bucket: Bucket, releasing: Bool, _ body: (inout CustomerCalendar, UInt32) -> Void) {
        var chunk = bucket.newestChunk
        var filled = (Int(bucket.count) - 1) & (Self.chunkCapacity - 1) + 1
        while chunk != Self.none {
            for offset in 0 ..< filled {
                body(&self, chunkIds.base[Int(chunk) * Self.chunkCapacity + offset])
            }
            let next = chunkNext.base[Int(chunk)]
            if releasing { release(chunk: chunk) }
            chunk = next
            filled = Self.chunkCapacity
        }
    }

    /// Moves the earliest pending ids into the run. Called only when the run is empty and the
    /// calendar is not.
    @usableFromInline
    mutating func refillRun() {
        runHead = 0
        runTail = 0
        while true {
            if rungCount == 0 {
                if spreadTop() { continue }
                return
            }
            let innermost = rungCount - 1
            var rung = rungs.base[innermost]
            if rung.count == 0 {
                retireInnermostRung()
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
            runBound = rung.boundary(rung.current)
            if size > Self.runLimit, spreadIntoChildRung(bucket) { continue }
            moveIntoRun(bucket)
            sortRun()
            return
        }
    }

    /// Drops the innermost rung, which is empty: its span has all been popped, so it gives the
    /// rate of pops per unit of time.
    @usableFromInline
    mutating func retireInnermostRung() {
        rungCount -= 1
        let rung = rungs.base[rungCount]
        let span = rung.end - rung.start
        if span > 0, span.isFinite, pops > rung.popsAtStart {
            popRate = Double(pops - rung.popsAtStart) / span
        }
        runBound = rung.end
    }

    /// Spreads the chain of `bucket`, just taken from the innermost rung (whose bound the run
    /// has taken), into a new innermost rung; returns whether it did. An exhausted rung is
    /// replaced by its child rather than kept as a dead level.
    @usableFromInline
    mutating func spreadIntoChildRung(_ bucket: Bucket) -> Bool {
        let parent = rungs.base[rungCount - 1]
        let exhausted = parent.current == parent.bucketCount
        guard exhausted || rungCount < Self.maximumRungs else { return false }
        var minimum = Double.infinity
        var maximum = -Double.infinity
        forEachId(in: bucket, releasing: false) { calendar, id in
            let time = calendar.times.base[Int(id)]
            minimum = Swift.min(minimum, time)
            maximum = Swift.max(maximum, time)
        }
        guard minimum < maximum else { return false }
        // Size the rung for the ids expected to pass through it: those spread now, or those the
        // measured pop rate brings to its span if more (then the rung spans up to its end).
        let end = runBound
        var expected = Double(size(of: bucket))
        var upper = maximum
        if end.isFinite {
            let arriving = popRate * (end - minimum)
            if arriving > expected {
                expected = arriving
                upper = end
            }
        }
        let limit = Swift.min(Self.maximumBucketsPerRung, 16 * size(of: bucket))
        let bucketCount = Swift.max(2, Int(Swift.min(expected / Self.idsPerBucket, Double(limit))))
        guard let inverseWidth = Self.inverseWidth(from: minimum, to: upper, bucketCount: bucketCount) else {
            return false
        }
        if exhausted { rungCount -= 1 }
        let base = exhausted ? parent.base : parent.base + parent.bucketCount
        let child = Rung(start: minimum, inverseWidth: inverseWidth, end: end, base: base,
                         bucketCount: bucketCount, popsAtStart: pops)
        install(child, count: size(of: bucket))
        forEachId(in: bucket, releasing: true) { calendar, id in
            calendar.append(id, toBucket: child.base + child.bucket(for: calendar.times.base[Int(id)]))
        }
        return true
    }

    /// The number of ids in `bucket`.
    @inlinable
    func size(of bucket: Bucket) -> Int { Int(bucket.count) }

    /// Makes `rung`, holding `count` ids, the innermost rung (its buckets must be reserved and
    /// empty, so the caller fills them next) and bounds the run by its start.
    @usableFromInline
    mutating func install(_ rung: Rung, count: Int) {
        reserveBuckets(rung.base + rung.bucketCount)
        var filled = rung
        filled.count = count
        rungs.base[rungCount] = filled
        rungCount += 1
        runBound = rung.start
    }

    /// With no rung and the run empty, spreads top's finite times into a first rung (its
    /// infinite ones stay in top) and returns `true`; or, when top is short or its finite times
    /// cannot be told apart, moves them into the run (or, when there are none, the infinite
    /// ones) and returns `false`.
    @usableFromInline
    mutating func spreadTop() -> Bool {
        precondition(top.count > 0, "CustomerCalendar lost count of its ids")
        let chain = top
        let bucketCount = Swift.max(2, size(of: chain) / Self.idsPerFirstRungBucket)
        if size(of: chain) > Self.runLimit, topMinimum <= topMaximum,
           let inverseWidth = Self.inverseWidth(from: topMinimum, to: topMaximum, bucketCount: bucketCount) {
            let rung = Rung(start: topMinimum, inverseWidth: inverseWidth, end: topMaximum.nextUp, base: 0,
                            bucketCount: bucketCount, popsAtStart: pops)
            top = .empty
            topMinimum = .infinity
            topMaximum = -.infinity
            install(rung, count: 0)
            var spread = 0
            forEachId(in: chain, releasing: true) { calendar, id in
                let time = calendar.times.base[Int(id)]
                if time.isFinite {
                    calendar.append(id, toBucket: rung.base + rung.bucket(for: time))
                    spread += 1
                } else {
                    calendar.appendToTop(id)
                }
            }
            rungs.base[0].count = spread
            return true
        }
        top = .empty
        topMinimum = .infinity
        topMaximum = -.infinity
        reserveRun(size(of: chain))
        var latest = -Double.infinity
        forEachId(in: chain, releasing: true) { calendar, id in
            let time = calendar.times.base[Int(id)]
            if time.isFinite {
                calendar.run.base[calendar.runTail] = RunEntry(time: time, id: id)
                calendar.runTail += 1
                latest = Swift.max(latest, time)
            } else {
                calendar.appendToTop(id)
            }
        }
        if runTail > 0 {
            runBound = latest.nextUp
        } else {
            let infinite = top
            top = .empty
            moveIntoRun(infinite)
            runBound = .infinity
        }
        sortRun()
        return false
    }

    /// The inverse bucket width that spreads `lower ... upper` over `bucketCount` buckets, or
    /// `nil` when the range is empty or cannot be divided in floating point.
    @usableFromInline
    static func inverseWidth(from lower: Double, to upper: Double, bucketCount: Int) -> Double? {
        guard lower < upper, (upper - lower).isFinite else { return nil }
        let width = (upper - lower) / Double(bucketCount)
        let inverse = 1 / width
        guard width > 0, inverse.isFinite else { return nil }
        return inverse
    }

    /// Appends the ids of the chain of `bucket`, with their times, to the run, unsorted, freeing
    /// its chunks.
    @usableFromInline
    mutating func moveIntoRun(_ bucket: Bucket) {
        reserveRun(size(of: bucket))
        forEachId(in: bucket, releasing: true) { calendar, id in
            calendar.run.base[calendar.runTail] = RunEntry(time: calendar.times.base[Int(id)], id: id)
            calendar.runTail += 1
        }
    }

    /// Sorts the live part of the run: insertion sort for the short runs a bucket normally
    /// yields, the standard library's sort for the rest.
    @usableFromInline
    mutating func sortRun() {
        let entries = run.base + runHead
        let count = runTail - runHead
        guard count > Self.runLimit else {
            var index = 1
            while index < count {
                let entry = entries[index]
                var hole = index
                while hole > 0, RunEntry.precedes(entry, entries[hole - 1]) {
                    entries[hole] = entries[hole - 1]
                    hole -= 1
                }
                entries[hole] = entry
                index += 1
            }
            return
        }
        var long = UnsafeMutableBufferPointer(start: entries, count: count)
        long.sort(by: RunEntry.precedes)
    }

    /// The first position in the run whose entry is later than `entry`.
    @usableFromInline
    func runPosition(after entry: RunEntry) -> Int {
        var low = runHead
        var high = runTail
        while low < high {
            let middle = (low + high) / 2
            if RunEntry.precedes(entry, run.base[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Inserts into the sorted run, shifting whichever side of the insertion point is shorter.
    /// A long run is first spread into a rung, when its times allow it.
    @usableFromInline
    mutating func insertIntoRun(_ entry: RunEntry) {
        if runHead == runTail {
            runHead = 0
            runTail = 0
        }
        if runHead == runTail || !RunEntry.precedes(entry, run.base[runTail - 1]) {
            reserveRun(1)
            run.base[runTail] = entry
            runTail += 1
            return
        }
        if runTail - runHead > Self.handOnLength, spreadRunIntoRung() {
            place(entry.id, at: entry.time)
            return
        }
        let position = runPosition(after: entry)
        if position - runHead <= runTail - position, runHead > 0 {
            (run.base + runHead - 1).update(from: run.base + runHead, count: position - runHead)
            run.base[position - 1] = entry
            runHead -= 1
        } else {
            let offset = position - runHead
            reserveRun(1)
            let at = runHead + offset
            (run.base + at + 1).update(from: run.base + at, count: runTail - at)
            run.base[at] = entry
            runTail += 1
        }
    }

    /// Spreads the run into a new innermost rung reaching up to the run's bound, and empties the
    /// run; returns whether it did. Only a run whose first and last times are finite and apart
    /// is spread.
    @usableFromInline
    mutating func spreadRunIntoRung() -> Bool {
        let count = runTail - runHead
        let first = run.base[runHead].time
        let last = run.base[runTail - 1].time
        let bucketCount = Swift.max(2, Int(Double(count) / Self.idsPerBucket))
        guard rungCount < Self.maximumRungs, last.isFinite,
              let inverseWidth = Self.inverseWidth(from: first, to: last, bucketCount: bucketCount)
        else { return false }
        let base = rungCount == 0 ? 0 : rungs.base[rungCount - 1].base + rungs.base[rungCount - 1].bucketCount
        let rung = Rung(start: first, inverseWidth: inverseWidth, end: runBound, base: base,
                        bucketCount: bucketCount, popsAtStart: pops)
        install(rung, count: count)
        for index in runHead ..< runTail {
            let entry = run.base[index]
            append(entry.id, toBucket: base + rung.bucket(for: entry.time))
        }
        runHead = 0
        runTail = 0
        return true
    }

    /// Removes `entry`, which is in the run.
    @usableFromInline
    mutating func removeFromRun(_ entry: RunEntry) {
        let position = runPosition(after: entry) - 1
        if position - runHead < runTail - 1 - position {
            (run.base + runHead + 1).update(from: run.base + runHead, count: position - runHead)
            runHead += 1
        } else {
            (run.base + position).update(from: run.base + position + 1, count: runTail - 1 - position)
            runTail -= 1
        }
    }

    /// Removes `id` from the bucket at `slot`.
    @usableFromInline
    mutating func removeFromBucket(at slot: Int, id: UInt32) {
        var bucket = buckets.base[slot]
        removeFromChain(&bucket, id: id)
        buckets.base[slot] = bucket
    }

    /// Removes `id` from the chain of `bucket`, moving the newest id into its place.
    @usableFromInline
    mutating func removeFromChain(_ bucket: inout Bucket, id: UInt32) {
        let newest = Int(bucket.newestChunk) * Self.chunkCapacity
        let last = (Int(bucket.count) - 1) & (Self.chunkCapacity - 1)
        var chunk = bucket.newestChunk
        var filled = last + 1
        search: while chunk != Self.none {
            let ids = chunkIds.base + Int(chunk) * Self.chunkCapacity
            for offset in 0 ..< filled where ids[offset] == id {
                ids[offset] = chunkIds.base[newest + last]
                break search
            }
            chunk = chunkNext.base[Int(chunk)]
            filled = Self.chunkCapacity
        }
        precondition(chunk != Self.none, "CustomerCalendar lost a pending id")
        bucket.count -= 1
        if last == 0 {
            let emptied = bucket.newestChunk
            bucket.newestChunk = chunkNext.base[Int(emptied)]
            release(chunk: emptied)
        }
    }
}
