import Foundation
import SegsimRandom
import Yams

/// One `--set key.path=value` override: the value is YAML (`16`, `5m`, `{ micro_batch: 5m }`).
public struct ScenarioOverride: Sendable, Equatable {
    /// Dotted path of mapping keys, e.g. `pipeline.workers`.
    public var path: [String]
    /// The YAML text of the new value.
    public var value: String

    /// Parses `key.path=value`.
    /// - Throws: ``ScenarioError`` naming `--set` when there is no `=` or the path is empty.
    public init(parsing text: String) throws(ScenarioError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioError(file: "--set", path: "", message: "expected key.path=value, got '\(text)'")
        }
        let keys = text[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw ScenarioError(file: "--set", path: "", message: "expected key.path=value, got '\(text)'")
        }
        path = keys
        value = String(text[text.index(after: equals)...])
    }
}

extension ScenarioLoader {
    /// Loads a scenario file, resolving its `base:` chain and applying `overrides` in order.
    /// - Throws: ``ScenarioError`` with the file, line and field of the first problem.
    public static func load(path: String, overrides: [ScenarioOverride]) throws(ScenarioError) -> Scenario {
        var root = try composedTree(path: path, visited: [])
        for override in overrides {
            let value: Node
            do {
                value = try Yams.compose(yaml: override.value) ?? Node("")
            } catch {
                throw ScenarioError(file: "--set", path: override.path.joined(separator: "."),
                                    message: "the value '\(override.value)' is not valid YAML")
            }
            root = setting(value, at: override.path[...], in: root)
        }
        do {
            return try decode(tree: root, file: path)
        } catch {
            // A problem inside a value given with --set is reported against that --set: line and
            // column would be positions in its text, not in the file.
            let problem = error.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            // Errors of some sections name the section as the path and the field in the message.
            func caused(by override: ScenarioOverride) -> Bool {
                problem.starts(with: override.path) || (override.path.starts(with: problem)
                    && error.message.contains(override.path.dropFirst(problem.count).joined(separator: ".")))
            }
            guard let culprit = overrides.last(where: caused) else { throw error }
            throw ScenarioError(file: "\(path) with --set \(culprit.path.joined(separator: "."))=\(culprit.value)",
                                path: error.path, message: error.message)
        }
    }

    /// The file's YAML tree with its `base:` file (relative to the file's folder) merged under it:
    /// mappings merge key by key, anything else in the file replaces the base's value.
    static func composedTree(path: String, visited: [String]) throws(ScenarioError) -> Node {
        guard !visited.contains(path) else {
            throw ScenarioError(file: path, path: "base", message: "includes itself: \((visited + [path]).joined(separator: " → "))")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, path: "", message: "cannot read the file (does it exist? is it UTF-8 text?)")
        }
        let node = try compose(text, file: path)
        guard case var .mapping(mapping) = node, let baseNode = mapping[Node("base")] else { return node }
        guard let baseName = baseNode.string else {
            throw ScenarioError(file: path, line: baseNode.mark?.line, column: baseNode.mark?.column, path: "base",
                                message: "expected the path of a scenario file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let basePath = baseName.hasPrefix("/") || folder.isEmpty ? baseName : folder + "/" + baseName
        mapping[Node("base")] = nil
        return merged(.mapping(mapping), over: try composedTree(path: basePath, visited: visited + [path]))
    }

    /// `top` merged over `bottom`: mappings key by key, anything else replaced. A one-of value
    /// (`{ exponential: … }`, `{ sinusoid: … }`, `{ nightly: 2h }`) on either side is replaced whole:
    /// it is one value, not a section, so the base's form must not survive beside the new one (nor
    /// beside a misspelt one, which must be reported as such). The result keeps `top`'s position,
    /// so errors inside it point at the file that wrote it.
    static func merged(_ top: Node, over bottom: Node) -> Node {
        func isOneOf(_ mapping: Node.Mapping) -> Bool { mapping.keys.contains { $0.string.map(oneOfForms.contains) ?? false } }
        guard case let .mapping(over) = top, case var .mapping(result) = bottom, !isOneOf(over), !isOneOf(result) else { return top }
        for (key, value) in over {
            result[key] = result[key].map { merged(value, over: $0) } ?? value
        }
        result.mark = over.mark
        return .mapping(result)
    }

    /// The names of the forms of one-of values: service-time distributions, daily cycles, cadences.
    static let oneOfForms = Set(ServiceTimeDistribution.knownNames + ["flat", "sinusoid", "hourly", "streaming", "micro_batch", "nightly"])

    /// `tree` with the value at `path` replaced by `value` (missing mappings are created).
    static func setting(_ value: Node, at path: ArraySlice<String>, in tree: Node) -> Node {
        guard let key = path.first else { return value }
        var mapping: Node.Mapping
        if case let .mapping(existing) = tree { mapping = existing } else { mapping = Node.Mapping([]) }
        let child = mapping[Node(key)] ?? .mapping(Node.Mapping([]))
        mapping[Node(key)] = setting(value, at: path.dropFirst(), in: child)
        return .mapping(mapping)
    }
}
