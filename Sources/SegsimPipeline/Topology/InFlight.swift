import SegsimBehaviour

/// An event between two stages: `key` is when it reaches the next one.
struct InFlight: Comparable, Sendable {
    var key: Double
    /// Offer order: breaks ties in `key` deterministically and keeps FIFO among equal times.
    var sequence: UInt64
    var event: CustomerEvent
    var partition: Int
    var worker: Int
    var ingest: Double
    var processingStart: Double
    var processingEnd: Double
    /// Service times drawn at offer (see `PipelineSimulation`).
    var processing: Double
    var store: Double

    /// Heap order: by arrival at the next stage, ties by offer order.
    static func < (a: InFlight, b: InFlight) -> Bool { (a.key, a.sequence) < (b.key, b.sequence) }

    /// Identity is the offer sequence (unique per event offered).
    static func == (a: InFlight, b: InFlight) -> Bool { a.sequence == b.sequence }
}
