import Foundation
import Train

// Training throughput on a real corpus file: reading, feature-matrix extraction (1 and 2 threads)
// and one epoch of logistic regression and NB-weighted logistic regression. Each stage runs
// `passes` times and the best wall-clock time is reported (the least disturbed by other load).
//   swift run -c release --package-path Benchmarks train-throughput [corpus.jsonl] [passes]
// Default corpus: ../shared/corpora/non_idiomatic/train.jsonl beside the repository.

let args = CommandLine.arguments
let defaultPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/corpora/non_idiomatic/train.jsonl").standardized.path
let path = args.count > 1 ? args[1] : defaultPath
let passes = args.count > 2 ? max(1, Int(args[2]) ?? 3) : 3

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// Best wall-clock seconds of `passes` runs of `body` and the last result.
func best<T>(_ body: () throws -> T) rethrows -> (Double, T) {
    var bestTime = Double.infinity
    var result: T? = nil
    for _ in 0..<passes {
        let start = ContinuousClock.now
        result = try body()
        bestTime = min(bestTime, seconds(ContinuousClock.now - start))
    }
    return (bestTime, result!)
}

func report(_ what: String, rows: Int, _ t: Double) {
    print("\(what): \(rows) rows in \(String(format: "%.3f", t)) s = \(Int(Double(rows) / t)) rows/s")
}

guard FileManager.default.fileExists(atPath: path) else {
    print("no corpus at \(path); pass a corpus file")
    exit(1)
}
print("corpus \(path), best of \(passes) passes, \(ProcessInfo.processInfo.activeProcessorCount) cores")
let (readTime, records) = try best { try CorpusReader(path: path).readAll() }
report("read JSONL", rows: records.count, readTime)
let labels = Set(records.flatMap(\.labels.keys)).sorted()
var matrix: FeatureMatrix? = nil
for threads in [1, 2] {
    let builder = FeatureMatrixBuilder(threads: threads)
    if records.contains(where: { $0.parent != nil }) {
        let (t, _) = best { builder.documentFrequencies(records) }
        report("document frequencies, \(threads) thread(s)", rows: records.count, t)
    }
    let (t, m) = best { builder.matrix(records, labels: labels, documentFrequencies: nil) }
    report("extract feature matrix, \(threads) thread(s) (\(m.nonZeroCount) non-zeros)", rows: m.rowCount, t)
    matrix = m
}
let m = matrix!
let oneEpoch = LogisticRegressionOptions(epochs: 1, earlyStopping: false)
let trainers: [(String, any LinearTrainer)] = [
    ("naive Bayes", NaiveBayesTrainer()),
    ("logistic regression, 1 epoch", LogisticRegressionTrainer(options: oneEpoch)),
    ("NB-weighted logistic regression, 1 epoch", NBLogisticTrainer(options: oneEpoch)),
]
for (name, trainer) in trainers {
    let (t, r) = best { trainer.train(m) }
    report("\(name) (\(labels.joined(separator: ",")))", rows: r.reports.reduce(0) { $0 + $1.trainingRows }, t)
}
