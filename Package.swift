// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    // Linux only (Debian 12 and alike): ICU and zlib come from the system, signal handling and
    // I/O are written and tested against Glibc. No Apple platform is declared, none is built.
    name: "Telltale",
    products: [
        .executable(name: "telltale", targets: ["telltale"]),
        .library(name: "TextFeatures", targets: ["TextFeatures"]),
        .library(name: "Classifier", targets: ["Classifier"]),
        .library(name: "Corpus", targets: ["Corpus"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Train", targets: ["Train"]),
        .library(name: "TelltaleIO", targets: ["TelltaleIO"]),
        .library(name: "Campaign", targets: ["Campaign"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The only place ICU headers are included (see DESIGN.md: Foundation + ICU in one Swift
        // module does not compile on Linux).
        .target(
            name: "CICU",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "TextFeatures", dependencies: ["CICU"], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "Classifier", dependencies: ["TextFeatures"]),
        // Labelled corpora: records, formats (JSONL, fastText, TSV), streaming readers and parsers.
        .target(name: "Corpus", dependencies: ["TextFeatures", "TelltaleIO"]),
        // What every report page and table shares: escaping, number formats, tables, SVG charts,
        // the base stylesheet.
        .target(name: "Reporting"),
        // Metrics, thresholds, the evaluation collector and its renderers (text, JSON, Markdown, HTML).
        .target(name: "Evaluation", dependencies: ["TelltaleIO", "Corpus", "Reporting"]),
        // Feature matrix, trainers, calibration fitting, the training pipeline.
        .target(name: "Train", dependencies: ["TextFeatures", "Classifier", "TelltaleIO", "Corpus", "Evaluation", "CICU"]),
        // Streaming input/output for the CLI: byte source (plain or gzip), line reader, JSON line
        // parser, JSON writer. A library
        // (not inside the executable) so fuzz targets and other commands can reuse it.
        // Input may be gzip-compressed: TelltaleIO reads it through zlib (zlib1g-dev on Debian).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "TelltaleIO", dependencies: ["CZlib"]),
        // Rolls scored posts up to accounts: Beijing working hours, near-duplicate clusters
        // (MinHash/LSH), flag rates; reports as JSONL and HTML.
        .target(name: "Campaign", dependencies: ["TextFeatures", "Classifier", "TelltaleIO", "Reporting"]),
        .executableTarget(
            name: "telltale",
            dependencies: [
                "TextFeatures", "Classifier", "Corpus", "Reporting", "Evaluation", "Train", "TelltaleIO", "Campaign",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "CICU", "Train", "TestSupport"]),
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier", "TextFeatures", "Train"]),
        .testTarget(name: "TelltaleIOTests", dependencies: ["TelltaleIO"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "TestSupport", "TextFeatures"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Corpus", "Reporting"]),
        .testTarget(name: "TrainTests", dependencies: ["Train", "Corpus", "Classifier", "TextFeatures", "TelltaleIO", "TestSupport"]),
        .testTarget(name: "CampaignTests", dependencies: ["Campaign"]),
        // Runs the built binary (hence the dependency on the executable).
        .testTarget(name: "TelltaleCLITests", dependencies: ["telltale", "TelltaleIO", "Classifier", "TextFeatures", "TestSupport"]),
        // Helpers shared by the test targets (temporary files, the evasion perturbations).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)
