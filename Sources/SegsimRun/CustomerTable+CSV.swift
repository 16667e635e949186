extension CustomerTable {
    /// The table as CSV: `customer`, the features, `score` (empty without one), `segment` (its
    /// name), `outcome` (0/1, empty without a lift snapshot), `latent_high` (0/1), `true_score`,
    /// then the domain's truth columns.
    public var csv: String {
        var out = "customer," + featureNames.map(CSVTables.quoted).joined(separator: ",")
            + ",score,segment,outcome,latent_high,true_score," + truthNames.map(CSVTables.quoted).joined(separator: ",") + "\n"
        let f = featureNames.count, t = truthNames.count
        out.reserveCapacity(count * (f + t + 6) * 8)
        for c in 0..<count {
            out += String(c)
            for j in 0..<f { out += "," + Self.number(features[c * f + j]) }
            out += "," + (scores[c].isNaN ? "" : "\(scores[c])")
            let s = Int(segments[c])
            out += "," + (s < segmentNames.count ? CSVTables.quoted(segmentNames[s]) : "")
            out += "," + (outcomes.map { $0[c] ? "1" : "0" } ?? "")
            out += latentHigh[c] ? ",1" : ",0"
            out += "," + Self.number(trueScores[c])
            for j in 0..<t { out += "," + Self.number(truth[c * t + j]) }
            out += "\n"
        }
        return out
    }

    /// Integers without a fraction, other numbers in Swift's shortest round-trip form.
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
