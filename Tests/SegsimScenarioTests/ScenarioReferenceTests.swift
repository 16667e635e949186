import Foundation
import Testing
import SegsimRandom
import SegsimScenario

/// Ties `scenarios/REFERENCE.md` to the decoder, both ways, so that the page cannot drift:
///
/// - every section documented on the page is probed with an unknown key; the decoder's error lists
///   the keys it knows, and that list must equal the keys the page documents in the section;
/// - every default written as a literal (`` `7d` ``, `` `{}` ``) is set with `--set` and must decode
///   to the same scenario as leaving the key out (inside its section written empty, `section: {}`,
///   whose own literal default `` `{}` `` is checked the same way one level up);
/// - the worked example, the enumerations, the distribution forms and the duration table are checked
///   against the decoder too.
@Suite struct ScenarioReferenceTests {
    /// The repository root, found from this file's location (tests run from any directory).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let referenceURL = root.appendingPathComponent("scenarios/REFERENCE.md")

    /// The unknown key used to make the decoder list the keys it knows.
    static let probeKey = "zz_not_a_key"

    // MARK: - Reading the page

    /// One row of a `| key | type | default | unit / range | meaning |` table.
    struct Row: Sendable, CustomStringConvertible {
        var path: String
        var type: String
        var defaultCell: String
        var line: Int

        var description: String { "REFERENCE.md:\(line) `\(path)`" }
        var segments: [String] { path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        /// The section holding the key (`""` for the top level); `a.b[]` for a key of a list entry.
        var parent: String { segments.dropLast().joined(separator: ".") }
        /// The key's own name within its section.
        var name: String { segments.last ?? "" }
        /// Whether the key sits inside a list entry, where `--set` cannot reach a single key.
        var isInsideList: Bool { path.contains("[]") }

        /// The default as YAML text when the page gives a literal (one code span), nil for a
        /// described default (italic).
        var literalDefault: String? {
            let cell = defaultCell
            guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return nil }
            let inner = cell.dropFirst().dropLast()
            return inner.contains("`") ? nil : String(inner)
        }

        /// Whether the default cell is a literal or an italic description (nothing else is allowed).
        var defaultIsWellFormed: Bool {
            if literalDefault != nil { return true }
            return defaultCell.count >= 3 && defaultCell.hasPrefix("*") && defaultCell.hasSuffix("*")
        }
    }

    /// A markdown table: its header cells and its rows with their 1-based line numbers.
    struct Table {
        var header: [String]
        var rows: [(cells: [String], line: Int)]
    }

    static let keyTableHeader = ["key", "type", "default", "unit / range", "meaning"]

    static func referenceText() throws -> String {
        try String(contentsOf: referenceURL, encoding: .utf8)
    }

