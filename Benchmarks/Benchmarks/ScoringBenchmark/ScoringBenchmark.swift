import Benchmark
import BenchmarkCorpus
import Classifier
import Foundation
import TelltaleIO
import TextFeatures

// Scoring throughput, single thread, with the default model (Models/telltale.model, read at run
// time; MODEL=... picks another):
//   core 100 features   the vectorised core alone on 16,384 posts of 100 hashed features each
//                       (indices spread over the whole table), `scoreBatch` by 1,024; posts/s
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

    // 16,384 posts of 100 features (6.5 MB of indices, more than the L2 cache), scored in
    // batches of 1,024; generated once, outside the timed closure.
    let posts = 16_384, features = 100, batch = 1024
    var state: UInt64 = 42
    let indices = (0..<(posts * features)).map { _ -> UInt32 in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: z ^ (z >> 31)) & UInt32(model.bucketCount - 1)
    }
    let values = [Float](repeating: 0.1, count: posts * features)
    let offsets = (0...batch).map { $0 * features }
    Benchmark("core 100 features") { benchmark in
        let core = model.scoringCore
        var scores = [Float](repeating: 0, count: batch * model.labelCount)
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            indices.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in
                    offsets.withUnsafeBufferPointer { o in
                        scores.withUnsafeMutableBufferPointer { s in
                            for b in stride(from: 0, to: posts, by: batch) {
                                let lo = b * features, hi = (b + batch) * features
                                try? core.scoreBatch(indices: UnsafeBufferPointer(rebasing: i[lo..<hi]),
                                                     values: UnsafeBufferPointer(rebasing: v[lo..<hi]), offsets: o, into: s)
                            }
                        }
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
    var lines: [[UInt8]] = []
    for (i, text) in corpus.posts.enumerated() {
        if let data = try? JSONSerialization.data(withJSONObject: ["id": "p-\(i)", "text": text]) {
            lines.append(Array(data))
        }
    }
    let jsonLines = lines
    Benchmark("parse JSON lines english") { benchmark in
        var parser = PostLineParser()
        var post = PostLine()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            for line in jsonLines {
                _ = line.withUnsafeBufferPointer { parser.parse($0, into: &post) }
            }
            benchmark.measurement(postsPerSecond, perSecond(jsonLines.count, since: start))
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
