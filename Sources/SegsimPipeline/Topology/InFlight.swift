import SegsimBehaviour

/// A delivery between two stages: `key` is when it reaches the next one.
struct InFlight: Sendable {
    var key: Double
    /// The delivery's times so far, handed to the caller as is once the store has written it.
    /// Before its batch is sent, `sentTime` holds the event's own network-delay draw and
    /// `logArrival` its own resend draw (used if it opens a batch).
    var record: PipelineRecord
    /// Service demands drawn at offer (see `PipelineSimulation`); copies keep them.
    var append: Double
    var processing: Double
    var store: Double
    /// The event's ``DeliveryAccounting/mix(_:)``, computed once at offer.
    var mix: UInt64

    /// A placeholder for a slot that holds no delivery.
    static let unused = InFlight(key: .nan, record: .unused, append: 0, processing: 0, store: 0, mix: 0)
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
