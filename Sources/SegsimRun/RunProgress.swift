/// How far a replication has got, reported every few hundred thousand events so a terminal can
/// draw a progress bar.
public struct RunProgress: Sendable {
    /// The replication reporting.
    public var replication: Int
    /// Its virtual time, seconds from the run start (negative while history is replayed).
    public var virtualTime: Double
    /// The run's duration, seconds.
    public var duration: Double
    /// Events generated so far.
    public var events: UInt64
}

/// A run that cannot start or cannot finish, with the field to fix when there is one.
public struct RunError: Error, Sendable, CustomStringConvertible {
    /// The scenario field at fault (`strategy.kind`), or empty.
    public var path: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error for `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
