// swift-tools-version: 6.1
// libFuzzer targets for Telltale. NOT part of the root package (so `swift test` never builds it).
// Build and run one with `scripts/fuzz.sh TARGET SECONDS` (it passes -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "TelltaleFuzz",
    dependencies: [.package(name: "Telltale", path: "../..")],
    targets: [
        .target(name: "FuzzSupport"),
        .target(name: "CFuzzDriver"),
        // Normaliser + segmenter + hasher (FeatureExtractor) on arbitrary bytes, with a parent.
        .executableTarget(name: "FuzzFeatures", dependencies: ["FuzzSupport", "CFuzzDriver", .product(name: "TextFeatures", package: "Telltale")]),
        // LineReader + PostLineParser (the `score` input path) + JSONWriter round trip.
        .executableTarget(name: "FuzzPostLine", dependencies: ["FuzzSupport", "CFuzzDriver", .product(name: "TelltaleIO", package: "Telltale")]),
        // CorpusReader in its three formats (JSONL, fastText, TSV).
        .executableTarget(name: "FuzzCorpus", dependencies: ["FuzzSupport", "CFuzzDriver", .product(name: "Corpus", package: "Telltale")]),
        // Model.load (re-sealing the checksum half the time so the deeper checks run), then scoring.
        .executableTarget(name: "FuzzModel", dependencies: [
            "FuzzSupport", "CFuzzDriver", .product(name: "Classifier", package: "Telltale"), .product(name: "TextFeatures", package: "Telltale"),
        ]),
        // Writes the seed model files of corpus/model (run without sanitizers; see scripts/fuzz.sh).
        .executableTarget(name: "FuzzSeeds", dependencies: [
            .product(name: "Classifier", package: "Telltale"), .product(name: "TextFeatures", package: "Telltale"),
        ]),
    ]
)
