// swift-tools-version: 6.0
// segsim — discrete-event simulation and benchmarking harness for real-time customer segmentation.

import PackageDescription

let package = Package(
    name: "segsim",
    products: [
        .executable(name: "segsim", targets: ["segsim"]),
        .library(name: "SegsimRandom", targets: ["SegsimRandom"]),
        .library(name: "SegsimKernel", targets: ["SegsimKernel"]),
        .library(name: "SegsimQueueing", targets: ["SegsimQueueing"]),
        .library(name: "SegsimBehaviour", targets: ["SegsimBehaviour"]),
        .library(name: "SegsimPipeline", targets: ["SegsimPipeline"]),
        .library(name: "SegsimMetrics", targets: ["SegsimMetrics"]),
        .library(name: "SegsimReport", targets: ["SegsimReport"]),
        .library(name: "SegsimRun", targets: ["SegsimRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Thin C shim over GNU GSL (apt: libgsl-dev), kept apart as swift-numerics keeps its shims.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Seeded random streams (one per purpose) and the distributions the models draw from.
        .target(name: "SegsimRandom", dependencies: ["CGSL"]),
        // Virtual time, event calendars, the run loop and statistics collectors.
        .target(
            name: "SegsimKernel",
            dependencies: [
                "CGSL",
                "SegsimRandom",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // FCFS multi-server stations (calendar-driven and Lindley/Kiefer–Wolfowitz) and queueing theory.
        .target(name: "SegsimQueueing", dependencies: ["SegsimKernel", "SegsimRandom"]),
        // Synthetic customers: retail and healthcare behaviour with ground truth, as an event stream.
        .target(name: "SegsimBehaviour", dependencies: ["CGSL", "SegsimRandom", "SegsimKernel"]),
        // The system under study: log, consumers, features, segmentation strategies, profile store.
        .target(name: "SegsimPipeline", dependencies: ["CGSL", "SegsimKernel", "SegsimRandom", "SegsimBehaviour", "SegsimQueueing"]),
        // Evaluation metrics: stability (flip rate, ARI, PSI, transitions, dwell), lift, gains, AUC,
        // replication intervals and warm-up detection. Pure functions over arrays.
        .target(name: "SegsimMetrics", dependencies: ["SegsimKernel", "SegsimRandom"]),
        // Self-contained HTML reports with inline SVG charts.
        .target(name: "SegsimReport", dependencies: ["SegsimMetrics"]),
        // The scenario file: schema, YAML decoding with line numbers, validation.
        .target(
            name: "SegsimScenario",
            dependencies: ["SegsimRandom", "SegsimBehaviour", "SegsimPipeline", .product(name: "Yams", package: "Yams")]
        ),
        // One run of a scenario: generator -> pipeline -> features -> strategy -> evaluation -> results.
        .target(
            name: "SegsimRun",
            dependencies: ["SegsimScenario", "SegsimPipeline", "SegsimBehaviour", "SegsimMetrics", "SegsimReport",
                           "SegsimQueueing", "SegsimKernel", "SegsimRandom"]
        ),
        // Benchmarks as first-class code: `segsim bench kernel` runs them.
        .target(name: "SegsimBench", dependencies: ["SegsimKernel", "SegsimQueueing", "SegsimRandom", "SegsimBehaviour", "SegsimPipeline"]),
        .executableTarget(
            name: "segsim",
            dependencies: [
                "SegsimRandom", "SegsimKernel", "SegsimQueueing", "SegsimBehaviour", "SegsimScenario", "SegsimBench",
                "SegsimPipeline", "SegsimMetrics", "SegsimReport", "SegsimRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SegsimRandomTests",
            dependencies: ["CGSL", "SegsimRandom", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "SegsimKernelTests",
            dependencies: ["SegsimKernel", "SegsimRandom", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .testTarget(name: "SegsimBehaviourTests", dependencies: ["SegsimBehaviour", "SegsimKernel", "SegsimRandom"]),
        .testTarget(name: "SegsimScenarioTests", dependencies: ["SegsimScenario", "SegsimBehaviour", "SegsimRandom"]),
        .testTarget(name: "SegsimPipelineTests", dependencies: ["SegsimPipeline", "SegsimQueueing", "SegsimKernel", "SegsimBehaviour", "SegsimRandom"]),
        .testTarget(name: "SegsimQueueingTests", dependencies: ["SegsimQueueing", "SegsimKernel", "SegsimRandom"]),
        .testTarget(name: "SegsimMetricsTests", dependencies: ["SegsimMetrics", "SegsimKernel", "SegsimRandom"]),
        .testTarget(name: "SegsimReportTests", dependencies: ["SegsimReport", "SegsimMetrics"]),
        .testTarget(
            name: "SegsimRunTests",
            dependencies: ["SegsimRun", "SegsimScenario", "SegsimPipeline", "SegsimBehaviour", "SegsimMetrics", "SegsimReport"]
        ),
        // Runs the built `segsim` binary: exit codes, messages and files, as users and CI see them.
        .testTarget(name: "SegsimCLITests", dependencies: ["segsim"]),
    ],
    swiftLanguageModes: [.v6]
)
