/// Capacity and demand from a sweep's points, as the scalability-benchmarking literature defines
/// them (Henning & Hasselbring, Theodolite): a configuration's capacity is the highest load it
/// handles while meeting every objective; a load's demand is the smallest configuration that does.
public struct SweepAnalysis: Sendable, Equatable, Codable {
    /// One resource configuration and its capacity.
    public struct Capacity: Sendable, Equatable, Codable {
        /// The configuration's non-load axis values.
        public var configuration: String
        /// Highest load meeting every objective with every lower evaluated load meeting them too;
        /// nil when the lowest evaluated load already fails.
        public var capacity: Double?
        /// Whether the highest load of the grid passed (the capacity is at least that, maybe more).
        public var atLeast: Bool
        /// Loads evaluated for this configuration (all of them in a grid, ~log₂ n in a search).
        public var evaluatedLoads: [Double]
        /// Whether a load above the first failure passed again (noise or a non-monotone effect).
        public var nonMonotone: Bool
    }

    /// One load and its demand.
    public struct Demand: Sendable, Equatable, Codable {
        /// The load.
        public var load: Double
        /// The first configuration (in the axes' order) whose capacity covers the load; nil if none does.
        public var configuration: String?
        /// Its position among the configurations, from 0.
        public var configurationIndex: Int?
    }

    /// Per configuration, in grid order.
    public var capacities: [Capacity]
    /// Per load, increasing.
    public var demands: [Demand]

    /// Analyses the `points` that were run (a grid, a shard set or a search's subset).
    public init(plan: SweepPlan, points: [SweepPointResult]) {
        let byIndex = Dictionary(points.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        capacities = plan.configurations.map { group in
            let evaluated = group.compactMap { byIndex[$0] }
            var capacity: Double?
            var failed = false, nonMonotone = false
            for point in evaluated {
                if point.meetsObjectives {
                    if failed { nonMonotone = true } else { capacity = point.load }
                } else {
                    failed = true
                }
            }
            return Capacity(configuration: plan.configurationLabel(of: group[0]), capacity: capacity,
                            atLeast: !failed && evaluated.last?.index == group.last,
                            evaluatedLoads: evaluated.map(\.load), nonMonotone: nonMonotone)
        }
        let loads = plan.loadAxis.flatMap { plan.axes[$0].numbers }.map { Array(Set($0)).sorted() } ?? [1]
        let capacities = capacities
        demands = loads.map { load in
            let first = capacities.firstIndex { ($0.capacity ?? -.infinity) >= load }
            return Demand(load: load, configuration: first.map { capacities[$0].configuration }, configurationIndex: first)
        }
    }
}
