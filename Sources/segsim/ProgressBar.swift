import Foundation
import SegsimRun

/// A one-line progress bar on standard error — virtual time, generator speed and ETA — drawn only
/// when standard error is a terminal and `CI` is not set, so logs stay clean.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let replications: Int
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var fractions: [Int: Double] = [:]
    private var events: [Int: UInt64] = [:]

    init(enabled: Bool, replications: Int) {
        self.enabled = enabled && isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        self.replications = replications
    }

    /// Records a replication's progress and redraws at most ten times a second.
    func update(_ progress: RunProgress) {
        guard enabled else { return }
        lock.withLock {
            // History (negative time) counts as the first tenth of the work.
            let fraction = progress.virtualTime < 0 ? 0 : 0.1 + 0.9 * min(1, progress.virtualTime / progress.duration)
            fractions[progress.replication] = fraction
            events[progress.replication] = progress.events
            let now = Date()
            guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            // With --precision more replications may join than were announced.
            let done = fractions.values.reduce(0, +) / Double(max(replications, fractions.count))
            let elapsed = now.timeIntervalSince(start)
            let rate = Double(events.values.reduce(0, +)) / max(elapsed, 1e-3)
            let eta = done > 0.02 ? elapsed * (1 - done) / done : .nan
            let width = 30
            let filled = Int(done * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let time = progress.virtualTime < 0 ? "history" : String(format: "day %.2f/%.0f", progress.virtualTime / 86_400,
                                                                      progress.duration / 86_400)
            let line = String(format: "\r%@ %3.0f%%  %@  %.1fM events/s  ETA %@ ", bar, done * 100, time, rate / 1e6,
                              eta.isFinite ? String(format: "%.0fs", eta) : "…")
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Erases the bar.
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 90) + "\r").utf8))
    }
}
