import Campaign
import Classifier
import TelltaleIO

/// What one thread produced for a contiguous range of a batch: per readable post its author,
/// time, scores, flags, MinHash signature and text, plus the problems found per line, all in
/// input order.
final class AccountsChunk: @unchecked Sendable {
    var lineNumbers: [Int] = []
    var authors: [String?] = []
    /// Unix time, NaN when missing or unreadable.
    var times: [Double] = []
    /// `labelCount` per post, NaN where the label was not scored.
    var probabilities: [Double] = []
    var flags: [UInt64] = []
    /// `MinHash.size` per post (meaningless where `signed` is false).
    var signatures: [UInt32] = []
    var signed: [Bool] = []
    var texts: [UInt8] = []
    var textEnds: [Int] = []
    var traits: [PostTraits] = []
    /// With a training label: 1, 0, or -1 when the line has none.
    var labels: [Int8] = []
    var problems: [AccountsProblem] = []

    var count: Int { lineNumbers.count }

    func removeAll() {
        lineNumbers.removeAll(keepingCapacity: true)
        authors.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        probabilities.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        signatures.removeAll(keepingCapacity: true)
        signed.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        textEnds.removeAll(keepingCapacity: true)
        traits.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
    }
}

/// Parses, scores and signs the posts of a batch on one thread (one worker per thread: it owns a
/// parser, a `Scorer` and a `Shingler`, which reuse their buffers).
final class AccountsWorker: BatchWorker, @unchecked Sendable {
    private var parser: PostLineParser
    private var post = PostLine()
    private let scorer: Scorer?
    private var result = PostScore()
    private let labels: [String]
    private let shingler = Shingler()
    private var shingles: [UInt64] = []
    private let timeParser: TimestampParser
    private let authorField: String
    private let timeField: String
    private let maxLineBytes: Int
    /// `labels.<name>` to read for training (nil: not read).
    private let label: String?

    init(model: Model?, thresholds: [String: Double], authorField: String, timeField: String,
         timeParser: TimestampParser, maxLineBytes: Int, label: String? = nil) throws {
        if let model {
            do { scorer = try Scorer(model: model, thresholds: thresholds) } catch { throw ValidationErrorMessage("\(error)") }
            labels = model.labels
        } else {
            scorer = nil
            labels = []
        }
        parser = PostLineParser(extraFields: [authorField, timeField] + (label == nil ? [] : ["labels"]))
        self.label = label
        self.authorField = authorField
        self.timeField = timeField
        self.timeParser = timeParser
        self.maxLineBytes = maxLineBytes
    }

    func process(_ batch: LineBatch, range: Range<Int>, into out: AccountsChunk) {
        out.removeAll()
        batch.forEachLine(in: range) { number, line in
            switch line {
            case .tooLong(let n):
                out.problems.append(.init(line: number, kind: .unreadable, detail: LineReader.tooLongMessage(bytes: n, limit: maxLineBytes)))
            case .text(let bytes):
                if let err = parser.parse(bytes, into: &post) {
                    out.problems.append(.init(line: number, kind: .unreadable, detail: err.description))
                } else {
                    append(line: number, into: out)
                }
            }
        }
    }

    private func append(line: Int, into out: AccountsChunk) {
        out.lineNumbers.append(line)
        var author = post.extras[authorField]
        if author?.isEmpty == true { author = nil }
        if author == nil {
            out.problems.append(.init(line: line, kind: .missingAuthor))
        }
        out.authors.append(author)
        var time = Double.nan
        if let raw = post.extras[timeField], !raw.isEmpty {
            switch timeParser.parse(raw) {
            case .success(let t): time = t
            case .failure(let e):
                out.problems.append(.init(line: line, kind: .badTime, detail: e.description))
            }
        } else {
            out.problems.append(.init(line: line, kind: .missingTime))
        }
        out.times.append(time)
        var mask: UInt64 = 0
        if let scorer {
            post.text.withUnsafeBufferPointer { text in
                if post.hasParent {
                    post.parent.withUnsafeBufferPointer { scorer.score(text: text, parent: $0, explain: false, k: 0, into: &result) }
                } else {
                    scorer.score(text: text, parent: nil, explain: false, k: 0, into: &result)
                }
            }
            for (k, p) in result.probabilities.enumerated() {
                out.probabilities.append(p ?? .nan)
                if result.flags.contains(labels[k]) { mask |= 1 << UInt64(k) }
            }
        }
        out.flags.append(mask)
        post.text.withUnsafeBufferPointer { shingler.shingles($0, into: &shingles) }
        let start = out.signatures.count
        out.signatures.append(contentsOf: repeatElement(0, count: MinHash.size))
        if shingles.isEmpty {
            out.signed.append(false)
        } else {
            out.signed.append(true)
            shingles.withUnsafeBufferPointer { sh in
                out.signatures.withUnsafeMutableBufferPointer { sig in
                    MinHash.signature(of: sh, into: UnsafeMutableBufferPointer(rebasing: sig[start..<start + MinHash.size]))
                }
            }
        }
        out.texts.append(contentsOf: post.text)
        out.textEnds.append(out.texts.count)
        out.traits.append(post.text.withUnsafeBufferPointer { PostTraits(text: $0) })
        if let label {
            let value = AccountLabel.read(post.extras["labels"], label: label)
            if value < 0 { out.problems.append(.init(line: line, kind: .missingLabel, detail: label)) }
            out.labels.append(value)
        }
    }
}
