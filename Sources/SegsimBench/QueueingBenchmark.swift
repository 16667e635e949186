import Foundation
import SegsimKernel
import SegsimQueueing

/// The M/M/1 queue simulated end to end (arrivals, service draws, statistics), as customers per
/// wall-clock second: the figure to compare with SimPy (~10⁵/s) or a minimal C simulator (~2×10⁷/s).
public enum QueueingBenchmark {
    /// One measured configuration.
    public struct Result: Sendable, Codable {
        /// Which implementation ran.
        public var name: String
        /// Customers simulated.
        public var customers: Int
        /// Customers per wall-clock second.
        public var customersPerSecond: Double
        /// Mean sojourn, printed so the work cannot be optimised away and to show it is M/M/1.
        public var meanSojourn: Double
    }

    /// Times `customers` through an M/M/1 queue at ρ = 0.9 with the event-free station and with
    /// the calendar-driven network on both calendars.
    public static func run(customers: Int = 10_000_000, seed: UInt64 = 1) -> [Result] {
        let stations = [StationSpecification(service: .exponential(mean: 1))]
        func measure(_ name: String, _ body: () -> QueueingRunResult) -> Result {
            let clock = ContinuousClock()
            var outcome: QueueingRunResult?
            let elapsed = clock.measure { outcome = body() }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return Result(name: name, customers: customers, customersPerSecond: Double(customers) / seconds,
                          meanSojourn: outcome?.endToEnd.mean ?? .nan)
        }
        return [
            measure("M/M/1 event-free (Lindley)") {
                StationChain.poissonRun(arrivalRate: 0.9, stations: stations, customers: customers, runSeed: seed)
            },
            measure("M/M/1 on the calendar, ladder") {
                TandemNetwork.run(arrivalRate: 0.9, stations: stations, customers: customers, runSeed: seed, calendar: .ladder)
            },
            measure("M/M/1 on the calendar, heap") {
                TandemNetwork.run(arrivalRate: 0.9, stations: stations, customers: customers, runSeed: seed, calendar: .heap)
            },
        ]
    }
}
