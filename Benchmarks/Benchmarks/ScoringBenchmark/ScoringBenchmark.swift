import Benchmark
import BenchmarkCorpus
import Classifier
import Foundation
import TelltaleIO
import TextFeatures

// Scoring throughput, single thread, with the default model (Models/telltale.model, read at run
// time; MODEL=... picks another):
//   core 100 features   the vectorised core alone on 1,024 posts of 100 hashed features each
//                       (indices spread over the whole table), `scoreBatch`; custom metric posts/s
//   model load          Model.load (mmap, checksum, header, finite-weight check)
//   parse JSON lines    PostLineParser on the English sample written as {"id","text"} lines
//   scorer english      Scorer.score (features + core + calibration + flags) per post; posts/s
//   swift package --package-path Benchmarks benchmark --target ScoringBenchmark

let modelPath = ProcessInfo.processInfo.environment["MODEL"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Models/telltale.model").standardized.path

func perSecond(_ count: Int, since start: ContinuousClock.Instant) -> Int {
    let d = ContinuousClock.now - start
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    return Int((Double(count) / s).rounded())
}

let postsPerSecond = BenchmarkMetric.custom("posts/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, postsPerSecond],
        maxDuration: .seconds(3),
        maxIterations: 1000
    )
    guard let model = try? Model.load(path: modelPath) else {
        print("no model at \(modelPath): set MODEL")
        return
    }

    Benchmark("core 100 features") { benchmark in
        let core = model.scoringCore
        let posts = 1024, features = 100
        var rng = SystemRandomNumberGenerator()
        let indices = (0..<(posts * features)).map { _ in UInt32.random(in: 0..<UInt32(model.bucketCount), using: &rng) }
        let values = [Float](repeating: 0.1, count: posts * features)
        let offsets = (0...posts).map { $0 * features }
        var scores = [Float](repeating: 0, count: posts * model.labelCount)
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            indices.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in
                    offsets.withUnsafeBufferPointer { o in
                        scores.withUnsafeMutableBufferPointer { s in try? core.scoreBatch(indices: i, values: v, offsets: o, into: s) }
                    }
                }
            }
            benchmark.measurement(postsPerSecond, perSecond(posts, since: start))
            blackHole(scores[0])
        }
    }

    Benchmark("model load", configuration: .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident])) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? Model.load(path: modelPath))
        }
    }

    let corpus = BenchmarkCorpus.load(.english)
    Benchmark("parse JSON lines english") { benchmark in
        var lines: [[UInt8]] = []
        for (i, text) in corpus.posts.enumerated() {
            if let data = try? JSONSerialization.data(withJSONObject: ["id": "p-\(i)", "text": text]) {
                lines.append(Array(data))
            }
        }
        var parser = PostLineParser()
        var post = PostLine()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            for line in lines {
                _ = line.withUnsafeBufferPointer { parser.parse($0, into: &post) }
            }
            benchmark.measurement(postsPerSecond, perSecond(lines.count, since: start))
            blackHole(post.text.count)
        }
    }

    Benchmark("scorer english") { benchmark in
        guard let scorer = try? Scorer(model: model) else { return }
        let texts = corpus.posts.map { Array($0.utf8) }
        var result = PostScore()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            for t in texts {
                t.withUnsafeBufferPointer { scorer.score(text: $0, parent: nil, explain: false, k: 3, into: &result) }
            }
            benchmark.measurement(postsPerSecond, perSecond(texts.count, since: start))
            blackHole(result.flags.count)
        }
    }
}
