/// SegsimPipeline: the real feature and segmentation code that the simulated pipeline runs per
/// event (features, strategies); the queueing model of the log, consumers and store follows.
public enum SegsimPipeline {}
