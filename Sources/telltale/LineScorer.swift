import Classifier
import TelltaleIO

/// Parses and scores the lines of a batch on one thread, appending one JSON line per input line.
/// Owns a parser, a `Scorer` and output scratch: one per thread.
final class LineScorer: BatchWorker, @unchecked Sendable {
    private var parser = PostLineParser()
    private var post = PostLine()
    private let scorer: Scorer
    private var result = PostScore()
    private let scoreLine: ScoreLine
    private let explain: Bool
    private let reasons: Int
    private let maxLineBytes: Int

    init(model: Model, thresholds: [String: Double], explain: Bool, reasons: Int, maxLineBytes: Int) throws {
        self.maxLineBytes = maxLineBytes
        do { scorer = try Scorer(model: model, thresholds: thresholds) } catch { throw ValidationErrorMessage("\(error)") }
        scoreLine = ScoreLine(labels: model.labels)
        self.explain = explain
        self.reasons = reasons
    }

    func process(_ batch: LineBatch, range: Range<Int>, into out: ChunkOutput) {
        out.removeAll()
        batch.forEachLine(in: range) { number, line in
            switch line {
            case .tooLong(let n):
                out.appendError(line: number, LineReader.tooLongMessage(bytes: n, limit: maxLineBytes))
            case .text(let bytes):
                if let err = parser.parse(bytes, into: &post) {
                    out.appendError(line: number, id: post.idJSON, err.description)
                } else {
                    score(into: out)
                }
            }
        }
    }

    private func score(into out: ChunkOutput) {
        post.text.withUnsafeBufferPointer { text in
            if post.hasParent {
                post.parent.withUnsafeBufferPointer { parent in scorer.score(text: text, parent: parent, explain: explain, k: reasons, into: &result) }
            } else {
                scorer.score(text: text, parent: nil, explain: explain, k: reasons, into: &result)
            }
        }
        var b = out.bytes
        out.bytes = []
        scoreLine.append(idJSON: post.idJSON, result, explain: explain, to: &b)
        out.bytes = b
        out.lineEnds.append(out.bytes.count)
    }
}
