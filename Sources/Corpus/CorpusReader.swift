import TelltaleIO
import TextFeatures

/// Streams `CorpusRecord`s from one corpus file (JSONL, fastText or TSV), line by line, through
/// TelltaleIO's `LineReader` (the reader of `score` and `accounts`: plain or gzip, BOM and CRLF
/// removed, one line limit).
///
/// Empty and blank lines are skipped. Every bad line (invalid UTF-8, NUL byte, malformed JSON,
/// missing or non-string `text`, bad label value, a line over the limit, ...) becomes a
/// `CorpusError` with the file path and line number: in strict mode `next()` throws it; otherwise
/// it is counted in `stats` (the first `maxKeptErrors` are kept) and the line is skipped.
///
/// ```swift
/// let reader = try CorpusReader(path: "train.jsonl")
/// while let record = try reader.next() { ... }
/// print(reader.stats.rows, reader.stats.skipped, reader.stats.hash)
/// ```
public final class CorpusReader {
    public let path: String
    public let format: CorpusFormat
    /// Labels wanted; nil keeps every label found. For fastText/TSV lines this also defines which
    /// labels are negative (those of the set a line does not list).
    public let labelSet: [String]?
    public let strict: Bool
    /// How many bad lines `stats.errors` keeps (all are counted).
    public let maxKeptErrors: Int
    public private(set) var stats: CorpusReadStats

    private let lines: LineReader
    private let fingerprint = Fingerprint()
    private var lineNumber = 0
    private let json = JSONLLineParser()

    /// FNV-1a-64 and length of every byte read (fed by the line reader's `onBytes`).
    private final class Fingerprint {
        var hash = FNV1a64()
        var bytes = 0
    }

    /// Opens `path` ("-" = standard input). `format` nil infers it from the extension. A line
    /// longer than `maxLineBytes` is a bad line (not held in memory).
    /// Throws when the file cannot be opened or its format cannot be inferred.
    public init(path: String, format: CorpusFormat? = nil, labels: [String]? = nil, strict: Bool = false,
                maxKeptErrors: Int = 100, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(CorpusError) {
        guard let format = format ?? CorpusFormat.infer(fromPath: path) else {
            let ext = path.split(separator: "/").last.flatMap { $0.split(separator: ".").count > 1 ? $0.split(separator: ".").last : nil }
            throw CorpusError(path: path, line: 0, cause: .unknownFormat(ext.map { "." + $0 } ?? "(none)"))
        }
        self.path = path
        self.format = format
        self.labelSet = labels
        self.strict = strict
        self.maxKeptErrors = maxKeptErrors
        stats = CorpusReadStats(path: path)
        do {
            lines = try LineReader.open(path, maxLineBytes: maxLineBytes)
        } catch {
            throw CorpusError(path: path, line: 0, cause: .unreadableFile(error.description))
        }
        let fingerprint = fingerprint
        lines.onBytes = { bytes in
            fingerprint.hash.update(bytes)
            fingerprint.bytes += bytes.count
        }
    }

    /// The next good record, or nil at the end of the file (then `stats.hash` covers the whole file).
    public func next() throws(CorpusError) -> CorpusRecord? {
        while true {
            guard let (number, line) = lines.next() else {
                if let message = lines.readError {
                    throw CorpusError(path: path, line: lineNumber, cause: .unreadableInput(message))
                }
                stats.hash = fingerprint.hash.hex
                stats.bytes = fingerprint.bytes
                stats.lines = lineNumber
                return nil
            }
            lineNumber = number
            let outcome: LineOutcome
            switch line {
            case .text(let bytes): outcome = parse(bytes)
            case .tooLong(let n): outcome = .bad(.lineTooLong(bytes: n, limit: lines.maxLineBytes))
            }
            switch outcome {
            case .skip:
                continue
            case .record(let r):
                stats.rows += 1
                return r
            case .bad(let cause):
                let error = CorpusError(path: path, line: lineNumber, cause: cause)
                if strict { throw error }
                stats.skipped += 1
                if stats.errors.count < maxKeptErrors { stats.errors.append(error) }
            }
        }
    }

    /// Reads every remaining record (convenience for small files and tests).
    public func readAll() throws(CorpusError) -> [CorpusRecord] {
        var out: [CorpusRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }

    private enum LineOutcome {
        case skip
        case record(CorpusRecord)
        case bad(CorpusError.Cause)
    }

    private func parse(_ line: UnsafeBufferPointer<UInt8>) -> LineOutcome {
        if Self.isBlank(line) { return .skip }
        if let problem = UTF8Check.firstProblem(line) {
            return .bad(problem.message == "NUL byte" ? .nulByte(byte: problem.byte) : .invalidUTF8(byte: problem.byte))
        }
        let result: Result<CorpusRecord, LineProblem>
        switch format {
        case .jsonl:
            result = json.parse(line)
            if case .success(var r) = result, let set = labelSet {
                r.labels = r.labels.filter { set.contains($0.key) }
                return .record(r)
            }
        case .fastText:
            result = FastTextLineParser(labelSet: labelSet).parse(line)
        case .tsv:
            if lineNumber == 1 && TSVLineParser.isHeader(line) { return .skip }
            result = TSVLineParser(labelSet: labelSet).parse(line)
        }
        switch result {
        case .success(let r): return .record(r)
        case .failure(let p): return .bad(p.cause)
        }
    }

    /// Whether the line is empty or only spaces/tabs (such lines are skipped).
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != 0x20 && b != 0x09 { return false }
        return true
    }
}

/// What reading one corpus file found: good rows, skipped bad lines (the first few kept with
/// their line numbers) and the FNV-1a-64 of the file's bytes (set once the file was read to the end).
public struct CorpusReadStats: Sendable, Equatable {
    public var path: String
    /// Records returned.
    public var rows = 0
    /// Bad lines skipped (lenient mode).
    public var skipped = 0
    /// The first bad lines, in file order.
    public var errors: [CorpusError] = []
    /// Lines seen (including empty and bad ones).
    public var lines = 0
    public var bytes = 0
    /// 16 hex digits of FNV-1a-64 over the whole file; empty until the end was reached.
    public var hash = ""

    public init(path: String) { self.path = path }
}
