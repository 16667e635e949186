import SegsimKernel

/// What happened in one window of virtual time, accumulated as the run goes.
struct WindowAccumulator {
    var generated = 0
    var segmented = 0
    var withinSLO = 0
    /// 10 µs resolution: enough for latencies from milliseconds to days, with bounded memory.
    var latency = LatencyHistogram(resolution: 1e-5)

    /// Records one event's end-to-end latency (segment time − event time).
    /// - Complexity: O(1).
    mutating func record(latency seconds: Double, slo: Double) {
        segmented += 1
        if seconds <= slo { withinSLO += 1 }
        latency.record(seconds)
    }
}
