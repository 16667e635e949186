/// What a ``PipelineSimulation`` measures besides its records, delivery accounting, stage means,
/// stations' counts and busy times, consumer lag and timeline counts, which it always keeps.
public enum PipelineMeasurement: Sendable {
    /// Distributions too: each stage latency's histogram and batch means, every station's waits
    /// and sojourns with their batch means, and the timeline's latency percentiles per window.
    /// Queueing validation and callers that report the pipeline's own percentiles need them.
    case full
    /// Means and counts only: what a scenario run reports, since it measures end-to-end latency on
    /// the records itself. About 450 fewer instructions per event than ``full`` on the retail
    /// benchmark.
    case means
}
