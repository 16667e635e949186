/// A ``ServiceTimeDistribution`` prepared for drawing in a hot loop: the constant and exponential
/// cases (every default pipeline stage) are drawn inline, without switching over the
/// distribution's payloads (whose empirical case holds an array) or calling out.
///
/// Draws are exactly those of ``ServiceTimeDistribution/sample(_:)``: the same stream steps and
/// the same arithmetic.
public struct ServiceTimeSampler: Sendable {
    /// How a draw is made.
    @usableFromInline enum Method: Sendable {
        case constant, exponential, general
    }

    /// The distribution drawn from.
    public let distribution: ServiceTimeDistribution
    @usableFromInline let method: Method
    /// The constant, or the exponential mean; unused otherwise.
    @usableFromInline let parameter: Double

    /// Prepares `distribution`.
    public init(_ distribution: ServiceTimeDistribution) {
        self.distribution = distribution
        switch distribution {
        case let .constant(seconds): (method, parameter) = (.constant, seconds)
        case let .exponential(mean): (method, parameter) = (.exponential, mean)
        case .lognormal, .gamma, .empirical: (method, parameter) = (.general, 0)
        }
    }

    /// Draws one service time, in seconds (as `distribution.sample(stream)`).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func sample(_ stream: RandomStream) -> Double {
        switch method {
        case .constant: return parameter
        case .exponential: return parameter * stream.standardExponential()
        case .general: return distribution.sample(stream)
        }
    }
}
