import SegsimBehaviour

/// A delivery between two stages: `key` is when it reaches the next one.
struct InFlight: Comparable, Sendable {
    var key: Double
    /// Hand-over order, renumbered at each insertion into a heap: breaks ties in `key`
    /// deterministically and keeps FIFO among equal times (the upstream stage's order).
    var order: UInt64
    var event: CustomerEvent
    var partition: Int32
    var worker: Int32
    var delivery: PipelineDelivery
    var offset: Int64 = -1
    /// When the event reached its producer (event time, plus the delay of a late client).
    var producerTime: Double
    /// When its batch was sent; before that, its own network-delay draw (used if it opens a batch).
    var sent = 0.0
    /// When its batch reached the log; before that, its own resend draw (ditto).
    var logArrival = 0.0
    var ingest = 0.0
    var readable = 0.0
    var processingStart = 0.0
    var processingEnd = 0.0
    /// Service demands drawn at offer (see `PipelineSimulation`); copies keep them.
    var append: Double
    var processing: Double
    var store: Double

    /// Heap order: by arrival at the next stage, ties by hand-over order.
    static func < (a: InFlight, b: InFlight) -> Bool { (a.key, a.order) < (b.key, b.order) }

    /// Identity is the hand-over order (unique per heap insertion).
    static func == (a: InFlight, b: InFlight) -> Bool { a.order == b.order }
}

/// An open producer batch's deadline, for closing lingering batches in time order.
struct BatchDeadline: Comparable, Sendable {
    var deadline: Double
    var partition: Int
    var generation: UInt64

    static func < (a: BatchDeadline, b: BatchDeadline) -> Bool {
        (a.deadline, a.partition, a.generation) < (b.deadline, b.partition, b.generation)
    }
}
