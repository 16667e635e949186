import SegsimRandom

/// Parameter checks shared by the behaviour models, throwing `DistributionError` with the field.
enum ParameterCheck {
    static func positive(_ value: Double, _ field: String, at path: String) throws(DistributionError) {
        guard value.isFinite else { throw DistributionError(path: path, .notFinite(field: field, value: value)) }
        guard value > 0 else { throw DistributionError(path: path, .notPositive(field: field, value: value)) }
    }

    static func nonNegative(_ value: Double, _ field: String, at path: String) throws(DistributionError) {
        guard value.isFinite else { throw DistributionError(path: path, .notFinite(field: field, value: value)) }
        guard value >= 0 else { throw DistributionError(path: path, .negative(field: field, value: value)) }
    }

    static func probability(_ value: Double, _ field: String, at path: String) throws(DistributionError) {
        guard value.isFinite, (0...1).contains(value) else {
            throw DistributionError(path: path, .outOfRange(field: field, value: value, range: 0...1))
        }
    }
}
