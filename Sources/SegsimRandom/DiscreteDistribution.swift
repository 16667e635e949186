import CGSL

/// A categorical distribution over `0..<count`, sampled in constant time by Walker's alias method.
///
/// The alias table (GSL's `gsl_ran_discrete_preproc`) is built once in `init` — about 9 µs for
/// 1,000 weights — so build one per scenario, never per draw. The table stays private: callers use
/// ``sample(_:)``, which keeps the object (and so the table) alive for the whole draw; handing out
/// the raw pointer would let a temporary wrapper free it early.
///
/// The table is immutable after `init` and GSL only reads it while sampling, so one distribution
/// may be shared by concurrent replications, each drawing from its own ``RandomStream``.
public final class DiscreteDistribution: @unchecked Sendable {
    /// GSL's alias table; owned by this object, read-only after `init`, freed in `deinit`.
    @usableFromInline let table: UnsafeMutablePointer<gsl_ran_discrete_t>

    /// The normalised probabilities, in the order the weights were given (they sum to 1).
    public let probabilities: [Double]

    /// Builds the alias table for categories `0..<weights.count` with probabilities proportional to
    /// `weights`.
    /// - Throws: ``DistributionError`` if `weights` is empty, contains a negative or non-finite
    ///   weight, is all zeros, or sums past the largest finite `Double`.
    /// - Complexity: O(n) in the number of weights.
    public init(weights: [Double]) throws(DistributionError) {
        guard !weights.isEmpty else { throw DistributionError(.empty(field: "weights")) }
        for (index, weight) in weights.enumerated() {
            try DistributionError.requireNonNegative(weight, "weights[\(index)]", at: "")
        }
        let total = weights.reduce(0, +)
        guard total.isFinite else { throw DistributionError(.notFinite(field: "sum of weights", value: total)) }
        guard total > 0 else { throw DistributionError(.allZero(field: "weights")) }

        GSL.configure()
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) }) else {
            fatalError("GSL could not allocate an alias table of \(weights.count) entries (out of memory)")
        }
        self.table = table
        self.probabilities = weights.map { $0 / total }
    }

    deinit { gsl_ran_discrete_free(table) }

    /// The number of categories; ``sample(_:)`` returns values in `0..<count`.
    public var count: Int { probabilities.count }

    /// Draws one category index, with probability ``probabilities``[i] for category i.
    ///
    /// With a taus2 stream the uniform is drawn inline and the lookup done by the C shim's
    /// `segsim_discrete_pick` on GSL's own table, exactly as `gsl_ran_discrete` does it (Knuth's
    /// convention: one uniform u, column ⌊uK⌋, kept when u is below the column's cut-off `F`,
    /// else its alias `A`) but without a branch, so it returns what GSL would (tested).
    /// - Complexity: O(1): one uniform and one table lookup (12–17 ns at any size through GSL, a
    ///   few ns inline).
    @inlinable
    public func sample(_ stream: RandomStream) -> Int {
        // Both objects must outlive the reads of their pointers, even when the caller passes
        // temporaries and the optimiser inlines this body (empty closures: a body inside them was
        // outlined into a closure the optimiser did not inline).
        defer {
            withExtendedLifetime(self) {}
            withExtendedLifetime(stream) {}
        }
        guard stream.taus != nil else { return Int(gsl_ran_discrete(stream.generator, table)) }
        return Int(segsim_discrete_pick(table, stream.uniform()))
    }
}
