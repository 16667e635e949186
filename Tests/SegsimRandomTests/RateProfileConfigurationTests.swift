import Foundation
import SegsimRandom
import Testing
import Yams

/// A scenario fragment, so that errors can be checked for their coding path.
private struct Scenario: Codable {
    var load: RateProfile
}

/// A behaviour model's configuration reading a dimensionless shape, whose base rate defaults to 1.
private struct Behaviour: Decodable {
    var purchases: RateProfile

    enum CodingKeys: String, CodingKey { case purchases }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        purchases = try RateProfile(from: container.superDecoder(forKey: .purchases), defaultBaseRate: 1)
    }
}

@Suite("Rate profile configuration")
struct RateProfileConfigurationTests {
    static let day = RateProfile.secondsPerDay

    /// The documented example, every key used.
    static let example = """
        load:
          base_rate: 120
          daily: { sinusoid: { amplitude: 0.6, peak_hour: 20 } }
          weekly: [1, 1, 1, 1, 1.1, 1.4, 1.3]
          windows:
            - { start: 4d, end: 5d, factor: 10, name: black-friday }
            - { start: 36h, end: 2 d, factor: 0 }
          trend: { start: 0, end: 1w, factor: 1.3 }
        """

    static func exampleProfile() throws -> RateProfile {
        try RateProfile(baseRate: 120, daily: .sinusoid(amplitude: 0.6, peakHour: 20),
                        weekly: [1, 1, 1, 1, 1.1, 1.4, 1.3],
                        windows: [.init(start: 4 * day, end: 5 * day, factor: 10, name: "black-friday"),
                                  .init(start: 1.5 * day, end: 2 * day, factor: 0)],
                        trend: .init(start: 0, end: 7 * day, factor: 1.3))
    }

