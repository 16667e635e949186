import Foundation
import Testing
import SegsimMetrics

@Suite struct MetricValueTests {
    @Test func numberAndReason() {
        #expect(MetricValue.value(0.25).number == 0.25)
        #expect(MetricValue.notApplicable(reason: "no exits").number == nil)
        #expect(MetricValue.notApplicable(reason: "no exits").notApplicableReason == "no exits")
        #expect(MetricValue.value(2).map { $0 * 3 } == .value(6))
        #expect(MetricValue.notApplicable(reason: "x").map { $0 * 3 } == .notApplicable(reason: "x"))
        #expect(MetricValue.notApplicable(reason: "x").description == "n/a (x)")
    }

    @Test func encodesAsNumberOrNotApplicableObject() throws {
        let values: [MetricValue] = [.value(0.5), .notApplicable(reason: "no positives")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(values), as: UTF8.self)
        #expect(json == #"[0.5,{"not_applicable":"no positives"}]"#)
        #expect(try JSONDecoder().decode([MetricValue].self, from: Data(json.utf8)) == values)
    }

    @Test func decodingRejectsOtherShapes() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MetricValue].self, from: Data(#"["0.5"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MetricValue].self, from: Data(#"[{"other":"x"}]"#.utf8))
        }
    }

    @Test func resultsEncodeNotApplicableInline() throws {
        let group = LiftGroup(customers: 0, positives: 0, overallRate: .value(0.2))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(group), as: UTF8.self)
        #expect(json == #"{"customers":0,"lift":{"not_applicable":"empty group"},"positives":0,"rate":{"not_applicable":"empty group"}}"#)
        #expect(try JSONDecoder().decode(LiftGroup.self, from: Data(json.utf8)) == group)
    }
}
