import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
///
/// For taus2, ``uniform()``, ``uniformPositive()``, ``exponential(mean:)``, ``bernoulli(_:)`` and
/// ``DiscreteDistribution/sample(_:)`` step GSL's own generator state in Swift, inlined at the
/// caller, instead of calling GSL through its `get_double` function pointer (5.7 ns a uniform):
/// the same recurrence on the same state, so they return exactly what GSL would, and GSL's samplers
/// (gamma, beta, …) may be interleaved freely with them.
public final class RandomStream {
    /// The generator state, owned by this stream and freed in `deinit`.
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>
    /// For taus2, GSL's generator state (`taus_state_t`: three `unsigned long`s), stepped inline by
    /// ``nextTaus(_:)``; `nil` for other generators, which are always called through GSL.
    @usableFromInline let taus: UnsafeMutablePointer<UInt>?
    /// The layers of the exponential ziggurat (shared, immutable), for ``standardExponential()``.
    @usableFromInline let exponentialLayers: UnsafePointer<ExponentialZiggurat.Layer>
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
        taus = kind == .taus2 ? Self.tausState(of: generator) : nil
        exponentialLayers = ExponentialZiggurat.layers
        self.seed = seed
        self.kind = kind
    }

    deinit { gsl_rng_free(generator) }

    /// A uniform draw on [0, 1).
    @inlinable @inline(__always)
    public func uniform() -> Double {
        guard let taus else { return gsl_rng_uniform(generator) }
        return Self.tausDouble(taus)
    }

    /// A uniform draw on (0, 1), never exactly 0: safe to take the logarithm of.
    @inlinable @inline(__always)
    public func uniformPositive() -> Double {
        guard let taus else { return segsim_rng_uniform_pos(generator) }
        var u: Double
        repeat { u = Self.tausDouble(taus) } while u == 0
        return u
    }

    /// An exponential draw with the given **mean** (1/rate), as GSL parameterises it.
    ///
    /// Inverts a uniform from the GSL generator with `log` rather than calling
    /// `gsl_ran_exponential`, whose `log1p` dominated the cost of a queueing run (see the shim);
    /// 1 − U has the law of U, so the distribution is GSL's.
    /// - Precondition: `mean > 0`, validated by the caller (scenario validation).
    @inlinable @inline(__always)
    public func exponential(mean: Double) -> Double { -mean * log(uniformPositive()) }

    // MARK: - taus2, inline

    /// GSL's taus2 `get_double`: the next output of L'Ecuyer's three-component Tausworthe
    /// recurrence (GSL `rng/taus.c`, `taus_get`), divided by 2³² (exactly, a power of two).
    @inlinable @inline(__always)
    static func tausDouble(_ state: UnsafeMutablePointer<UInt>) -> Double {
        Double(nextTaus(state)) * 0x1p-32
    }

    /// One step of GSL's `taus_get` on its state `{s1, s2, s3}`; the components stay below 2³².
    @inlinable @inline(__always)
    static func nextTaus(_ state: UnsafeMutablePointer<UInt>) -> UInt {
        @inline(__always)
        func step(_ s: UInt, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> UInt {
            (((s & c) &<< d) & 0xFFFF_FFFF) ^ ((((s &<< a) & 0xFFFF_FFFF) ^ s) &>> b)
        }
        let s1 = step(state[0], 13, 19, 4_294_967_294, 12)
        let s2 = step(state[1], 2, 25, 4_294_967_288, 4)
        let s3 = step(state[2], 3, 11, 4_294_967_280, 17)
        state[0] = s1
        state[1] = s2
        state[2] = s3
        return s1 ^ s2 ^ s3
    }

    /// The state of a freshly seeded taus2 generator, after checking that it is laid out as
    /// ``nextTaus(_:)`` assumes: three `unsigned long`s that reproduce GSL's next outputs. A GSL
    /// with another layout stops the process here rather than giving different numbers.
    private static func tausState(of generator: UnsafeMutablePointer<gsl_rng>) -> UnsafeMutablePointer<UInt> {
        precondition(gsl_rng_size(generator) == 3 * MemoryLayout<UInt>.size, "GSL taus2 state is not three unsigned longs")
        guard let raw = generator.pointee.state else { fatalError("GSL taus2 generator without state") }
        let state = raw.bindMemory(to: UInt.self, capacity: 3)
        // Compare a few outputs on a copy of the state with GSL's own, then leave the state as seeded.
        guard let probe = gsl_rng_clone(generator) else { fatalError("GSL could not clone a taus2 generator") }
        defer { gsl_rng_free(probe) }
        var copy: (UInt, UInt, UInt) = (state[0], state[1], state[2])
        withUnsafeMutableBytes(of: &copy) { bytes in
            let words = bytes.bindMemory(to: UInt.self).baseAddress!
            for _ in 0..<4 {
                precondition(nextTaus(words) == gsl_rng_get(probe), "GSL taus2 does not match its inline implementation")
            }
        }
        return state
    }
}

/// Process-wide GSL settings.
public enum GSL {
    /// Turns GSL's aborting error handler off, once: segsim validates every parameter in Swift,
    /// so a GSL error must never take the process down.
    public static func configure() { _ = handlerOff }

    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()
}
