import Classifier
import TelltaleIO

/// Parses and scores the lines of a batch on one thread, appending one JSON line per input line.
/// Owns a parser, a `Scorer` and output scratch: one per thread.
final class LineScorer: BatchWorker, @unchecked Sendable {
    private var parser = PostLineParser()
    private var post = PostLine()
    private let scorer: Scorer
    private var result = PostScore()
    private let labels: [String]
    private let labelKeys: [[UInt8]]
    private let explain: Bool
    private let reasons: Int
    private let maxLineBytes: Int

    init(model: Model, thresholds: [String: Double], explain: Bool, reasons: Int, maxLineBytes: Int) throws {
        self.maxLineBytes = maxLineBytes
        do { scorer = try Scorer(model: model, thresholds: thresholds) } catch { throw ValidationErrorMessage("\(error)") }
        labels = model.labels
        labelKeys = model.labels.map { l in var b: [UInt8] = []; JSONWriter.appendString(l, to: &b); return b }
        self.explain = explain
        self.reasons = reasons
    }

    func process(_ batch: LineBatch, range: Range<Int>, into out: ChunkOutput) {
        out.removeAll()
        batch.arena.withUnsafeBufferPointer { arena in
            for i in range {
                let number = batch.lineNumbers[i]
                if batch.tooLong[i] >= 0 {
                    out.appendError(line: number, "line is \(batch.tooLong[i]) bytes, over the --max-line-bytes limit of \(maxLineBytes): split it or raise the limit")
                    continue
                }
                let line = UnsafeBufferPointer(rebasing: arena[batch.starts[i]..<batch.ends[i]])
                if let err = parser.parse(line, into: &post) {
                    out.appendError(line: number, id: post.idJSON, err.description)
                    continue
                }
                score(into: out)
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
        b.append(UInt8(ascii: "{"))
        if !post.idJSON.isEmpty {
            b.append(contentsOf: "\"id\":".utf8)
            b.append(contentsOf: post.idJSON)
            b.append(UInt8(ascii: ","))
        }
        b.append(contentsOf: "\"scores\":{".utf8)
        for (k, key) in labelKeys.enumerated() {
            if k > 0 { b.append(UInt8(ascii: ",")) }
            b.append(contentsOf: key)
            b.append(UInt8(ascii: ":"))
            JSONWriter.appendProbability(result.probabilities[k], to: &b)
        }
        b.append(contentsOf: "},\"flags\":[".utf8)
        var first = true
        for (k, key) in labelKeys.enumerated() where result.flags.contains(labels[k]) {
            if !first { b.append(UInt8(ascii: ",")) }
            first = false
            b.append(contentsOf: key)
        }
        b.append(UInt8(ascii: "]"))
        if explain {
            b.append(contentsOf: ",\"reasons\":{".utf8)
            var firstLabel = true
            // Flagged labels: their top features; gated labels: why they do not apply.
            for (k, key) in labelKeys.enumerated() {
                let gateReason = result.gateReasons[labels[k]]
                guard gateReason != nil || result.flags.contains(labels[k]) else { continue }
                if !firstLabel { b.append(UInt8(ascii: ",")) }
                firstLabel = false
                b.append(contentsOf: key)
                b.append(contentsOf: ":[".utf8)
                if let gateReason {
                    JSONWriter.appendString(gateReason, to: &b)
                } else {
                    for (r, reason) in (result.reasons[labels[k]] ?? []).enumerated() {
                        if r > 0 { b.append(UInt8(ascii: ",")) }
                        JSONWriter.appendString(reason.description, to: &b)
                    }
                }
                b.append(UInt8(ascii: "]"))
            }
            b.append(UInt8(ascii: "}"))
        }
        b.append(contentsOf: "}\n".utf8)
        out.bytes = b
        out.lineEnds.append(out.bytes.count)
    }
}
