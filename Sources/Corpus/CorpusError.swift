import TelltaleIO

/// A corpus line (or file) that cannot be read. Names the file, the 1-based line number and the
/// cause, so a user can open the file at that line and fix it. In lenient mode readers count and
/// skip bad lines; in strict mode they throw the first one.
public struct CorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Path as given to the reader ("-" for standard input).
    public var path: String
    /// 1-based line number; 0 when the whole file is unusable (cannot open or read).
    public var line: Int
    public var cause: Cause

    /// Why a line or file could not be read.
    public enum Cause: Equatable, Sendable {
        /// The file cannot be opened (the reader's message, naming the path and what to do).
        case unreadableFile(String)
        /// Reading stopped after the line named (a read error, corrupt or cut-short gzip data).
        case unreadableInput(String)
        /// Bytes that are not UTF-8, at this 1-based byte offset within the line.
        case invalidUTF8(byte: Int)
        /// A raw NUL byte at this 1-based byte offset within the line.
        case nulByte(byte: Int)
        /// Not a JSON object (decoder message).
        case malformedJSON(String)
        /// JSON line without a `text` field.
        case missingText
        /// A field that must be a string is something else.
        case notAString(field: String)
        /// `labels` is present but not an object.
        case labelsNotAnObject
        /// A label value that is not 0/1, true/false or "0"/"1".
        case badLabelValue(label: String, value: String)
        /// A fastText line without any `__label__` prefix.
        case missingFastTextLabel
        /// A TSV line without a TAB between the label field and the text.
        case missingTab
        /// A TSV/fastText label field that is empty or has an empty name.
        case emptyLabel
        /// A line longer than the line limit (`--max-line-bytes`); its bytes were not kept.
        case lineTooLong(bytes: Int, limit: Int)
        /// The format could not be inferred from the file name.
        case unknownFormat(String)
    }

    public init(path: String, line: Int, cause: Cause) {
        self.path = path
        self.line = line
        self.cause = cause
    }

    /// True when the file itself could not be read (opened, read, or decompressed), as opposed to
    /// one bad line: a run stops with status 1, strict or not.
    public var isReadFailure: Bool {
        switch cause {
        case .unreadableFile, .unreadableInput: return true
        default: return false
        }
    }

    public var description: String {
        if case .unreadableFile(let m) = cause { return m }
        let place = line > 0 ? "\(path):\(line)" : path
        return "\(place): \(cause.message)"
    }
}

extension CorpusError.Cause {
    /// What is wrong and what to do, in words.
    public var message: String {
        switch self {
        case .unreadableFile(let m): return m
        case .unreadableInput(let m): return "reading stopped after this line: \(m)"
        case .invalidUTF8(let b): return "invalid UTF-8 at byte \(b); re-encode the file as UTF-8"
        case .nulByte(let b): return "NUL byte at byte \(b); remove it (binary data in a text corpus?)"
        case .malformedJSON(let m): return "malformed JSON (\(m)); each line must be one JSON object"
        case .missingText: return #"no "text" field; each JSON line needs {"text": "...", "labels": {...}}"#
        case .notAString(let f): return #""\#(f)" must be a string"#
        case .labelsNotAnObject: return #""labels" must be an object such as {"non_idiomatic": 1}"#
        case .badLabelValue(let l, let v): return "label \"\(l)\" has value \(v); use 0 or 1 (also true/false or \"0\"/\"1\")"
        case .missingFastTextLabel: return "no __label__ prefix; fastText lines look like `__label__name text`"
        case .missingTab: return "no TAB; TSV lines look like `label<TAB>text` (label = name, or name=0|1)"
        case .emptyLabel: return "empty label; TSV labels look like `name`, `name=0`, `name=1` (comma-separated for several)"
        case .lineTooLong(let n, let limit): return LineReader.tooLongMessage(bytes: n, limit: limit)
        case .unknownFormat(let ext): return "cannot tell the corpus format from the extension '\(ext)'; use .jsonl, .txt/.ft or .tsv (each may end in .gz), or pass the format explicitly"
        }
    }
}
