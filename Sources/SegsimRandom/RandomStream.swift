import CGSL

/// The GSL generator algorithm behind a stream.
public enum GeneratorKind: String, Codable, Sendable, CaseIterable {
    /// L'Ecuyer's maximally equidistributed Tausworthe generator (period 2^88); the fastest here.
    case taus2
    /// The Mersenne Twister (period 2^19937 − 1).
    case mt19937

    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .taus2: return segsim_rng_taus2()
        case .mt19937: return segsim_rng_mt19937()
        }
    }
}

/// One seeded stream of random numbers for one purpose, backed by a GSL generator.
///
/// A stream is a reference type because it owns a C generator; it is deliberately not `Sendable`:
/// each replication or task creates its own streams from its derived seeds.
public final class RandomStream {
    /// The generator state, owned by this stream and freed in `deinit`.
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>
    /// The derived seed this stream started from.
    public let seed: StreamSeed
    /// The GSL algorithm in use.
    public let kind: GeneratorKind

    /// Creates the stream for `purpose` in replication `replication` of the run seeded `runSeed`.
    public convenience init(runSeed: UInt64, replication: Int = 0, purpose: String, kind: GeneratorKind = .taus2) {
        self.init(seed: StreamSeed(runSeed: runSeed, replication: replication, purpose: purpose), kind: kind)
    }

    /// Creates a stream from an already derived seed.
    public init(seed: StreamSeed, kind: GeneratorKind = .taus2) {
        GSL.configure()
        guard let generator = gsl_rng_alloc(kind.gslType) else {
            fatalError("GSL could not allocate a \(kind.rawValue) generator (out of memory)")
        }
        gsl_rng_set(generator, UInt(seed.gslSeed))
        self.generator = generator
        self.seed = seed
        self.kind = kind
    }

    deinit { gsl_rng_free(generator) }

    /// A uniform draw on [0, 1).
    @inlinable
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// A uniform draw on (0, 1), never exactly 0: safe to take the logarithm of.
    @inlinable
    public func uniformPositive() -> Double { segsim_rng_uniform_pos(generator) }

    /// An exponential draw with the given **mean** (1/rate), as GSL parameterises it.
    ///
    /// Inverts a uniform from the GSL generator with `log` rather than calling
    /// `gsl_ran_exponential`, whose `log1p` dominated the cost of a queueing run (see the shim).
    /// - Precondition: `mean > 0`, validated by the caller (scenario validation).
    @inlinable
    public func exponential(mean: Double) -> Double { segsim_ran_exponential(generator, mean) }
}

/// Process-wide GSL settings.
public enum GSL {
    /// Turns GSL's aborting error handler off, once: segsim validates every parameter in Swift,
    /// so a GSL error must never take the process down.
    public static func configure() { _ = handlerOff }

    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()
}
