import SegsimPipeline

extension PipelineTopology {
    /// One line for reports: `12 partitions → 6 workers (range) → store ×8`.
    var shortDescription: String {
        "\(partitions) partitions → \(workers) workers (\(assignment.configurationName)) → store ×\(storeConcurrency)"
    }
}
