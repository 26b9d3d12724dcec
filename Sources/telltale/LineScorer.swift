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
        // The per-line state is moved into locals for the batch and back at the end: every access
        // to a class's stored property costs a dynamic exclusivity check, several per post.
        var parser = PostLineParser(), post = PostLine(), result = PostScore(), bytes: [UInt8] = [], lineEnds: [Int] = []
        swap(&parser, &self.parser)
        swap(&post, &self.post)
        swap(&result, &self.result)
        defer {
            swap(&parser, &self.parser)
            swap(&post, &self.post)
            swap(&result, &self.result)
        }
        let scorer = self.scorer, scoreLine = self.scoreLine, explain = self.explain, reasons = self.reasons
        batch.forEachLine(in: range) { number, line in
            var error: String?
            var errorID: [UInt8] = []
            switch line {
            case .tooLong(let n):
                error = LineReader.tooLongMessage(bytes: n, limit: maxLineBytes)
            case .text(let lineBytes):
                if let err = parser.parse(lineBytes, into: &post) {
                    error = err.description
                    errorID = post.idJSON
                } else {
                    post.text.withUnsafeBufferPointer { text in
                        if post.hasParent {
                            post.parent.withUnsafeBufferPointer { parent in scorer.score(text: text, parent: parent, explain: explain, k: reasons, into: &result) }
                        } else {
                            scorer.score(text: text, parent: nil, explain: explain, k: reasons, into: &result)
                        }
                    }
                    scoreLine.append(idJSON: post.idJSON, result, explain: explain, to: &bytes)
                    lineEnds.append(bytes.count)
                }
            }
            if let error {
                // An error record goes through `out` (it keeps the first error for --strict).
                swap(&bytes, &out.bytes)
                swap(&lineEnds, &out.lineEnds)
                out.appendError(line: number, id: errorID, error)
                swap(&bytes, &out.bytes)
                swap(&lineEnds, &out.lineEnds)
            }
        }
        swap(&bytes, &out.bytes)
        swap(&lineEnds, &out.lineEnds)
    }
}
