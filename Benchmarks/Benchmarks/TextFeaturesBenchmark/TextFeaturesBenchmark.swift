import Benchmark
import BenchmarkCorpus
import TextFeatures

// TextFeatures throughput, single thread, on real posts (../shared/corpora dev sets, read at run
// time) or the built-in paragraphs. Each iteration processes the whole sample; the custom metric
// "MB/s" is the sample's UTF-8 bytes divided by that iteration's wall-clock time.
//   swift package --package-path Benchmarks benchmark --target TextFeaturesBenchmark

/// One pass of `stage` over every post of `corpus`; returns something to keep alive.
typealias Stage = @Sendable (BenchmarkCorpus, Normalizer, Segmenter, FeatureExtractor) -> Int

let stages: [(String, Stage)] = [
    ("normalize", { corpus, normalizer, _, _ in
        var out: [UInt8] = []
        var sink = 0
        for post in corpus.posts {
            var s = post
            _ = s.withUTF8 { normalizer.normalize($0, into: &out) }
            sink &+= out.count
        }
        return sink
    }),
    ("normalize+segment", { corpus, normalizer, segmenter, _ in
        var out: [UInt8] = []
        var tokens: [Token] = []
        var sink = 0
        for post in corpus.posts {
            var s = post
            _ = s.withUTF8 { normalizer.normalize($0, into: &out) }
            out.withUnsafeBufferPointer { segmenter.segment($0, into: &tokens) }
            sink &+= tokens.count
        }
        return sink
    }),
    ("extract", { corpus, _, _, extractor in
        var vector = FeatureVector()
        var sink = 0
        for post in corpus.posts {
            extractor.extract(text: post, into: &vector)
            sink &+= vector.count
        }
        return sink
    }),
]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
        maxDuration: .seconds(3),
        maxIterations: 200
    )
    for kind in BenchmarkCorpus.Kind.allCases {
        let corpus = BenchmarkCorpus.load(kind)
        let bytes = corpus.bytes
        for (name, stage) in stages {
            Benchmark("\(name) \(kind)") { benchmark in
                let normalizer = Normalizer(), segmenter = Segmenter(), extractor = FeatureExtractor()
                _ = stage(corpus, normalizer, segmenter, extractor) // warm up buffers
                for _ in benchmark.scaledIterations {
                    let start = ContinuousClock.now
                    blackHole(stage(corpus, normalizer, segmenter, extractor))
                    let elapsed = ContinuousClock.now - start
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                                          Int((Double(bytes) / 1e6 / seconds).rounded()))
                }
            }
        }
    }
}
