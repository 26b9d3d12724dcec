import BenchmarkCorpus
import Foundation
import TextFeatures

// A plain release driver for quick throughput numbers and for profiling under
// `valgrind --tool=callgrind` (where the Benchmark harness would add noise):
//   swift run -c release --package-path Benchmarks textfeatures-throughput [english|chinese|all] [passes] [stage]
// stage: normalize, segment, analyze, extract (default: all four).
// Prints MB/s over wall-clock time and over this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which
// stays meaningful when other processes share the cores; the best of `passes` passes is kept.

/// This thread's CPU time in seconds.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let args = CommandLine.arguments

/// `huge [MB]`: one line of that many MB (default 50) of English and of Chinese through `extract`,
/// to show that nothing is quadratic and nothing crashes.
if args.count > 1 && args[1] == "huge" {
    let megabytes = args.count > 2 ? Int(args[2]) ?? 50 : 50
    let extractor = FeatureExtractor()
    for unit in ["The police said the report was wrong, don\u{2019}t believe it @user #news. ",
                 "美国的democracy只是一个show，我们都知道这个道理。今天天气很好#话题#"] {
        let line = String(repeating: unit, count: megabytes * 1_000_000 / unit.utf8.count)
        let start = ContinuousClock.now
        let v = extractor.extract(text: line)
        let d = ContinuousClock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        print("\(line.utf8.count) bytes: \(v.count) features in \(String(format: "%.2f", seconds)) s (\(String(format: "%.1f", Double(line.utf8.count) / 1e6 / seconds)) MB/s)")
    }
    exit(0)
}
let kinds: [BenchmarkCorpus.Kind] = args.count > 1 && args[1] != "all" ? [BenchmarkCorpus.Kind(rawValue: args[1]) ?? .english] : BenchmarkCorpus.Kind.allCases
let passes = args.count > 2 ? Int(args[2]) ?? 5 : 5
let stages = args.count > 3 ? [args[3]] : ["normalize", "segment", "analyze", "extract"]

for kind in kinds {
    let corpus = BenchmarkCorpus.load(kind)
    let bytes = corpus.bytes
    print("\(kind): \(corpus.posts.count) posts, \(bytes) bytes from \(corpus.source)")
    let normalizer = Normalizer()
    let segmenter = Segmenter()
    let extractor = FeatureExtractor()
    var normalized: [[UInt8]] = corpus.posts.map { _ in [] }
    for (i, p) in corpus.posts.enumerated() {
        var s = p
        s.withUTF8 { _ = normalizer.normalize($0, into: &normalized[i]) }
    }
    for stage in stages {
        var sink = 0
        var best = Double.infinity
        var bestCPU = Double.infinity
        for _ in 0..<passes {
            let start = ContinuousClock.now
            let startCPU = threadCPUSeconds()
            switch stage {
            case "normalize":
                var out: [UInt8] = []
                for p in corpus.posts {
                    var s = p
                    s.withUTF8 { normalizer.normalize($0, into: &out) }
                    sink &+= out.count
                }
            case "segment":
                var tokens: [Token] = []
                for n in normalized {
                    n.withUnsafeBufferPointer { segmenter.segment($0, into: &tokens) }
                    sink &+= tokens.count
                }
            case "analyze":
                var a = TextAnalysis()
                for p in corpus.posts {
                    var s = p
                    s.withUTF8 { extractor.analyze($0, into: &a) }
                    sink &+= a.tokens.count
                }
            default:
                var v = FeatureVector()
                for p in corpus.posts {
                    extractor.extract(text: p, into: &v)
                    sink &+= v.count
                }
            }
            bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
            let d = ContinuousClock.now - start
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            best = min(best, seconds)
        }
        let mbps = Double(bytes) / 1e6 / best
        let cpuMBps = Double(bytes) / 1e6 / bestCPU
        print("  \(stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", mbps)) MB/s wall  \(String(format: "%7.1f", cpuMBps)) MB/s CPU  (best of \(passes), sink \(sink % 10))")
    }
}