    @Test("the documented YAML form decodes, and so does its JSON equivalent")
    func decodeExample() throws {
        #expect(try YAMLDecoder().decode(Scenario.self, from: Self.example).load == Self.exampleProfile())
        let json = #"""
            {"load": {"base_rate": 120, "daily": {"sinusoid": {"amplitude": 0.6, "peak_hour": 20}},
                      "weekly": [1, 1, 1, 1, 1.1, 1.4, 1.3],
                      "windows": [{"start": "4d", "end": "5d", "factor": 10, "name": "black-friday"},
                                  {"start": 129600, "end": "2d", "factor": 0}],
                      "trend": {"start": 0, "end": "1w", "factor": 1.3}}}
            """#
        #expect(try JSONDecoder().decode(Scenario.self, from: Data(json.utf8)).load == Self.exampleProfile())
    }

    @Test("every key but base_rate is optional and defaults to no effect; daily may be flat or hourly")
    func defaults() throws {
        #expect(try YAMLDecoder().decode(RateProfile.self, from: "base_rate: 3") == RateProfile.constant(3))
        #expect(try YAMLDecoder().decode(RateProfile.self, from: "{ base_rate: 3, daily: flat, windows: [] }")
            == RateProfile.constant(3))
        let hourly = (0..<24).map { Double($0 % 3) }
        let yaml = "{ base_rate: 2, daily: { hourly: \(hourly) } }"
        #expect(try YAMLDecoder().decode(RateProfile.self, from: yaml) == RateProfile(baseRate: 2, daily: .hourly(hourly)))
    }

    @Test("a shape read with a default base rate needs no base_rate; one given still wins")
    func shape() throws {
        let yaml = "purchases: { weekly: [1, 1, 1, 1, 1, 2, 2] }"
        #expect(try YAMLDecoder().decode(Behaviour.self, from: yaml).purchases
            == RateProfile(baseRate: 1, weekly: [1, 1, 1, 1, 1, 2, 2]))
        let json = #"{"purchases": {"base_rate": 0.5}}"#
        #expect(try JSONDecoder().decode(Behaviour.self, from: Data(json.utf8)).purchases == RateProfile.constant(0.5))
    }

    @Test("encoding gives the same form back, through YAML and JSON")
    func roundTrip() throws {
        let profiles = [try Self.exampleProfile(), try .constant(7),
                        try RateProfile(baseRate: 0.25, daily: .hourly((0..<24).map { Double($0) / 8 }),
                                        trend: .init(start: 3_600, end: 90_000, factor: 0))]
        for profile in profiles {
            let yaml = try YAMLEncoder().encode(Scenario(load: profile))
            #expect(try YAMLDecoder().decode(Scenario.self, from: yaml).load == profile, "\(yaml)")
            let json = try JSONEncoder().encode(Scenario(load: profile))
            #expect(try JSONDecoder().decode(Scenario.self, from: json).load == profile)
        }
        // Times are written as seconds, the window's name kept, no windows or trend when there are none.
        let json = String(decoding: try JSONEncoder().encode(try Self.exampleProfile()), as: UTF8.self)
        #expect(json.contains(#""start":345600"#) && json.contains(#""name":"black-friday""#), "\(json)")
        let constant = try YAMLEncoder().encode(RateProfile.constant(7))
        #expect(!constant.contains("windows") && !constant.contains("trend"), "\(constant)")
    }

    /// Bad configurations under `load:` and the exact message each must produce: path, field, value.
    static let badInputs: [(yaml: String, message: String)] = [
        ("{ base_rate: 1, windws: [] }",
         "load: unknown key 'windws'; did you mean 'windows'? known keys: base_rate, daily, weekly, windows, trend"),
        ("{ daily: flat }", "load: missing the required key 'base_rate'"),
        ("{ base_rate: -1 }", "load: base_rate must be ≥ 0, got -1"),
        ("{ base_rate: 1, windows: [{ start: 0, end: 1d, factor: -2 }] }",
         "load: windows[0].factor must be ≥ 0, got -2"),
        ("{ base_rate: 1, windows: [{ start: 0, end: 1h, factor: 2 }, { start: 5d, end: 4d, factor: 2 }] }",
         "load: windows[1] must have start < end, got [432000, 345600)"),
        ("{ base_rate: 1, windows: [{ start: 1d, end: 1d, factor: 2 }] }",
         "load: windows[0] must have start < end, got [86400, 86400)"),
        ("{ base_rate: 1, daily: { hourly: [\(Array(repeating: "1", count: 23).joined(separator: ", "))] } }",
         "load: daily.hourly must have 24 entries, got 23"),
        ("{ base_rate: 1, daily: { hourly: [\((["1", "-0.5"] + Array(repeating: "1", count: 22)).joined(separator: ", "))] } }",
         "load: daily.hourly[1] must be ≥ 0, got -0.5"),
        ("{ base_rate: 1, daily: { sinusoid: { amplitude: 1.5, peak_hour: 20 } } }",
         "load: daily.sinusoid.amplitude must be in [0, 1], got 1.5"),
        ("{ base_rate: 1, daily: { sinusoid: { amplitude: 0.5, peak_hour: 25 } } }",
         "load: daily.sinusoid.peak_hour must be in [0, 24], got 25"),
        ("{ base_rate: 1, daily: { sinusoid: { amplitude: 0.5, peak: 20 } } }",
         "load.daily.sinusoid: unknown key 'peak'; known keys: amplitude, peak_hour"),
        ("{ base_rate: 1, daily: { sinusoid: { amplitude: 0.5 } } }",
         "load.daily.sinusoid: missing the required key 'peak_hour'"),
        ("{ base_rate: 1, daily: sine }", "load.daily: expected one of flat, sinusoid, hourly; got 'sine'"),
        ("{ base_rate: 1, daily: { hourly: [], sinusoid: {} } }",
         "load.daily: expected one of flat, sinusoid, hourly; got 'hourly', 'sinusoid'"),
        ("{ base_rate: 1, daily: {} }", "load.daily: expected one of flat, sinusoid, hourly; got none"),
        ("{ base_rate: 1, weekly: [1, 1, 1] }", "load: weekly must have 7 entries, got 3"),
        ("{ base_rate: 1, windows: [{ start: 4d, end: 5d }] }", "load.windows[0]: missing the required key 'factor'"),
        ("{ base_rate: 1, windows: [{ start: 4d, end: 5d, factor: 2, nme: x }] }",
         "load.windows[0]: unknown key 'nme'; did you mean 'name'? known keys: start, end, factor, name"),
        ("{ base_rate: 1, windows: [{ start: 5 parsecs, end: 5d, factor: 2 }] }",
         "load.windows[0].start: '5 parsecs' is not a duration: write seconds ≥ 0 as a number, or a number with "
            + "a unit ms, s, m (minutes), h, d or w, e.g. 250ms, 90s, 1.5h, 2 d"),
        ("{ base_rate: 1, trend: { start: 1w, end: 1w, factor: 2 } }",
         "load: trend must have start < end, got [604800, 604800)"),
        ("{ base_rate: 1, trend: { start: 0, end: 1w, factor: -1 } }", "load: trend.factor must be ≥ 0, got -1"),
        ("{ base_rate: 1, trend: { start: 0, end: 1w, factr: 2 } }",
         "load.trend: unknown key 'factr'; did you mean 'factor'? known keys: start, end, factor"),
        ("{ base_rate: 1, trend: { end: 1w, factor: 2 } }", "load.trend: missing the required key 'start'"),
    ]

    @Test("every bad YAML input throws a DistributionError naming the path, the field and the value")
    func badYAML() throws {
        try expectYAMLErrors(Scenario.self, Self.badInputs) { "load: \($0)\n" }
    }

    @Test("JSON errors carry the path too, array indices included")
    func badJSON() {
        let cases = [
            (#"{"load": {"base_rate": 1, "windows": [{"start": "4d", "end": "5d", "factor": -2}]}}"#,
             "load: windows[0].factor must be ≥ 0, got -2"),
            (#"{"load": {"base_rate": 1, "windows": [{"start": 0, "end": "1d", "factor": 1}, {"start": "-1h", "end": "1d", "factor": 1}]}}"#,
             "load.windows[1].start: '-1h' is not a duration: write seconds ≥ 0 as a number, or a number with "
                + "a unit ms, s, m (minutes), h, d or w, e.g. 250ms, 90s, 1.5h, 2 d"),
            (#"{"load": {"base_rate": 1, "windws": []}}"#,
             "load: unknown key 'windws'; did you mean 'windows'? known keys: base_rate, daily, weekly, windows, trend"),
        ]
        for (json, message) in cases {
            #expect {
                _ = try JSONDecoder().decode(Scenario.self, from: Data(json.utf8))
            } throws: { error in
                (error as? DistributionError)?.description == message
            }
        }
    }
}
