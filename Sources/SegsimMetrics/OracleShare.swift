/// How much of the oracle's lift a strategy achieves: (strategy − 1) / (oracle − 1).
///
/// 1 means the strategy's top segment is as concentrated as the ground-truth one, 0 no better
/// than random. Not applicable when the oracle's lift is at most 1 (nothing to achieve).
public func oracleShare(strategyTopLift: Double, oracleTopLift: Double) -> MetricValue {
    guard strategyTopLift.isFinite, oracleTopLift.isFinite else {
        return .notApplicable(reason: "lifts must be finite")
    }
    guard oracleTopLift > 1 else {
        return .notApplicable(reason: "the oracle's top lift is \(oracleTopLift), not above 1")
    }
    return .value((strategyTopLift - 1) / (oracleTopLift - 1))
}

/// ``oracleShare(strategyTopLift:oracleTopLift:)`` of lifts that may not apply; not applicable
/// when either does not.
public func oracleShare(strategyTopLift: MetricValue, oracleTopLift: MetricValue) -> MetricValue {
    switch (strategyTopLift, oracleTopLift) {
    case let (.value(strategy), .value(oracle)): oracleShare(strategyTopLift: strategy, oracleTopLift: oracle)
    case (.notApplicable, _): strategyTopLift
    case (_, .notApplicable): oracleTopLift
    }
}
