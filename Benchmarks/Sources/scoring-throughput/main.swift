import Classifier
import Foundation
import TextFeatures

// Scoring throughput and a determinism dump, as a plain release driver (also for callgrind):
//   swift run -c release --package-path Benchmarks scoring-throughput <mode> [args]
// modes:
//   core [features] [passes]      scoring core alone on 100,000 synthetic posts of `features`
//                                 active features (default 100), default model's weights; posts/s
//                                 per post (`score`) and CSR batches of 1,024 (`scoreBatch`)
//   load [runs]                   Model.load of the default model (mmap + checks), min/median ms
//   pipeline FILE.jsonl [passes]  Scorer.score (features + core + calibration) on every post of
//                                 FILE (text and parent), posts/s over this thread's CPU time
//   dump FILE.jsonl               per post: feature indices and value bit patterns, raw scores
//                                 (bit patterns): diff two builds to prove outputs unchanged
// MODEL (env) picks another model file.

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let defaultModel = here.appendingPathComponent("../../../Models/telltale.model").standardized.path
let modelPath = ProcessInfo.processInfo.environment["MODEL"] ?? defaultModel
let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "core"

/// (text, parent) of every line of a JSONL file with a "text" field.
func readPosts(_ path: String) -> [(String, String?)] {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
        guard let obj = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
              let text = obj["text"] as? String else { return nil }
        return (text, obj["parent"] as? String)
    }
}

func loadModel() -> Model {
    do { return try Model.load(path: modelPath) } catch {
        print("\(error)")
        exit(1)
    }
}

switch mode {
case "core":
    let features = args.count > 2 ? Int(args[2]) ?? 100 : 100
    let passes = args.count > 3 ? Int(args[3]) ?? 5 : 5
    let model = loadModel()
    let core = model.scoringCore
    let posts = 100_000, batch = 1024
    var rng = SystemRandomNumberGenerator()
    // Indices spread over the whole table (cache misses as with real hashed features), values 1/sqrt(n).
    let indices = (0..<(posts * features)).map { _ in UInt32.random(in: 0..<UInt32(model.bucketCount), using: &rng) }
    let values = [Float](repeating: 1 / Float(features).squareRoot(), count: posts * features)
    var scores = [Float](repeating: 0, count: batch * model.labelCount)
    print("scoring core: \(posts) posts x \(features) features, \(model.labelCount) labels, stride \(model.stride), \(model.bucketCount) buckets (\((model.bucketCount * model.stride * 4) >> 20) MB of weights)")
    var bestOne = Double.infinity, bestBatch = Double.infinity
    var sink: Float = 0
    for _ in 0..<passes {
        var t0 = threadCPUSeconds()
        indices.withUnsafeBufferPointer { idx in
            values.withUnsafeBufferPointer { val in
                scores.withUnsafeMutableBufferPointer { out in
                    for p in 0..<posts {
                        core.score(indices: UnsafeBufferPointer(rebasing: idx[(p * features)..<((p + 1) * features)]),
                                   values: UnsafeBufferPointer(rebasing: val[(p * features)..<((p + 1) * features)]),
                                   into: out)
                        sink += out[0]
                    }
                }
            }
        }
        bestOne = min(bestOne, threadCPUSeconds() - t0)
        let offsets = (0...batch).map { $0 * features }
        t0 = threadCPUSeconds()
        indices.withUnsafeBufferPointer { idx in
            values.withUnsafeBufferPointer { val in
                offsets.withUnsafeBufferPointer { off in
                    scores.withUnsafeMutableBufferPointer { out in
                        var p = 0
                        while p < posts {
                            let n = min(batch, posts - p)
                            let lo = p * features, hi = (p + n) * features
                            try? core.scoreBatch(indices: UnsafeBufferPointer(rebasing: idx[lo..<hi]),
                                                 values: UnsafeBufferPointer(rebasing: val[lo..<hi]),
                                                 offsets: UnsafeBufferPointer(rebasing: off[0...n]), into: out)
                            sink += out[0]
                            p += n
                        }
                    }
                }
            }
        }
        bestBatch = min(bestBatch, threadCPUSeconds() - t0)
    }
    print("score (one post per call): \(Int(Double(posts) / bestOne)) posts/s (best of \(passes), CPU time)")
    print("scoreBatch (1024 per call): \(Int(Double(posts) / bestBatch)) posts/s (best of \(passes), CPU time)")
    if sink.isNaN { print(sink) }

case "load":
    let runs = args.count > 2 ? Int(args[2]) ?? 20 : 20
    var times: [Double] = []
    var labels = 0
    for _ in 0..<runs {
        let start = ContinuousClock.now
        let model = loadModel()
        times.append(seconds(ContinuousClock.now - start) * 1000)
        labels += model.labelCount
    }
    times.sort()
    let size = (try? FileManager.default.attributesOfItem(atPath: modelPath)[.size] as? Int) ?? 0
    print("Model.load \(modelPath) (\(size) bytes), \(runs) runs: min \(String(format: "%.2f", times[0])) ms, median \(String(format: "%.2f", times[runs / 2])) ms, max \(String(format: "%.2f", times[runs - 1])) ms (\(labels / runs) labels)")

case "pipeline":
    guard args.count > 2 else { print("pipeline FILE.jsonl [passes]"); exit(1) }
    let posts = readPosts(args[2])
    let passes = args.count > 3 ? Int(args[3]) ?? 5 : 5
    let model = loadModel()
    let scorer: Scorer
    do { scorer = try Scorer(model: model) } catch { print("\(error)"); exit(1) }
    let texts = posts.map { Array($0.0.utf8) }
    let parents = posts.map { $0.1.map { Array($0.utf8) } }
    var result = PostScore()
    var best = Double.infinity
    var flags = 0
    for _ in 0..<passes {
        let t0 = threadCPUSeconds()
        for i in 0..<posts.count {
            texts[i].withUnsafeBufferPointer { t in
                if parents[i] != nil {
                    parents[i]!.withUnsafeBufferPointer { p in scorer.score(text: t, parent: p, explain: false, k: 3, into: &result) }
                } else {
                    scorer.score(text: t, parent: nil, explain: false, k: 3, into: &result)
                }
            }
            flags += result.flags.count
        }
        best = min(best, threadCPUSeconds() - t0)
    }
    let bytes = texts.reduce(0) { $0 + $1.count } + parents.reduce(0) { $0 + ($1?.count ?? 0) }
    print("pipeline \(args[2]): \(posts.count) posts (\(bytes) bytes), \(Int(Double(posts.count) / best)) posts/s, \(String(format: "%.1f", Double(bytes) / 1e6 / best)) MB/s (best of \(passes), CPU time) [\(flags) flags]")

case "dump":
    guard args.count > 2 else { print("dump FILE.jsonl"); exit(1) }
    let model = loadModel()
    let extractor = FeatureExtractor(config: model.header.features, documentFrequencies: model.documentFrequencies)
    let core = model.scoringCore
    var vector = FeatureVector()
    var raw: [Float] = []
    var out = ""
    for (text, parent) in readPosts(args[2]) {
        extractor.extract(text: text, parent: parent, into: &vector)
        core.score(vector, into: &raw)
        out += raw.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") + " |"
        for (i, v) in zip(vector.indices, vector.values) { out += " \(i):\(String(v.bitPattern, radix: 16))" }
        out += "\n"
        if out.utf8.count > 1 << 20 { print(out, terminator: ""); out = "" }
    }
    print(out, terminator: "")

default:
    print("modes: core [features] [passes] | load [runs] | pipeline FILE.jsonl [passes] | dump FILE.jsonl")
    exit(1)
}
