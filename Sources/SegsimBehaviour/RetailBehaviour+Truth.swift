/// One retail customer's ground truth: latent parameters and the BTYD summary, never visible to
/// the pipeline, kept for evaluation and export.
public struct RetailTruth: Sendable, Equatable {
    /// Dense customer id.
    public var customer: Int
    /// Time of the first order, seconds from the epoch.
    public var joined: Double
    /// Latent transaction rate λ, orders per week while alive (before intent and time multipliers).
    public var purchaseRatePerWeek: Double
    /// Latent dropout probability p after each repeat order.
    public var dropoutProbability: Double
    /// Latent Gamma-Gamma spend rate ν (expected order value p/ν).
    public var spendRate: Double
    /// Latent browsing sessions per week at intent multiplier 1.
    public var sessionsPerWeek: Double
    /// Whether the customer is still active (has not dropped out).
    public var alive: Bool
    /// Current latent intent.
    public var intent: IntentLevel
    /// BTYD frequency x: repeat orders so far.
    public var frequency: Int
    /// BTYD recency t_x: weeks from the first to the latest order (0 without repeats).
    public var recencyWeeks: Double
    /// BTYD age T: weeks from the first order to the time asked about.
    public var ageWeeks: Double
    /// Mean value of the repeat orders, `nil` without repeats (the Gamma-Gamma convention).
    public var monetaryMean: Double?
}

extension RetailBehaviour {
    /// The truth of `customer` as of virtual time `time` (for the BTYD age T).
    public func truth(of customer: Int, at time: Double) -> RetailTruth {
        let week = RetailParameters.secondsPerWeek
        let x = Int(repeatOrderCount(customer))
        return RetailTruth(
            customer: customer,
            joined: Double(joinedTime(customer)),
            purchaseRatePerWeek: latentPurchaseRate(customer) * week,
            dropoutProbability: latentDropout(customer),
            spendRate: latentSpendRate(customer),
            sessionsPerWeek: latentSessionRate(customer) * week,
            alive: isActive(customer),
            intent: intent(of: customer),
            frequency: x,
            recencyWeeks: x > 0 ? (Double(lastOrderTime(customer)) - Double(joinedTime(customer))) / week : 0,
            ageWeeks: max(0, time - Double(joinedTime(customer))) / week,
            monetaryMean: x > 0 ? repeatOrderSpend(customer) / Double(x) : nil
        )
    }
}
