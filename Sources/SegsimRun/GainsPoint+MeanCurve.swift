import SegsimMetrics

extension GainsPoint {
    /// The pointwise mean of gains curves on ``standardGrid`` (curves of another length, e.g. from
    /// a snapshot without outcomes, are left out); empty when none remains.
    static func meanCurve(_ curves: [[Double]]) -> [Double] {
        let usable = curves.filter { $0.count == standardGrid.count }
        guard !usable.isEmpty else { return [] }
        return standardGrid.indices.map { i in usable.reduce(0) { $0 + $1[i] } / Double(usable.count) }
    }
}
