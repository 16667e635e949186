import Foundation
import SegsimRandom
import Testing
import Yams

/// A scenario fragment, so that errors can be checked for their coding path.
private struct Horizon: Codable {
    var horizon: SimulatedDuration
}

@Suite("Simulated durations")
struct SimulatedDurationTests {
    /// Every unit, fractions, spaces and plain seconds, with the seconds each stands for.
    static let forms: [(text: String, seconds: Double)] = [
        ("250ms", 0.25), ("90s", 90), ("15m", 900), ("36h", 129_600), ("2d", 172_800), ("1w", 604_800),
        ("1.5h", 5_400), ("2 d", 172_800), (" 0.5w ", 302_400), (".5m", 30), ("3.", 3), ("45", 45), ("0s", 0),
        ("1ms", 0.001),
    ]

    @Test("every unit parses, with fractions, spaces and plain seconds")
    func parse() throws {
        for form in Self.forms {
            // Exact: one multiplication or division by a unit, each correctly rounded.
            #expect(try SimulatedDuration(form.text).seconds == form.seconds, "\(form.text)")
        }
    }

    @Test("YAML and JSON decode numbers as seconds and strings with units")
    func decode() throws {
        for form in Self.forms {
            let yaml = try YAMLDecoder().decode(Horizon.self, from: "horizon: \"\(form.text)\"\n")
            #expect(yaml.horizon.seconds == form.seconds, "\(form.text)")
            let json = try JSONDecoder().decode(Horizon.self, from: Data(#"{"horizon": "\#(form.text)"}"#.utf8))
            #expect(json.horizon.seconds == form.seconds, "\(form.text)")
        }
        #expect(try YAMLDecoder().decode(Horizon.self, from: "horizon: 36h\n").horizon.seconds == 129_600)
        #expect(try YAMLDecoder().decode(Horizon.self, from: "horizon: 2 d\n").horizon.seconds == 172_800)
        #expect(try YAMLDecoder().decode(Horizon.self, from: "horizon: 90\n").horizon.seconds == 90)
        #expect(try JSONDecoder().decode(Horizon.self, from: Data(#"{"horizon": 0.25}"#.utf8)).horizon.seconds == 0.25)
    }

    @Test("a duration encodes as a number of seconds and decodes back to itself")
    func encode() throws {
        let value = Horizon(horizon: try SimulatedDuration("1.5h"))
        let json = try JSONEncoder().encode(value)
        #expect(String(decoding: json, as: UTF8.self) == #"{"horizon":5400}"#)
        #expect(try JSONDecoder().decode(Horizon.self, from: json).horizon == value.horizon)
        let yaml = try YAMLEncoder().encode(value)
        #expect(try YAMLDecoder().decode(Horizon.self, from: yaml).horizon == value.horizon)
    }

    /// The accepted units, as every bad-duration message lists them.
    static let units = "write seconds ≥ 0 as a number, or a number with a unit ms, s, m (minutes), h, d or w, "
        + "e.g. 250ms, 90s, 1.5h, 2 d"

    @Test("bad durations are rejected with the path, the quoted text and the accepted units",
          arguments: ["5 parsecs", "-1h", "", "h", "1.2.3h", "1e3s", "inf", "2 dd", "1hh", "1 h 2"])
    func reject(text: String) throws {
        let message = "horizon: '\(text)' is not a duration: \(Self.units)"
        let yaml = "horizon: \"\(text)\"\n"
        // Decoding a composed node passes the error through; decoding the string wraps it.
        let node = try #require(try Yams.compose(yaml: yaml))
        #expect {
            _ = try YAMLDecoder().decode(Horizon.self, from: node)
        } throws: { error in
            (error as? DistributionError)?.description == message
        }
        #expect {
            _ = try YAMLDecoder().decode(Horizon.self, from: yaml)
        } throws: { error in
            DistributionError(unwrapping: error)?.description == message
        }
        #expect {
            _ = try JSONDecoder().decode(Horizon.self, from: Data(#"{"horizon": "\#(text)"}"#.utf8))
        } throws: { error in
            (error as? DistributionError)?.description == message
        }
        // Built in code there is no path.
        #expect(throws: DistributionError(.badDuration(text: text))) { try SimulatedDuration(text) }
    }

    @Test("negative and non-finite numbers are rejected with the path and the value")
    func rejectNumbers() throws {
        let cases = [("horizon: -5\n", "horizon: duration must be ≥ 0, got -5"),
                     ("horizon: .nan\n", "horizon: duration must be a finite number, got nan"),
                     ("horizon: .inf\n", "horizon: duration must be a finite number, got inf")]
        for (yaml, message) in cases {
            let node = try #require(try Yams.compose(yaml: yaml))
            #expect {
                _ = try YAMLDecoder().decode(Horizon.self, from: node)
            } throws: { error in
                (error as? DistributionError)?.description == message
            }
        }
    }
}
