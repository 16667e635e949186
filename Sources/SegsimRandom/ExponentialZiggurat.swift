#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Marsaglia and Tsang's ziggurat for the unit exponential ("The Ziggurat Method for Generating
/// Random Variables", J. Stat. Softw. 5(8), 2000), with 256 layers of equal area.
///
/// It is exact, like inversion, but 98.9% of draws take two generator outputs, one comparison
/// and one multiplication, where inversion pays for a `log`: the retail generator draws an
/// exponential per event. Unlike the paper's 32-bit version, the layer index and the 52-bit
/// position inside the layer come from different bits (two taus2 outputs), so they are independent.
public enum ExponentialZiggurat {
    /// One layer: a draw `j` (52 bits) below `threshold` lies under the density and gives
    /// `j × width`; `density` is e^(−x) at the layer's right edge.
    @frozen
    public struct Layer {
        /// `j` below this is accepted at once (`x_{i−1} / x_i × 2⁵²`; 0 for layer 1).
        public var threshold: UInt64
        /// x_i / 2⁵², the right edge of the layer per unit of `j`.
        public var width: Double
        /// e^(−x_i).
        public var density: Double
    }

    /// The right edge of the base layer, where the tail begins.
    public static let tailStart = 7.697117470131487
    /// The area of each layer (and of the base layer with its tail).
    static let layerArea = 3.949659822581572e-3

    /// The 256 layers, computed once as in the paper, never freed.
    @usableFromInline nonisolated(unsafe) static let layers: UnsafePointer<Layer> = {
        let scale = 0x1p52
        let table = UnsafeMutablePointer<Layer>.allocate(capacity: 256)
        var edge = tailStart
        var upper = edge
        let base = layerArea / exp(-edge)
        table[0] = Layer(threshold: UInt64(edge / base * scale), width: base / scale, density: 1)
        table[255] = Layer(threshold: 0, width: edge / scale, density: exp(-edge))
        var thresholds = [UInt64](repeating: 0, count: 256)
        thresholds[0] = table[0].threshold
        for i in stride(from: 254, through: 1, by: -1) {
            edge = -log(layerArea / edge + exp(-edge))
            thresholds[i + 1] = UInt64(edge / upper * scale)
            upper = edge
            table[i] = Layer(threshold: 0, width: edge / scale, density: exp(-edge))
        }
        for i in 0..<256 { table[i].threshold = thresholds[i] }
        return UnsafePointer(table)
    }()
}

extension RandomStream {
    /// A unit exponential (mean 1) by the ziggurat method (see ``ExponentialZiggurat``): the same
    /// law as ``exponential(mean:)`` with mean 1, about three times cheaper, but other numbers
    /// (and, rarely, more of them: a draw in a layer's wedge or the tail takes extra uniforms).
    /// Streams of other generators than taus2 fall back to inversion.
    @inlinable @inline(__always)
    public func standardExponential() -> Double {
        guard let taus else { return exponential(mean: 1) }
        while true {
            let high = UInt64(truncatingIfNeeded: Self.nextTaus(taus))
            let low = UInt64(truncatingIfNeeded: Self.nextTaus(taus))
            let layer = Int(truncatingIfNeeded: low & 255)
            let j = high &<< 20 | low &>> 12
            let entry = exponentialLayers[layer]
            if j < entry.threshold { return Double(j) * entry.width }
            if let x = exponentialOutsideCore(j: j, layer: layer) { return x }
        }
    }

    /// The rare rest of ``standardExponential()``: the tail beyond the base layer, or the wedge of
    /// layer `layer` at `j`; `nil` when the point is rejected (the caller draws again).
    @usableFromInline
    func exponentialOutsideCore(j: UInt64, layer: Int) -> Double? {
        // The tail is memoryless: beyond the edge it is the edge plus a unit exponential.
        if layer == 0 { return ExponentialZiggurat.tailStart - log(uniformPositive()) }
        let entry = exponentialLayers[layer]
        let x = Double(j) * entry.width
        let below = exponentialLayers[layer - 1].density
        return entry.density + uniform() * (below - entry.density) < exp(-x) ? x : nil
    }
}
