// SegsimMetrics: evaluation metrics over segment snapshots, scores and outcomes.
//
// Conventions shared by every file of the module:
//
// - A snapshot is a `[UInt8]` of segment indices, one per customer, in a fixed customer order;
//   `segmentCount` (1...256) says how many segments the strategy has. Counts are kept in flat
//   arrays indexed by segment (k or k×k entries), never in dictionaries.
// - Outcomes and latent truths are `[Bool]`, aligned with the snapshot (one byte per customer:
//   10 MB for 10⁷ customers, and a plain loop over it vectorises).
// - Scores are `[Float]`, larger meaning "more likely positive".
// - Structurally invalid input (mismatched lengths, a segment index ≥ segmentCount, a NaN score,
//   a bad parameter) throws a typed `MetricError`. Valid input on which a metric is undefined
//   (no customers, no positives, a segment nobody left) yields `MetricValue.notApplicable`
//   with a reason, never 0 or NaN. Nothing traps on user data.
