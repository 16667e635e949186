/// The events an ``EventStream`` generated ahead for one window of virtual time, sorted for
/// delivery, and the steps it put off until delivery reaches them.
///
/// Customers are stepped ahead one at a time, so ``generated`` holds each customer's events in
/// its own time order, customers interleaved; ``sort(from:to:)`` orders them by (time, customer)
/// with a counting sort on time buckets (one per event) and then each bucket by insertion, all
/// stable, so a customer's events at equal times keep their step order.
///
/// - Complexity: sorting is O(n) for the n events of a window when their times spread over it
///   (one bucket per event), O(n log n) at worst (equal times); memory is about 72 bytes per
///   event of the largest window (two copies, a bucket counter and each event's bucket).
@usableFromInline
struct EventWindow {
    /// Events in generation order.
    @usableFromInline var generated: [CustomerEvent] = []
    /// The same events in delivery order, in `sorted[0 ..< count]` (the array only grows, so
    /// that sorting never copies it); those before `head` have been delivered.
    @usableFromInline var sorted: [CustomerEvent] = []
    @usableFromInline var count = 0
    @usableFromInline var head = 0
    /// Steps put off until delivery reaches them, because they may change the ground truth, in
    /// (time, customer) order; those before `putOffHead` have been taken.
    @usableFromInline var putOff: [CustomerCalendar.RunEntry] = []
    @usableFromInline var putOffHead = 0
    /// Events per time bucket, then their first positions, reused between windows.
    var bucketStarts: [Int32] = []
    /// Each generated event's bucket, computed once for both passes, reused between windows.
    var eventBuckets: [Int32] = []

    @usableFromInline
    init() {}

    /// Empties the window for the next one, keeping its capacity.
    @usableFromInline
    mutating func reset() {
        generated.removeAll(keepingCapacity: true)
        putOff.removeAll(keepingCapacity: true)
        putOffHead = 0
        head = 0
        count = 0
    }

    /// Sorts ``generated`` into ``sorted`` by (time, customer), stably; every time must be in
    /// `start ..< end`.
    @usableFromInline
    mutating func sort(from start: Double, to end: Double) {
        count = generated.count
        head = 0
        if sorted.count < count {
            sorted.append(contentsOf: repeatElement(CustomerEvent(id: 0, time: 0, customer: 0, kind: .sessionStart),
                                                    count: count - sorted.count))
        }
        guard count > 1 else {
            if count == 1 { sorted[0] = generated[0] }
            return
        }
        // One bucket per event: the buckets' counts and their loop below cost less than the few
        // more events that share a bucket and need ordering by insertion.
        let buckets = count
        let scale = Double(buckets) / (end - start)
        bucketStarts.removeAll(keepingCapacity: true)
        bucketStarts.append(contentsOf: repeatElement(0, count: buckets + 1))
        if eventBuckets.count < count {
            eventBuckets.append(contentsOf: repeatElement(0, count: count - eventBuckets.count))
        }
        generated.withUnsafeBufferPointer { events in
            bucketStarts.withUnsafeMutableBufferPointer { starts in
                eventBuckets.withUnsafeMutableBufferPointer { eventBucket in
                    for (index, event) in events.enumerated() {
                        let position = (event.time - start) * scale
                        let bucket = position < Double(buckets) ? (position > 0 ? Int32(position) : 0) : Int32(buckets - 1)
                        eventBucket[index] = bucket
                        starts[Int(bucket) + 1] &+= 1
                    }
                }
                for index in 1 ... buckets { starts[index] &+= starts[index - 1] }
                sorted.withUnsafeMutableBufferPointer { output in
                    for (index, event) in events.enumerated() {
                        let slot = Int(eventBuckets[index])
                        output[Int(starts[slot])] = event
                        starts[slot] &+= 1
                    }
                    // Buckets are in order; within one, the few events are ordered by insertion,
                    // and a crowded bucket (many equal times) by the standard library's stable sort.
                    var first = 0
                    for bucket in 0 ..< buckets {
                        let end = Int(starts[bucket])
                        if end - first > Self.insertionLimit {
                            output[first ..< end].sort(by: Self.precedes)
                        } else if end - first > 1 {
                            var index = first + 1
                            while index < end {
                                let event = output[index]
                                var hole = index
                                while hole > first, Self.precedes(event, output[hole - 1]) {
                                    output[hole] = output[hole - 1]
                                    hole -= 1
                                }
                                output[hole] = event
                                index += 1
                            }
                        }
                        first = end
                    }
                }
            }
        }
    }

    /// A bucket with more events than this is sorted by the standard library instead of by
    /// insertion, so that many equal times cost O(n log n), not O(n²).
    static var insertionLimit: Int { 32 }

    /// The delivery order: by time, then by customer.
    @inlinable
    static func precedes(_ a: CustomerEvent, _ b: CustomerEvent) -> Bool {
        a.time < b.time || (a.time == b.time && a.customer < b.customer)
    }
}
