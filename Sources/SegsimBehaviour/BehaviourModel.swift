/// Per-customer dynamics, advanced one customer-step at a time by an ``EventStream``.
///
/// A model keeps each customer's state (struct-of-arrays, indexed by the dense customer id) and
/// knows nothing of other customers' timing: the stream interleaves customers in time order.
public protocol BehaviourModel {
    /// The number of customers, ids 0 ..< customerCount.
    var customerCount: Int { get }
    /// The time of the customer's first step, or `nil` if it never acts. Called once per customer,
    /// in id order, before any step.
    mutating func firstStep(of customer: Int) -> Double?
    /// Performs the customer's step due at `time`: appends the events that happen at exactly
    /// `time` (possibly none, e.g. a latent state change) to `events`, and returns the time of the
    /// customer's next step (not earlier than `time`), or `nil` when the customer is done.
    /// Event ids are assigned by the stream; models leave them 0.
    mutating func step(customer: Int, at time: Double, events: inout [CustomerEvent]) -> Double?
    /// A hint that `customer` will be stepped soon: a model may start loading its state into the
    /// cache. It must not change anything observable; the default does nothing.
    func prefetch(customer: Int)
    /// Whether the stream may take a customer's steps ahead of other customers' earlier events
    /// (see ``EventStream``), asking ``pendingStepChangesTruth(customer:)`` before each. The
    /// default, `false`, steps every customer strictly in time order.
    static var stepsAhead: Bool { get }
    /// Whether the customer's pending step may change anything the model's ground-truth queries
    /// read (latent state, outcomes so far). Such a step is taken only in time order, so truth
    /// read between events is exact; other steps may run ahead. The default is `true`.
    func pendingStepChangesTruth(customer: Int) -> Bool
    /// Steps the customer from `time` on, appending the events, while each next step is due
    /// before `end` and changes no truth; returns the time of the step it stopped before (still
    /// pending), or `nil` when the customer is done. Adds the steps taken to `steps`. The default
    /// calls ``step(customer:at:events:)`` in a loop; a model may do the same more cheaply.
    mutating func stepAhead(customer: Int, at time: Double, before end: Double, events: inout [CustomerEvent],
                            steps: inout UInt64) -> Double?
}

extension BehaviourModel {
    /// Does nothing: a model without a layout worth prefetching.
    @inlinable
    public func prefetch(customer: Int) {}

    /// Every step in time order.
    @inlinable
    public static var stepsAhead: Bool { false }

    /// Every step may change the truth.
    @inlinable
    public func pendingStepChangesTruth(customer: Int) -> Bool { true }

    /// One step at a time.
    @inlinable
    public mutating func stepAhead(customer: Int, at time: Double, before end: Double, events: inout [CustomerEvent],
                                   steps: inout UInt64) -> Double? {
        var now = time
        while true {
            steps &+= 1
            guard let next = step(customer: customer, at: now, events: &events) else { return nil }
            let due = Swift.max(next, now)
            if due >= end || pendingStepChangesTruth(customer: customer) { return due }
            now = due
        }
    }
}
