import Classifier
import Corpus
import Dispatch

/// Scores a batch of corpus records on one or more threads (one `Scorer` each), keeping the
/// results in record order, so evaluation is the same whatever the thread count.
final class EvalBatchScorer: @unchecked Sendable {
    private let scorers: [Scorer]
    /// Results of the last batch, in record order.
    private(set) var results: [PostScore] = []

    init(model: Model, thresholds: [String: Double], threads: Int) throws {
        do {
            scorers = try (0..<max(threads, 1)).map { _ in try Scorer(model: model, thresholds: thresholds) }
        } catch {
            throw ValidationErrorMessage("\(error)")
        }
    }

    /// The flag threshold per label (the model's, with the overrides applied).
    var thresholds: [Double] { scorers[0].thresholds }

    /// Scores `records` into `results[0..<records.count]`.
    func score(_ records: [CorpusRecord]) {
        if results.count < records.count { results += [PostScore](repeating: PostScore(), count: records.count - results.count) }
        let threads = scorers.count
        if threads == 1 || records.count < 64 {
            for i in records.indices { scoreOne(records[i], scorer: scorers[0], into: &results[i]) }
            return
        }
        let chunk = (records.count + threads - 1) / threads
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let lo = min(t * chunk, records.count), hi = min(lo + chunk, records.count)
                for i in lo..<hi { self.scoreOne(records[i], scorer: self.scorers[t], into: &out.value[i]) }
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

    private func scoreOne(_ record: CorpusRecord, scorer: Scorer, into result: inout PostScore) {
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

/// Hands a buffer whose disjoint parts are written by different threads to `concurrentPerform`.
private struct UnsafeSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
