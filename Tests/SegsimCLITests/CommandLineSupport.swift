import Foundation

/// What one `segsim` invocation did.
struct Invocation {
    var status: Int32
    var output: String
    var error: String
}

/// The repository root (scenarios/ lives there).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The `segsim` binary built next to the test bundle.
let segsimBinary: String = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On Linux the runner is `<build>/segsimPackageTests.xctest`; elsewhere it may sit inside a bundle.
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("segsim").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repositoryRoot + "/.build/release/segsim"
}()

/// Runs `segsim arguments…` in the repository root with `CI=true` (no progress bar).
func segsim(_ arguments: [String]) throws -> Invocation {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: segsimBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    var environment = ProcessInfo.processInfo.environment
    environment["CI"] = "true"
    process.environment = environment
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read before waiting, so a full pipe cannot block the child.
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                      error: String(decoding: err, as: UTF8.self))
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("segsim-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Overrides that shrink any shipped scenario to a smoke run of a second or so. Healthcare keeps its
/// 30-day horizon: the logistic model learns from readmissions in the 30 days before the run, which
/// a few thousand patients would not have.
func smokeSize(domain: String) -> [String] {
    let size = domain == "healthcare"
        ? ["--set", "healthcare.patients=30000", "--set", "duration=2w"]
        : ["--set", "retail.customers=3000", "--set", "duration=1d", "--set", "evaluation.horizon=1d", "--set", "evaluation.lift_every=1d"]
    return size + ["--set", "replications=1"]
}