    /// The cells of a table line, split at unescaped `|`, with `\|` turned back into `|`.
    static func cells(of line: String) -> [String] {
        var body = Array(line.trimmingCharacters(in: .whitespaces))
        if body.first == "|" { body.removeFirst() }
        if body.last == "|" { body.removeLast() }
        var cells: [String] = []
        var current = ""
        var index = 0
        while index < body.count {
            let character = body[index]
            if character == "\\", index + 1 < body.count, body[index + 1] == "|" {
                current.append("|")
                index += 2
                continue
            }
            if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// Every table of `text` (a header line, a `|---|` line, then rows).
    static func tables(in text: String) -> [Table] {
        let lines = text.components(separatedBy: "\n")
        var tables: [Table] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|"), index + 1 < lines.count, lines[index + 1].trimmingCharacters(in: .whitespaces).hasPrefix("|---") {
                var table = Table(header: cells(of: line).map { $0.lowercased() }, rows: [])
                index += 2
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    table.rows.append((cells(of: lines[index]), index + 1))
                    index += 1
                }
                tables.append(table)
            } else {
                index += 1
            }
        }
        return tables
    }

    /// The documented keys, and a description of every malformed key row.
    static func keyRows(in text: String) -> (rows: [Row], problems: [String]) {
        var rows: [Row] = []
        var problems: [String] = []
        for table in tables(in: text) where table.header == keyTableHeader {
            for (cells, line) in table.rows {
                guard cells.count == 5 else {
                    problems.append("REFERENCE.md:\(line): expected 5 cells, found \(cells.count)")
                    continue
                }
                let key = cells[0]
                guard key.count > 2, key.hasPrefix("`"), key.hasSuffix("`"), !key.dropFirst().dropLast().contains("`") else {
                    problems.append("REFERENCE.md:\(line): the key cell must be one dotted path in backticks, found '\(key)'")
                    continue
                }
                let row = Row(path: String(key.dropFirst().dropLast()), type: cells[1], defaultCell: cells[2], line: line)
                if !row.defaultIsWellFormed {
                    problems.append("\(row): the default must be a `literal` or an *italic* description, found '\(row.defaultCell)'")
                }
                if row.segments.contains(where: { $0.isEmpty }) || row.path.hasSuffix("[]") {
                    problems.append("\(row): malformed path")
                }
                rows.append(row)
            }
        }
        return (rows, problems)
    }

    static func documentedRows() throws -> [Row] {
        try keyRows(in: referenceText()).rows
    }

    // MARK: - Loading scenarios

    /// A fresh folder holding the minimal scenario `name: ref`; returns the file's path.
    static func minimalScenario() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segsim-reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("ref.yaml")
        try "name: ref\n".write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Removes the folder that ``minimalScenario()`` made for `file`.
    static func removeScratch(_ file: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: file).deletingLastPathComponent())
    }

    /// The scenario at `file` with the `--set` arguments `sets`, or the error it is refused with.
    static func load(_ file: String, _ sets: [String]) -> Result<Scenario, ScenarioError> {
        do throws(ScenarioError) {
            var overrides: [ScenarioOverride] = []
            for text in sets { overrides.append(try ScenarioOverride(parsing: text)) }
            return .success(try ScenarioLoader.load(path: file, overrides: overrides))
        } catch {
            return .failure(error)
        }
    }

    /// The `--set` argument that puts the unknown probe key into `section` (`""`: the top level;
    /// `a.b[]`, `a.b[].c`: inside the first entry of the list `a.b`).
    static func probe(_ section: String) -> String {
        guard let list = section.range(of: "[]") else {
            return section.isEmpty ? "\(probeKey)=1" : "\(section).\(probeKey)=1"
        }
        let inside = section[list.upperBound...].split(separator: ".").map(String.init) + [probeKey]
        let entry = inside.reversed().reduce("1") { value, key in "{ \(key): \(value) }" }
        return "\(section[..<list.lowerBound])=[\(entry)]"
    }

    /// The names the decoder lists in `message`: `known keys: a, b` (a mapping) or
    /// `expected one of a, b; got …` (a word or a one-key mapping).
    static func decoderNames(in message: String) -> (names: [String], oneOf: Bool)? {
        if let known = message.range(of: "known keys: ") {
            return (message[known.upperBound...].components(separatedBy: ", "), false)
        }
        if let start = message.range(of: "expected one of "),
           let end = message.range(of: "; got", range: start.upperBound..<message.endIndex) {
            return (message[start.upperBound..<end.lowerBound].components(separatedBy: ", "), true)
        }
        return nil
    }

    static func depth(_ section: String) -> Int {
        section.isEmpty ? 0 : section.split(separator: ".").count
    }

    // MARK: - The page is well formed

    @Test func referenceTablesAreWellFormed() throws {
        let (rows, problems) = Self.keyRows(in: try Self.referenceText())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(rows.count > 100, "only \(rows.count) key rows parsed from REFERENCE.md")
        var seen: [String: Int] = [:]
        for row in rows {
            if let first = seen[row.path] { Issue.record("\(row) is documented twice (first at line \(first))") }
            seen[row.path] = row.line
        }
        // A literal default inside a list entry could not be checked with `--set`.
        for row in rows where row.isInsideList && row.literalDefault != nil {
            Issue.record("\(row): a key inside a list entry cannot have a literal default (it cannot be checked)")
        }
    }

    // MARK: - Doc ⇄ decoder: the keys

    /// Every section's keys, as the decoder lists them, are exactly the documented ones.
    @Test func everySectionDocumentsExactlyTheDecodersKeys() throws {
        let rows = try Self.documentedRows()
        let file = try Self.minimalScenario()
        defer { Self.removeScratch(file) }
        let bySection = Dictionary(grouping: rows, by: \.parent)
        let rowByPath = Dictionary(rows.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        for section in bySection.keys.sorted(by: { (Self.depth($0), $0) < (Self.depth($1), $1) }) {
            let children = bySection[section] ?? []
            let probe = Self.probe(section)
            let expectedPath = section.replacingOccurrences(of: "[]", with: "[0]")
            let error: ScenarioError
            switch Self.load(file, [probe]) {
            case .success:
                Issue.record("`--set \(probe)` was accepted: section `\(section)` does not reject unknown keys")
                continue
            case let .failure(failure):
                error = failure
            }
            guard error.message.contains("'\(Self.probeKey)'"), error.path == expectedPath,
                  let (known, oneOf) = Self.decoderNames(in: error.message) else {
                Issue.record("`--set \(probe)` did not list the keys of `\(section.isEmpty ? "(top level)" : section)`: \(error)")
                continue
            }
            let documented = Set(children.map(\.name))
            let sectionType = rowByPath[section]?.type ?? ""
            for name in known where !documented.contains(name) {
                // A one-of value may also be a plain word (`flat`), documented in the section's type.
                if oneOf, sectionType.contains("`\(name)`") { continue }
                let full = section.isEmpty ? name : "\(section).\(name)"
                Issue.record("the decoder knows `\(full)` but REFERENCE.md does not document it (decoder: \(error.message))")
            }
            for row in children where !known.contains(row.name) {
                Issue.record("\(row) is documented but the decoder does not know it; it knows: \(known.joined(separator: ", "))")
            }
        }
    }

    // MARK: - Doc ⇄ decoder: the defaults

    /// Setting a key to its documented literal default changes nothing: the scenario equals the one
    /// with the key left out of its (empty) section.
    @Test func documentedDefaultsAreTheDecodersDefaults() throws {
        let rows = try Self.documentedRows()
        let file = try Self.minimalScenario()
        defer { Self.removeScratch(file) }
        var checked = 0
        for row in rows where !row.isInsideList {
            guard let literal = row.literalDefault else { continue }
            let baselineSets = row.parent.isEmpty ? [] : ["\(row.parent)={}"]
            let setting = "\(row.path)=\(literal)"
            let baseline = Self.load(file, baselineSets)
            let withDefault = Self.load(file, baselineSets + [setting])
            switch (baseline, withDefault) {
            case let (.success(expected), .success(actual)):
                let same = actual == expected
                #expect(same, "\(row): `--set \(setting)` changes the scenario, so `\(literal)` is not the decoder's default")
                checked += 1
            case let (.failure(error), _):
                Issue.record("\(row): the baseline `\(baselineSets.joined(separator: " "))` is refused: \(error)")
            case let (_, .failure(error)):
                Issue.record("\(row): the documented default is refused, `--set \(setting)`: \(error)")
            }
        }
        #expect(checked > 100, "only \(checked) literal defaults checked")
    }

    // MARK: - The rest of the page

    /// The worked example is a valid scenario (with its `base:`), and so is the command under it.
    @Test func workedExampleLoads() throws {
        let text = try Self.referenceText()
        let example = try #require(Self.codeBlock(after: "## A worked example", language: "yaml", in: text))
        let command = try #require(Self.codeBlock(after: "## A worked example", language: "sh", in: text))
        let scratch = try Self.minimalScenario()
        defer { Self.removeScratch(scratch) }
        let folder = URL(fileURLWithPath: scratch).deletingLastPathComponent()
        let file = folder.appendingPathComponent("my-shop.yaml")
        try example.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("scenarios/retail.yaml"),
                                         to: folder.appendingPathComponent("retail.yaml"))
        let sets = Self.setArguments(in: command)
        #expect(!sets.isEmpty, "the example command has no --set")
        let plain = try Self.load(file.path, []).get()
        #expect(plain.name == "my-shop" && plain.retail.customers == 20_000)
        // From `base: retail.yaml`, not written in the example.
        #expect(plain.retail.acquisitionStart == -8 * 7 * 86_400)
        let overridden = try Self.load(file.path, sets).get()
        #expect(overridden != plain)
    }

    /// Every enumeration documented as `` `a` \| `b` `` lists exactly the values the decoder takes.
    @Test func enumeratedValuesMatchTheDecoder() throws {
        let rows = try Self.documentedRows()
        let file = try Self.minimalScenario()
        defer { Self.removeScratch(file) }
        var checked = 0
        for row in rows {
            let words = row.type.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard words.count > 1, words.allSatisfy({ $0.count > 2 && $0.hasPrefix("`") && $0.hasSuffix("`") }) else { continue }
            let values = words.map { String($0.dropFirst().dropLast()) }
            let baselineSets = row.parent.isEmpty ? [] : ["\(row.parent)={}"]
            checked += 1
            guard case let .failure(error) = Self.load(file, baselineSets + ["\(row.path)=zz_not_a_value"]) else {
                Issue.record("\(row): `zz_not_a_value` was accepted")
                continue
            }
            if let (known, _) = Self.decoderNames(in: error.message) {
                #expect(Set(known) == Set(values), "\(row): documented \(values), decoder takes \(known)")
            } else {
                // The decoder does not list them: each documented value must at least be accepted.
                for value in values {
                    if case let .failure(refusal) = Self.load(file, baselineSets + ["\(row.path)=\(value)"]) {
                        Issue.record("\(row): the documented value `\(value)` is refused: \(refusal)")
                    }
                }
            }
        }
        #expect(checked >= 3, "only \(checked) enumerations found")
    }

    /// The distribution table lists exactly the decoder's distributions, each with its parameters.
    @Test func distributionFormsMatchTheDecoder() throws {
        let text = try Self.referenceText()
        let file = try Self.minimalScenario()
        defer { Self.removeScratch(file) }
        let table = try #require(Self.tables(in: text).first { $0.header == ["form", "meaning", "parameters"] })
        var documented: [String: String] = [:]
        for (cells, _) in table.rows {
            let form = cells[0]
            guard form.hasPrefix("`{ "), let colon = form.firstIndex(of: ":") else { continue }
            documented[String(form[form.index(form.startIndex, offsetBy: 3)..<colon])] = form
        }
        let path = "pipeline.consumer.processing"
        guard case let .failure(error) = Self.load(file, ["\(path)={ zz_not_a_key: 1 }"]),
              let known = error.message.range(of: "known: ").map({ error.message[$0.upperBound...].components(separatedBy: ", ") })
        else {
            Issue.record("an unknown distribution did not list the known ones")
            return
        }
        #expect(Set(documented.keys) == Set(known), "documented \(documented.keys.sorted()), decoder knows \(known)")
        for (name, form) in documented where form.hasPrefix("`{ \(name): { ") {
            guard case let .failure(error) = Self.load(file, ["\(path)={ \(name): { zz_not_a_key: 1 } }"]),
                  let expected = error.message.range(of: "expected: ") else {
                Issue.record("`\(name)` with an unknown parameter did not list its parameters")
                continue
            }
            let parameters = error.message[expected.upperBound...].components(separatedBy: ", ")
            let written = form.components(separatedBy: "{ ").last?.components(separatedBy: ", ")
                .compactMap { $0.split(separator: ":").first.map(String.init) } ?? []
            #expect(Set(written) == Set(parameters), "`\(name)`: documented \(written), decoder takes \(parameters)")
        }
    }

    /// Every example in the duration table parses to the seconds it states.
    @Test func durationTableMatchesTheParser() throws {
        let table = try #require(Self.tables(in: try Self.referenceText()).first { $0.header == ["form", "example", "seconds"] })
        var checked = 0
        for (cells, line) in table.rows {
            let examples = cells[1].components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            for example in examples {
                let expected = cells[2] == "as written" ? Double(example) : Double(cells[2].replacingOccurrences(of: ",", with: ""))
                let parsed = try? SimulatedDuration(example).seconds
                #expect(expected != nil && parsed == expected, "REFERENCE.md:\(line): `\(example)` parses to \(String(describing: parsed)), documented \(cells[2])")
                checked += 1
            }
        }
        #expect(checked >= 7)
    }

    // MARK: - Helpers for code blocks

    /// The first fenced block of `language` after the line `heading`.
    static func codeBlock(after heading: String, language: String, in text: String) -> String? {
        guard let start = text.range(of: heading + "\n"),
              let open = text.range(of: "```\(language)\n", range: start.upperBound..<text.endIndex),
              let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// The values of `--set X` / `--set 'X'` in a shell command.
    static func setArguments(in command: String) -> [String] {
        var sets: [String] = []
        var rest = Substring(command)
        while let flag = rest.range(of: "--set ") {
            rest = rest[flag.upperBound...]
            if rest.first == "'", let close = rest.dropFirst().firstIndex(of: "'") {
                sets.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: { $0 == " " || $0 == "\n" }) ?? rest.endIndex
                sets.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return sets
    }
}
