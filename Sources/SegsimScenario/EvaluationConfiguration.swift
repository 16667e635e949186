import SegsimBehaviour
import SegsimRandom

/// What a run measures and how often.
///
/// ```yaml
/// evaluation:
///   horizon: 7d          # outcome window after each lift snapshot (retail: a purchase within it)
///   snapshot_every: 1h   # stability snapshots: flip rate, ARI, PSI, transitions, dwell
///   lift_every: 1d       # lift snapshots; each keeps ~6 bytes per customer until its horizon has passed
///   window: 1h           # width of the rows of timeseries.csv
///   slo: 2s              # latency bound for SLO compliance (share of events segmented within it)
///   warmup: 0            # a duration, or `auto` (MSER-5 on the windowed end-to-end latency)
///   customers_csv: false # also write customers.csv (features, score, segment, outcome, latent truth)
///   trace_customers: 0   # write trace.csv: every delivery of customers 0..<n with its stage times
/// ```
public struct EvaluationConfiguration: Sendable, Equatable {
    /// How the start of the run that is discarded from latency statistics is chosen.
    public enum Warmup: Sendable, Equatable {
        /// A fixed period in seconds.
        case fixed(seconds: Double)
        /// MSER-5 on the per-window mean end-to-end latency, reported with the chosen cut.
        case automatic
    }

    /// Outcome window after a lift snapshot, seconds.
    public var horizon = 7 * 86_400.0
    /// Interval between stability snapshots, seconds.
    public var snapshotEvery = 3_600.0
    /// Interval between lift snapshots, seconds.
    public var liftEvery = 86_400.0
    /// Width of a time-series window, seconds.
    public var window = 3_600.0
    /// Latency bound of the SLO, seconds.
    public var slo = 2.0
    /// The warm-up period.
    public var warmup = Warmup.fixed(seconds: 0)
    /// Whether to write the per-customer audit table.
    public var customersCSV = false
    /// Customers `0..<traceCustomers` have every delivery written to `trace.csv` (0: no trace).
    public var traceCustomers = 0

    /// The defaults.
    public init() {}
}

extension EvaluationConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case horizon, snapshotEvery = "snapshot_every", liftEvery = "lift_every", window, slo, warmup
        case customersCSV = "customers_csv", traceCustomers = "trace_customers"
    }

    /// Decodes and validates; missing keys take the defaults.
    public init(from decoder: any Decoder) throws {
        let (c, path) = try ConfigurationCoding.container(decoder, CodingKeys.self)
        self.init()
        horizon = try c.value(.horizon, SimulatedDuration(seconds: horizon)).seconds
        snapshotEvery = try c.value(.snapshotEvery, SimulatedDuration(seconds: snapshotEvery)).seconds
        liftEvery = try c.value(.liftEvery, SimulatedDuration(seconds: liftEvery)).seconds
        window = try c.value(.window, SimulatedDuration(seconds: window)).seconds
        slo = try c.value(.slo, SimulatedDuration(seconds: slo)).seconds
        if c.contains(.warmup) {
            if let word = try? c.decode(String.self, forKey: .warmup), word == "auto" {
                warmup = .automatic
            } else {
                warmup = .fixed(seconds: try c.decode(SimulatedDuration.self, forKey: .warmup).seconds)
            }
        }
        customersCSV = try c.value(.customersCSV, customersCSV)
        traceCustomers = try c.value(.traceCustomers, traceCustomers)
        try validate(at: path)
    }

    /// Checks the values, naming the field.
    public func validate(at path: String = "evaluation") throws(DistributionError) {
        try DistributionError.requirePositive(horizon, "horizon", at: path)
        try DistributionError.requirePositive(snapshotEvery, "snapshot_every", at: path)
        try DistributionError.requirePositive(liftEvery, "lift_every", at: path)
        try DistributionError.requirePositive(window, "window", at: path)
        try DistributionError.requirePositive(slo, "slo", at: path)
        guard traceCustomers >= 0 else {
            throw DistributionError(path: path + ".trace_customers", .invalid(reason: "must be ≥ 0, got \(traceCustomers)"))
        }
        guard liftEvery >= snapshotEvery else {
            throw DistributionError(path: path, .invalid(reason:
                "lift_every (\(SimulatedDuration(seconds: liftEvery).text)) must be at least snapshot_every (\(SimulatedDuration(seconds: snapshotEvery).text))"))
        }
    }

    /// Encodes in the configuration form (durations in seconds).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(horizon, forKey: .horizon)
        try c.encode(snapshotEvery, forKey: .snapshotEvery)
        try c.encode(liftEvery, forKey: .liftEvery)
        try c.encode(window, forKey: .window)
        try c.encode(slo, forKey: .slo)
        switch warmup {
        case let .fixed(seconds): try c.encode(seconds, forKey: .warmup)
        case .automatic: try c.encode("auto", forKey: .warmup)
        }
        try c.encode(customersCSV, forKey: .customersCSV)
        if traceCustomers > 0 { try c.encode(traceCustomers, forKey: .traceCustomers) }
    }
}
