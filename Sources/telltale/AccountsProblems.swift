#if canImport(Glibc)
import Glibc
#endif
import TelltaleIO

/// Something wrong with one input line of `telltale accounts`. Never fatal: an unreadable line is
/// skipped, a post without an author is counted under "(unknown)", one without a readable time is
/// counted without a time.
struct AccountsProblem {
    enum Kind: Int, CaseIterable {
        case unreadable, missingAuthor, missingTime, badTime, missingLabel
    }

    var line: Int
    var kind: Kind
    /// What exactly is wrong (for unreadable lines and unreadable times).
    var detail: String?
}

/// Reports problems per line: every one to the `--problems` file as JSON lines
/// (`{"line":17,"field":"created_at","error":"..."}`), the first few of each kind to stderr, and a
/// count per kind at the end.
final class AccountsProblemLog {
    static let echoPerKind = 5

    private let authorField: String
    private let timeField: String
    private let file: OutputWriter?
    private let pending: PendingOutputFile?
    private let filePath: String?
    private(set) var counts = [Int](repeating: 0, count: AccountsProblem.Kind.allCases.count)
    private var line: [UInt8] = []

    init(authorField: String, timeField: String, problemsPath: String?) throws {
        self.authorField = authorField
        self.timeField = timeField
        filePath = problemsPath
        if let problemsPath {
            let p = try PendingOutputFile(problemsPath, option: "--problems")
            pending = p
            file = OutputWriter(fd: p.fd)
        } else {
            pending = nil
            file = nil
        }
    }

    func record(_ p: AccountsProblem) {
        counts[p.kind.rawValue] += 1
        if let file {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: "{\"line\":\(p.line),\"field\":".utf8)
            if let f = field(p.kind) { JSONWriter.appendString(f, to: &line) } else { line.append(contentsOf: "null".utf8) }
            line.append(contentsOf: ",\"error\":".utf8)
            JSONWriter.appendString(message(p), to: &line)
            line.append(contentsOf: "}\n".utf8)
            file.write(line)
        }
        if counts[p.kind.rawValue] <= Self.echoPerKind {
            printError("telltale: line \(p.line): \(message(p))")
        }
    }

    private func field(_ kind: AccountsProblem.Kind) -> String? {
        switch kind {
        case .unreadable: nil
        case .missingAuthor: authorField
        case .missingTime, .badTime: timeField
        case .missingLabel: "labels"
        }
    }

    func message(_ p: AccountsProblem) -> String {
        switch p.kind {
        case .unreadable: "\(p.detail ?? "unreadable line"); line skipped"
        case .missingAuthor: "no \"\(authorField)\": counted under (unknown)"
        case .missingTime: "no \"\(timeField)\": counted without a time"
        case .badTime: "\"\(timeField)\" \(p.detail ?? "unreadable"); counted without a time"
        case .missingLabel: "no 0 or 1 in \"labels\".\(p.detail ?? "?"): the post counts for its account, which takes its label from its other posts"
        }
    }

    /// Flushes the problems file and prints one summary line per kind that occurred.
    /// Drops the `--problems` file of an interrupted run (an earlier file keeps its content).
    func discard() { pending?.discard() }

    func finish(lines: Int) throws {
        file?.flush()
        if let e = file?.writeError {
            pending?.discard()
            throw ValidationErrorMessage("writing --problems '\(filePath ?? "")' failed: \(e)")
        }
        try pending?.commit()
        let names: [AccountsProblem.Kind: String] = [
            .unreadable: "unreadable lines skipped",
            .missingAuthor: "posts without \"\(authorField)\" (counted under (unknown))",
            .missingTime: "posts without \"\(timeField)\" (counted without a time)",
            .badTime: "posts with an unreadable \"\(timeField)\" (counted without a time)",
            .missingLabel: "posts without a 0/1 label",
        ]
        for kind in AccountsProblem.Kind.allCases where counts[kind.rawValue] > 0 {
            let n = counts[kind.rawValue]
            let more = n > Self.echoPerKind ? (filePath != nil ? "; every line in \(filePath!)" : "; --problems FILE lists every line") : ""
            printError("telltale: \(n) of \(lines) \(names[kind]!)\(more)")
        }
    }
}
