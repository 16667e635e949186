/// The conventional reading of a population stability index.
///
/// Below 0.1 the segment mix is stable, 0.1 to 0.25 a moderate shift worth watching, above 0.25
/// a significant shift (the segmentation or the population has changed).
public enum PopulationShift: String, Sendable, Hashable, Codable, CaseIterable {
    /// PSI < 0.1.
    case stable
    /// 0.1 ≤ PSI ≤ 0.25.
    case moderate
    /// PSI > 0.25.
    case significant

    /// Classifies a PSI value by the conventional thresholds 0.1 and 0.25.
    public init(populationStabilityIndex psi: Double) {
        if psi < 0.1 {
            self = .stable
        } else if psi <= 0.25 {
            self = .moderate
        } else {
            self = .significant
        }
    }

    /// Classifies a PSI metric, or returns `nil` when it does not apply.
    public init?(_ psi: MetricValue) {
        guard let x = psi.number else { return nil }
        self.init(populationStabilityIndex: x)
    }
}
