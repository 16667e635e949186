extension Replication {
    /// Every customer's features, score, segment and latent truth at `time` (the end of the run),
    /// for `customers.csv`; the outcomes are added once the last lift snapshot is measured.
    /// - Complexity: O(customers × features).
    func makeCustomerTable(at time: Double) -> CustomerTable {
        let model = stream.model
        let truthColumns = Domain.truthNames.count
        var values: [Double] = [], truth: [Double] = [], trueScores: [Double] = [], latentHigh: [Bool] = []
        values.reserveCapacity(customers * Domain.featureNames.count)
        truth.reserveCapacity(customers * truthColumns)
        trueScores.reserveCapacity(customers)
        latentHigh.reserveCapacity(customers)
        for c in 0..<customers {
            values += Domain.vector(Domain.features(features, customer: c, at: time))
            truth += domain.truthValues(model, customer: c, at: time)
            trueScores.append(domain.trueScore(model, customer: c, at: time))
            latentHigh.append(domain.isLatentHigh(model, customer: c))
        }
        return CustomerTable(
            time: time, featureNames: Domain.featureNames, truthNames: Domain.truthNames,
            segmentNames: segmenter.segmentNames, features: values, scores: book.score, segments: book.segment,
            latentHigh: latentHigh, trueScores: trueScores, truth: truth, outcomes: nil, outcomeSnapshotTime: nil,
            outcomeHorizon: nil)
    }
}
