// swift-tools-version: 6.1
// Throughput benchmarks for Telltale, kept out of the root package so `swift test` never builds
// them. Run from the repository root:
//   swift package --package-path Benchmarks benchmark
import PackageDescription

// A path dependency's identity is its directory name (`main`, `wt-textfeatures`, a CI clone...),
// so the root package is named after whatever directory holds this one.
let rootPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "telltale"

let package = Package(
    name: "TelltaleBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchmarkCorpus", path: "Sources/BenchmarkCorpus"),
        .executableTarget(
            name: "textfeatures-throughput",
            dependencies: ["BenchmarkCorpus", .product(name: "TextFeatures", package: rootPackage)],
            path: "Sources/textfeatures-throughput"
        ),
        .executableTarget(
            name: "train-throughput",
            dependencies: [.product(name: "Train", package: rootPackage)],
            path: "Sources/train-throughput"
        ),
        .executableTarget(
            name: "scoring-throughput",
            dependencies: [.product(name: "Classifier", package: rootPackage), .product(name: "TextFeatures", package: rootPackage)],
            path: "Sources/scoring-throughput"
        ),
        .executableTarget(
            name: "TextFeaturesBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TextFeatures", package: rootPackage),
                "BenchmarkCorpus",
            ],
            path: "Benchmarks/TextFeaturesBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ScoringBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Classifier", package: rootPackage),
                .product(name: "TextFeatures", package: rootPackage),
                .product(name: "TelltaleIO", package: rootPackage),
                "BenchmarkCorpus",
            ],
            path: "Benchmarks/ScoringBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
