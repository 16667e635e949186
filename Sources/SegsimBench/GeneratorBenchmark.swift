import Foundation
import SegsimBehaviour

/// Speed and memory of the behaviour generator: events streamed per wall-clock second (nothing
/// stored) and resident memory per customer.
public enum GeneratorBenchmark {
    /// One measurement.
    public struct Result: Sendable, Codable {
        /// The model and population.
        public var name: String
        /// Customers simulated.
        public var customers: Int
        /// Virtual time simulated, in days.
        public var days: Double
        /// Events streamed.
        public var events: UInt64
        /// Events per wall-clock second while streaming (population drawing excluded).
        public var eventsPerSecond: Double
        /// Seconds spent drawing the population and scheduling first steps.
        public var setupSeconds: Double
        /// Growth of resident memory from before the population to the end of the run, per customer.
        public var residentBytesPerCustomer: Double
        /// Growth of the process's peak resident memory (Linux `VmHWM`) over the resident memory
        /// before the population, per customer: the high-water mark, in case memory was freed
        /// before the end. Valid as a per-run figure when the largest run is the last one.
        public var peakResidentBytesPerCustomer: Double
        /// Events per second of this thread's CPU time while streaming: the one-core speed, less
        /// sensitive than ``eventsPerSecond`` to other processes competing for the cores.
        public var eventsPerCPUSecond: Double
    }

    /// Streams `days` of the default retail model with `customers` customers.
    public static func retail(customers: Int, days: Double = 7, seed: UInt64 = 1) throws -> Result {
        var parameters = RetailParameters()
        parameters.customers = customers
        let before = residentBytes()
        let clock = ContinuousClock()
        let setupStart = clock.now
        var stream = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: seed))
        let setup = clock.now - setupStart
        var checksum = 0.0
        let cpuStart = threadCPUSeconds()
        let runStart = clock.now
        while let event = stream.next(notAfter: days * 86_400) { checksum += Double(event.amount) }
        let run = clock.now - runStart
        let cpu = threadCPUSeconds() - cpuStart
        let after = residentBytes()
        let peak = residentBytes(field: "VmHWM:")
        precondition(checksum.isFinite)
        return Result(name: "retail (default parameters)", customers: customers, days: days, events: stream.delivered,
                      eventsPerSecond: Double(stream.delivered) / seconds(run), setupSeconds: seconds(setup),
                      residentBytesPerCustomer: Double(after - before) / Double(customers),
                      peakResidentBytesPerCustomer: Double(peak - before) / Double(customers),
                      eventsPerCPUSecond: cpu > 0 ? Double(stream.delivered) / cpu : 0)
    }

    /// CPU time consumed by the calling thread, in seconds (0 where unavailable).
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The process's resident set size in bytes (Linux /proc, `VmRSS`; `VmHWM` for its peak so
    /// far), 0 where unavailable.
    public static func residentBytes(field: String = "VmRSS:") -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}
