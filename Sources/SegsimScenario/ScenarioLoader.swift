import Foundation
import SegsimRandom
import Yams

/// Reads scenario files: YAML → ``Scenario``, every problem a ``ScenarioError`` with file, line,
/// field path and message (never a trap).
public enum ScenarioLoader {
    /// Loads and validates the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try load(path: path, overrides: [])
    }

    /// Decodes and validates a scenario from YAML text; `file` names it in errors.
    public static func decode(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        try decode(tree: compose(yaml, file: file), file: file)
    }

    /// Decodes a composed scenario tree; its `pipeline:` section is merged over the embedded
    /// default pipeline, so a section that sets only `workers` keeps the default service times.
    static func decode(tree root: Node, file: String) throws(ScenarioError) -> Scenario {
        var tree = root
        if case var .mapping(mapping) = root, let pipeline = mapping[Node("pipeline")],
           let defaults = try? Yams.compose(yaml: YAMLEncoder().encode(Scenario.defaultPipeline)) {
            mapping[Node("pipeline")] = merged(pipeline, over: defaults)
            tree = .mapping(mapping)
        }
        do {
            return try YAMLDecoder().decode(Scenario.self, from: tree)
        } catch {
            throw locate(error, in: tree, file: file)
        }
    }

    /// Turns a decoding failure into a located ``ScenarioError``.
    /// The YAML tree of `text`, or a located syntax error; an empty document is an error.
    static func compose(_ text: String, file: String) throws(ScenarioError) -> Node {
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, path: "", message: "is empty; a scenario needs at least `name:`")
            }
            return composed
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ScenarioError(file: file, path: "", message: "\(error)")
        }
    }

    static func locate(_ error: any Error, in root: Node, file: String) -> ScenarioError {
        if let problem = DistributionError(unwrapping: error) {
            let path = problem.path
            let mark = deepestMark(root, path: fieldPath(path, problem.message)) ?? deepestMark(root, path: path)
            return ScenarioError(file: file, line: mark?.line, column: mark?.column, path: path, message: problem.message)
        }
        guard let decoding = error as? DecodingError else {
            return ScenarioError(file: file, path: "", message: "\(error)")
        }
        let (codingPath, message): ([any CodingKey], String) = switch decoding {
        case let .typeMismatch(type, context): (context.codingPath, "expected \(describe(type)); \(context.debugDescription)")
        case let .valueNotFound(type, context): (context.codingPath, "expected \(describe(type)), found nothing")
        case let .keyNotFound(key, context): (context.codingPath, "missing required key '\(key.stringValue)'")
        case let .dataCorrupted(context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "\(decoding)")
        }
        let path = DistributionError.render(codingPath: codingPath)
        let mark = deepestMark(root, path: path)
        return ScenarioError(file: file, line: mark?.line, column: mark?.column, path: path, message: message)
    }

    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ScenarioError(file: file, line: mark.line, column: mark.column, path: "", message: "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ScenarioError(file: file, line: context.mark.line, column: context.mark.column, path: "",
                                 message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return ScenarioError(file: file, path: "", message: "YAML: \(error)")
        }
    }

    /// The field named at the start of a problem message (`purchases.alpha must be …`), appended to
    /// the section path, so the line points at the value rather than at its section.
    private static func fieldPath(_ path: String, _ message: String) -> String {
        guard let field = message.split(separator: " ").first.map(String.init),
              field.allSatisfy({ $0.isLetter || $0.isNumber || "._[]".contains($0) }) else { return path }
        return path.isEmpty ? field : path + "." + field
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is UInt64.Type, is UInt32.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: "\(type)"
        }
    }

    /// The YAML position of the deepest node along `path` (`a.b[2].c`) that exists.
    static func deepestMark(_ root: Node, path: String) -> Mark? {
        var node = root
        var mark = root.mark
        var components: [String] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                components.append(String(rest[..<bracket]))
                rest = rest[bracket...]
                while let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]") {
                    components.append(String(rest[open...close]))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(String(rest))
            }
        }
        for component in components where !component.isEmpty {
            let next: Node?
            if component.hasPrefix("["), let index = Int(component.dropFirst().dropLast()) {
                next = node.sequence.flatMap { index < $0.count ? $0[index] : nil }
            } else {
                next = node[component]
            }
            guard let next else { break }
            node = next
            mark = next.mark ?? mark
        }
        return mark
    }
}
