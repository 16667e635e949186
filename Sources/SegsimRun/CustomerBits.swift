/// One bit per customer, for outcomes and latent flags kept per snapshot (1/8 byte a customer).
struct CustomerBits: Sendable {
    private var words: [UInt64]
    /// The number of customers.
    let count: Int

    init(count: Int) {
        self.count = count
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    @inline(__always)
    mutating func set(_ c: Int) { words[c >> 6] |= 1 << UInt64(c & 63) }

    @inline(__always)
    subscript(_ c: Int) -> Bool { words[c >> 6] & (1 << UInt64(c & 63)) != 0 }

    /// The bits as booleans, for the metric functions.
    var booleans: [Bool] { (0..<count).map { self[$0] } }
}
