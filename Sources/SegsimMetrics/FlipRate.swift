/// The share of customers whose segment changed between two snapshots of the same customers.
///
/// The simplest stability measure: 0 means nobody moved. Not applicable to empty snapshots.
/// - Throws: ``MetricError/mismatchedLengths(field:expected:actual:)`` when the snapshots differ
///   in length.
/// - Complexity: O(n).
public func flipRate(previous: [UInt8], current: [UInt8]) throws(MetricError) -> MetricValue {
    try validateLength(current.count, expected: previous.count, field: "current")
    guard !previous.isEmpty else { return .notApplicable(reason: "no customers") }
    var changed = 0
    previous.withUnsafeBufferPointer { before in
        current.withUnsafeBufferPointer { after in
            for i in 0..<before.count { changed &+= before[i] == after[i] ? 0 : 1 }
        }
    }
    return .value(Double(changed) / Double(previous.count))
}
