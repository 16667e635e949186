/// A sweep: a scenario, its fixed overrides, the axes to vary and the objectives to meet. Points
/// are the cartesian product of the axes, numbered with the last axis varying fastest; every point
/// runs with the scenario's seed, so all points see the same customers (common random numbers).
///
/// The *load axis* (`load.multiplier` when varied) is what capacity is measured in; the other axes
/// form the resource configurations. A configuration's **capacity** is the highest load at which
/// it meets every objective (and every lower load too); a load's **demand** is the first
/// configuration, in the order the axes list their values, that meets every objective there.
public struct SweepPlan: Sendable, Equatable, Codable {
    /// Version of `sweep.json`.
    public static let schemaVersion = 1

    /// Schema version of this plan.
    public var schema = SweepPlan.schemaVersion
    /// The scenario file.
    public var scenarioFile: String
    /// The scenario's name.
    public var scenarioName: String
    /// The seed every point runs with.
    public var seed: UInt64
    /// `--set` overrides applied to every point, as written.
    public var overrides: [String]
    /// The varied axes.
    public var axes: [SweepAxis]
    /// The objectives every point is judged against.
    public var objectives: [ServiceLevelObjective]
    /// Index into `axes` of the load axis, if one is varied.
    public var loadAxis: Int?

    /// The default load axis: the scenario's load multiplier.
    public static let loadKey = "load.multiplier"

    /// A plan; the load axis is the one named `load.multiplier`.
    /// - Throws: ``RunError`` when an axis is repeated or the grid is empty or too large.
    public init(scenarioFile: String, scenarioName: String, seed: UInt64, overrides: [String],
                axes: [SweepAxis], objectives: [ServiceLevelObjective]) throws(RunError) {
        guard !axes.isEmpty else {
            throw RunError(path: "--vary", message: "nothing to sweep: give at least one --vary key.path=values")
        }
        let keys = axes.map(\.key)
        if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
            throw RunError(path: "--vary", message: "'\(repeated)' is varied twice; list all its values in one --vary")
        }
        let count = axes.reduce(1) { $0 * $1.values.count }
        guard count <= 100_000 else {
            throw RunError(path: "--vary", message: "the grid has \(count) points; at most 100000")
        }
        loadAxis = keys.firstIndex(of: Self.loadKey)
        if let loadAxis, axes[loadAxis].numbers == nil {
            throw RunError(path: "--vary \(Self.loadKey)", message: "load multipliers must be numbers")
        }
        self.scenarioFile = scenarioFile
        self.scenarioName = scenarioName
        self.seed = seed
        self.overrides = overrides
        self.axes = axes
        self.objectives = objectives
    }

    /// Number of points in the grid.
    public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The value index on each axis of point `index` (last axis fastest).
    public func coordinates(of index: Int) -> [Int] {
        var rest = index
        var result = [Int](repeating: 0, count: axes.count)
        for a in axes.indices.reversed() {
            result[a] = rest % axes[a].values.count
            rest /= axes[a].values.count
        }
        return result
    }

    /// The point with the given value index on each axis.
    public func index(of coordinates: [Int]) -> Int {
        zip(axes, coordinates).reduce(0) { $0 * $1.0.values.count + $1.1 }
    }

    /// The `--set` overrides of point `index`: the plan's own, then one per axis.
    public func settings(of index: Int) -> [String] {
        overrides + zip(axes, coordinates(of: index)).map { "\($0.key)=\($0.values[$1])" }
    }

    /// The point's axis values as `key=value` labels.
    public func label(of index: Int) -> String {
        zip(axes, coordinates(of: index)).map { "\($0.key)=\($0.values[$1])" }.joined(separator: " ")
    }

    /// The load of point `index` (1 when no load axis is varied).
    public func load(of index: Int) -> Double {
        guard let loadAxis else { return 1 }
        return axes[loadAxis].numbers?[coordinates(of: index)[loadAxis]] ?? 1
    }

    /// The resource configurations: every combination of the non-load axes, in grid order, each
    /// with its points ordered by increasing load.
    public var configurations: [[Int]] {
        var groups: [[Int]] = []
        var seen: [[Int]: Int] = [:]
        for index in 0..<pointCount {
            var key = coordinates(of: index)
            if let loadAxis { key[loadAxis] = 0 }
            if let group = seen[key] {
                groups[group].append(index)
            } else {
                seen[key] = groups.count
                groups.append([index])
            }
        }
        return groups.map { $0.sorted { load(of: $0) < load(of: $1) } }
    }

    /// A configuration's label: its non-load axis values (or `scenario` when only the load varies).
    public func configurationLabel(of index: Int) -> String {
        let parts = zip(axes, coordinates(of: index)).enumerated()
            .filter { $0.offset != loadAxis }.map { "\($0.element.0.key)=\($0.element.0.values[$0.element.1])" }
        return parts.isEmpty ? "scenario" : parts.joined(separator: " ")
    }

    /// The points run by shard `shard` of `shards` (1-based): every point whose index ≡ shard − 1.
    public func points(shard: Int, of shards: Int) -> [Int] {
        Array(stride(from: shard - 1, to: pointCount, by: shards))
    }
}
