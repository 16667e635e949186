import Foundation
import SegsimRandom

/// Refuses a population that is empty or that would not fit in this machine's memory, saying
/// how much it would take, before anything is allocated.
enum PopulationSize {
    /// The most members accepted at `bytesEach`: three quarters of physical memory, at most 200 million.
    static func limit(bytesEach: Int) -> Int {
        let usable = Double(ProcessInfo.processInfo.physicalMemory) * 0.75
        return max(1, min(200_000_000, Int(usable / Double(bytesEach))))
    }

    /// Checks `count` members of `bytesEach` bytes of generator state each.
    static func check(_ count: Int, bytesEach: Int, field: String, at path: String) throws(DistributionError) {
        let limit = limit(bytesEach: bytesEach)
        guard count >= 1 else {
            throw DistributionError(path: path, .outOfRange(field: field, value: Double(count), range: 1...Double(limit)))
        }
        guard count <= limit else {
            let gigabytes = (Double(count) * Double(bytesEach) / 1e8).rounded() / 10
            let memory = (Double(ProcessInfo.processInfo.physicalMemory) / 1e8).rounded() / 10
            throw DistributionError(path: path, .invalid(reason:
                "\(field) = \(count) needs an estimated memory \(count) × \(bytesEach) B = \(gigabytes) GB of generator state; "
                + "at most \(limit) are accepted here (three quarters of this machine's \(memory) GB, and never over 200 million)"))
        }
    }
}
