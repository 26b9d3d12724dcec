// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Telltale",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "telltale", targets: ["telltale"]),
        .library(name: "TextFeatures", targets: ["TextFeatures"]),
        .library(name: "Classifier", targets: ["Classifier"]),
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
        .target(name: "Train", dependencies: ["TextFeatures", "Classifier", "TelltaleIO"]),
        // Streaming input/output for the CLI: byte source (plain or gzip), line reader, JSON line
        // parser, JSON writer. A library
        // (not inside the executable) so fuzz targets and other commands can reuse it.
        // Input may be gzip-compressed: TelltaleIO reads it through zlib (zlib1g-dev on Debian).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "TelltaleIO", dependencies: ["CZlib"]),
        // Rolls scored posts up to accounts: Beijing working hours, near-duplicate clusters
        // (MinHash/LSH), flag rates; reports as JSONL and HTML.
        .target(name: "Campaign", dependencies: ["TextFeatures", "Classifier", "TelltaleIO"]),
        .executableTarget(
            name: "telltale",
            dependencies: [
                "TextFeatures", "Classifier", "Train", "TelltaleIO", "Campaign",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "CICU"]),
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier", "TextFeatures"]),
        .testTarget(name: "TrainTests", dependencies: ["Train", "Classifier", "TextFeatures", "TelltaleIO"]),
        .testTarget(name: "CampaignTests", dependencies: ["Campaign", "TextFeatures"]),
        .testTarget(name: "TelltaleCLITests", dependencies: ["telltale", "TelltaleIO", "Classifier", "TextFeatures"]),
    ]
)
