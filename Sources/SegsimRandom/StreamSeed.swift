#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The seed of one random stream, derived from (run seed, replication, purpose) by a fixed hash.
///
/// Deriving every stream from its own name, rather than drawing seeds one after another from
/// a master generator, means adding a stream never shifts another: the customers of a run stay
/// the same when only the pipeline or the strategy changes (common random numbers).
public struct StreamSeed: Hashable, Codable, Sendable {
    /// What the stream is for, e.g. `"population"` or `"service.worker"`.
    public let purpose: String
    /// The replication index the stream belongs to.
    public let replication: Int
    /// The full 64-bit derived seed; recorded in results so any stream can be replayed alone.
    public let value: UInt64

    /// Derives the seed of the stream `purpose` for replication `replication` of the run `runSeed`.
    public init(runSeed: UInt64, replication: Int, purpose: String) {
        self.purpose = purpose
        self.replication = replication
        var state = SplitMix64.mix(runSeed ^ 0x5E65_7369_6D00_0000)
        state = SplitMix64.mix(state ^ UInt64(bitPattern: Int64(replication)))
        state = SplitMix64.mix(state ^ Self.fnv1a(purpose))
        self.value = state
    }

    /// The 32-bit seed GSL's generators actually use (mt19937 and taus2 read only the low 32 bits,
    /// and silently replace 0 with their default seed, so 0 is mapped away deliberately).
    public var gslSeed: UInt32 {
        let folded = UInt32(truncatingIfNeeded: value ^ (value >> 32))
        return folded == 0 ? 0x9E37_79B9 : folded
    }

    /// FNV-1a over the UTF-8 bytes: a fixed, platform-independent string hash (Swift's `Hasher` is
    /// randomly seeded per process and must never feed a seed).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Steele, Lea and Flood's SplitMix64: a bijective 64-bit mixer with good avalanche (`mix`, used to
/// derive stream seeds) and the tiny generator built on it, for deterministic shuffles and tests
/// that must not depend on the GSL-backed streams.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; the next output is `mix(state)`.
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// Mixes `x` into a well-distributed 64-bit value.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let output = Self.mix(state)
        state &+= 0x9E37_79B9_7F4A_7C15
        return output
    }

    /// Uniform on [0, 1), from the top 53 bits.
    @inlinable
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Exponential with the given mean, by inversion.
    @inlinable
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }

    /// An integer in 0 ..< bound by reduction modulo `bound` (bias below 2⁻⁵⁰ for test-sized bounds).
    @inlinable
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
