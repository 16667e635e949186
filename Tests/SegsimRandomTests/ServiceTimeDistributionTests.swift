import Foundation
import SegsimRandom
import Testing
import Yams

/// A scenario fragment, so that errors can be checked for their coding path.
private struct Scenario: Codable {
    struct Pipeline: Codable { var service: ServiceTimeDistribution }
    var pipeline: Pipeline
}

@Suite("Service-time distributions")
struct ServiceTimeDistributionTests {
    /// Each documented configuration form with the value it must decode to.
    static let forms: [(yaml: String, json: String, value: ServiceTimeDistribution)] = [
        ("{ constant: 0.001 }", #"{"constant": 0.001}"#, .constant(seconds: 0.001)),
        ("{ exponential: { mean: 0.002 } }", #"{"exponential": {"mean": 0.002}}"#, .exponential(mean: 0.002)),
        ("{ lognormal: { mean: 0.003, sd: 0.001 } }", #"{"lognormal": {"mean": 0.003, "sd": 0.001}}"#,
         .lognormal(mean: 0.003, standardDeviation: 0.001)),
        ("{ gamma: { shape: 2, scale: 0.001 } }", #"{"gamma": {"shape": 2, "scale": 0.001}}"#,
         .gamma(shape: 2, scale: 0.001)),
        ("{ empirical: [0.001, 0.002, 0.004] }", #"{"empirical": [0.001, 0.002, 0.004]}"#,
         .empirical([0.001, 0.002, 0.004])),
    ]

    @Test("each documented form decodes from YAML and JSON, and encodes back to itself")
    func decodeForms() throws {
        for form in Self.forms {
            #expect(try YAMLDecoder().decode(ServiceTimeDistribution.self, from: form.yaml) == form.value)
            #expect(try JSONDecoder().decode(ServiceTimeDistribution.self, from: Data(form.json.utf8)) == form.value)
            let json = try JSONEncoder().encode(form.value)
            #expect(try JSONDecoder().decode(ServiceTimeDistribution.self, from: json) == form.value)
            let yaml = try YAMLEncoder().encode(form.value)
            #expect(try YAMLDecoder().decode(ServiceTimeDistribution.self, from: yaml) == form.value)
        }
        let nested = "pipeline:\n  service:\n    exponential:\n      mean: 0.002\n"
        #expect(try YAMLDecoder().decode(Scenario.self, from: nested).pipeline.service == .exponential(mean: 0.002))
    }

    @Test("the lognormal log-parameters reproduce the requested mean and standard deviation")
    func lognormalParameters() {
        let (mu, sigma) = ServiceTimeDistribution.lognormalParameters(mean: 0.003, standardDeviation: 0.001)
        let mean = exp(mu + sigma * sigma / 2)
        let variance = (exp(sigma * sigma) - 1) * mean * mean
        // 1e-12 relative: a handful of exp/log round trips.
        #expect(abs(mean - 0.003) <= 1e-12 * 0.003)
        #expect(abs(variance - 1e-6) <= 1e-12 * 1e-6)
    }

    @Test("sample mean and variance match mean and variance", arguments: [
        ServiceTimeDistribution.exponential(mean: 0.002),
        .lognormal(mean: 0.003, standardDeviation: 0.001),
        .gamma(shape: 2, scale: 0.001),
        .gamma(shape: 0.7, scale: 0.004),
        .empirical([0.001, 0.002, 0.004, 0.0015]),
    ])
    func moments(_ distribution: ServiceTimeDistribution) {
        let stream = RandomStream(runSeed: 41, purpose: "service.\(distribution)")
        let xs = (0..<200_000).map { _ in distribution.sample(stream) }
        // Tolerance: 5 standard errors of the mean and of the variance (see expectMoments).
        expectMoments(xs, mean: distribution.mean, variance: distribution.variance,
                      fourthCentral: Self.fourthMoment(of: distribution), "\(distribution)")
    }

    @Test("a constant is always itself, with variance 0")
    func constant() {
        let distribution = ServiceTimeDistribution.constant(seconds: 0.001)
        let stream = RandomStream(runSeed: 41, purpose: "service.constant")
        #expect((0..<1_000).allSatisfy { _ in distribution.sample(stream) == 0.001 })
        #expect(distribution.mean == 0.001 && distribution.variance == 0)
    }

    /// Bad configurations and the exact message each must produce: path, field and value.
    static let badInputs: [(yaml: String, message: String)] = [
        ("{ exponential: { mean: -1 } }", "pipeline.service: exponential mean must be > 0, got -1"),
        ("{ exponential: { mean: 0 } }", "pipeline.service: exponential mean must be > 0, got 0"),
        ("{ constant: -0.5 }", "pipeline.service: constant must be > 0, got -0.5"),
        ("{ lognormal: { mean: .nan, sd: 0.001 } }", "pipeline.service: lognormal mean must be a finite number, got nan"),
        ("{ lognormal: { mean: 0.003, sd: -0.001 } }", "pipeline.service: lognormal sd must be ≥ 0, got -0.001"),
        ("{ gamma: { shape: .inf, scale: 0.001 } }", "pipeline.service: gamma shape must be a finite number, got inf"),
        ("{ gamma: { shape: 2, scale: 0 } }", "pipeline.service: gamma scale must be > 0, got 0"),
        ("{ uniform: { low: 0, high: 1 } }",
         "pipeline.service: unknown distribution 'uniform'; known: constant, exponential, lognormal, gamma, empirical"),
        ("{ exponential: { mean: 1 }, gamma: { shape: 2, scale: 1 } }",
         "pipeline.service: expected exactly one distribution (constant, exponential, lognormal, gamma, empirical), got exponential, gamma"),
        ("{}", "pipeline.service: expected exactly one distribution (constant, exponential, lognormal, gamma, empirical), got none"),
        ("{ empirical: [] }", "pipeline.service: empirical must not be empty"),
        ("{ empirical: [0.001, -0.002] }", "pipeline.service: empirical[1] must be ≥ 0, got -0.002"),
        ("{ empirical: [0, 0] }", "pipeline.service: empirical mean must be > 0, got 0"),
        ("{ exponential: { mean: 0.002, rate: 500 } }",
         "pipeline.service: exponential has no parameter 'rate'; expected: mean"),
        ("{ lognormal: { mean: 0.003 } }", "pipeline.service: lognormal needs the parameter 'sd'"),
        ("exponential",
         "pipeline.service: expected a mapping with one distribution (constant, exponential, lognormal, gamma, empirical), e.g. { exponential: { mean: 0.002 } }"),
    ]

    @Test("every bad YAML input throws a DistributionError naming the path, the field and the value")
    func badYAML() throws {
        try expectYAMLErrors(Scenario.self, Self.badInputs) { "pipeline:\n  service: \($0)\n" }
    }

    @Test("JSON errors carry the path too, array indices included")
    func badJSON() {
        struct Stages: Decodable { struct Stage: Decodable { var service: ServiceTimeDistribution }; var stages: [Stage] }
        let json = #"{"stages": [{"service": {"constant": 0.001}}, {"service": {"gamma": {"shape": -2, "scale": 1}}}]}"#
        #expect {
            _ = try JSONDecoder().decode(Stages.self, from: Data(json.utf8))
        } throws: { error in
            (error as? DistributionError)?.description == "stages[1].service: gamma shape must be > 0, got -2"
        }
    }

    @Test("validate() checks values built in code, without a path", arguments: [
        (ServiceTimeDistribution.exponential(mean: -1), "exponential mean must be > 0, got -1"),
        (.constant(seconds: .infinity), "constant must be a finite number, got inf"),
        (.lognormal(mean: 0.003, standardDeviation: .nan), "lognormal sd must be a finite number, got nan"),
        (.gamma(shape: 0, scale: 1), "gamma shape must be > 0, got 0"),
        (.empirical([]), "empirical must not be empty"),
        (.empirical([0.001, -1]), "empirical[1] must be ≥ 0, got -1"),
    ])
    func validateInCode(distribution: ServiceTimeDistribution, message: String) throws {
        #expect {
            try distribution.validate()
        } throws: { error in
            (error as? DistributionError)?.description == message
        }
        try ServiceTimeDistribution.gamma(shape: 2, scale: 0.001).validate()
    }

    /// The fourth central moment of each case, for the standard error of the sample variance.
    private static func fourthMoment(of distribution: ServiceTimeDistribution) -> Double {
        switch distribution {
        case .constant:
            return 0
        case let .exponential(mean):
            return 9 * pow(mean, 4)
        case let .lognormal(mean, sd):
            let (mu, sigma) = ServiceTimeDistribution.lognormalParameters(mean: mean, standardDeviation: sd)
            return fourthCentralMoment(raw: (1...4).map { j in exp(Double(j) * mu + Double(j * j) * sigma * sigma / 2) })
        case let .gamma(shape, _):
            return pow(distribution.variance, 2) * (3 + 6 / shape)
        case let .empirical(values):
            let mean = distribution.mean
            return values.reduce(0) { $0 + pow($1 - mean, 4) } / Double(values.count)
        }
    }
}
