/// The event calendar a model runs on, chosen at run time but dispatched once per run.
///
/// Modules expose a non-generic entry point taking a `CalendarKind` and switch to a generic
/// implementation inside the module, where the compiler specialises it for the concrete calendar;
/// a generic entry point called from another module would run unspecialised, through witness tables.
public enum CalendarKind: String, Sendable, Codable, CaseIterable {
    /// The ladder queue: O(1) amortised, the default.
    case ladder
    /// The binary heap: O(log n), the reference implementation.
    case heap
}
