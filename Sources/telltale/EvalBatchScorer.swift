import Classifier
import Corpus
import TelltaleIO

/// Scores a batch of corpus records on one or more threads (one `Scorer` each, each thread a fixed
/// share of the batch, on `WorkerThreads`), keeping the results in record order, so evaluation is
/// the same whatever the thread count.
final class EvalBatchScorer {
    private let scorers: [Scorer]
    private let pool: WorkerThreads?
    /// Results of the last batch, in record order.
    private(set) var results: [PostScore] = []

    init(model: Model, thresholds: [String: Double], threads: Int) throws {
        do {
            scorers = try (0..<max(threads, 1)).map { _ in try Scorer(model: model, thresholds: thresholds) }
        } catch {
            throw ValidationErrorMessage("\(error)")
        }
        pool = threads > 1 ? WorkerThreads(count: threads) : nil
    }

    /// The flag threshold per label (the model's, with the overrides applied).
    var thresholds: [Double] { scorers[0].thresholds }

    /// Scores `records` into `results[0..<records.count]`.
    func score(_ records: [CorpusRecord]) {
        if results.count < records.count { results += [PostScore](repeating: PostScore(), count: records.count - results.count) }
        guard let pool, records.count >= 64 else {
            for i in records.indices { Self.scoreOne(records[i], scorer: scorers[0], into: &results[i]) }
            return
        }
        let chunk = (records.count + pool.count - 1) / pool.count
        results.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedSendable((records: records, scorers: scorers, out: buffer))
            pool.run { t in
                let s = shared.value
                let lo = min(t * chunk, s.records.count), hi = min(lo + chunk, s.records.count)
                for i in lo..<hi { Self.scoreOne(s.records[i], scorer: s.scorers[t], into: &s.out[i]) }
            }
        }
    }

    /// The top reasons (as text) for `lane` on `record` scored as `result`, from the first scorer
    /// (call between batches); for a label outside its gate, why it does not apply.
    func reasons(_ record: CorpusRecord, _ result: PostScore, lane: Int, k: Int = 3) -> [String] {
        let scorer = scorers[0]
        if let why = scorer.gateReason(label: scorer.model.labels[lane], in: result) { return [why] }
        return scorer.reasons(text: record.text, parent: record.parent, label: scorer.model.labels[lane], k: k)?.map(\.description) ?? []
    }

    private static func scoreOne(_ record: CorpusRecord, scorer: Scorer, into result: inout PostScore) {
        var text = record.text
        text.withUTF8 { t in
            if var parent = record.parent {
                parent.withUTF8 { p in scorer.score(text: t, parent: p, explain: false, k: 0, into: &result) }
            } else {
                scorer.score(text: t, parent: nil, explain: false, k: 0, into: &result)
            }
        }
    }
}
