import Foundation
import Testing

/// `train` and `eval` read corpora through the same line reader as `score`: one line limit
/// (`--max-line-bytes`), the same JSON scanner (the same messages and byte positions), and the
/// same exit codes: 1 for a file that cannot be read or whose format is unknown, 2 only for a bad
/// line under `--strict`.
struct CorpusInputTests {
    static let good = #"{"id":"a","text":"we should strengthen the cooperation","labels":{"non_idiomatic":1}}"#
    static let other = #"{"id":"b","text":"honestly this album slaps","labels":{"non_idiomatic":0}}"#

    /// A corpus of `lines` in a fresh directory; returns (directory, path).
    static func corpus(_ lines: [String], name: String = "c.jsonl") throws -> (URL, String) {
        let dir = CLI.temporaryDirectory()
        let url = dir.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return (dir, url.path)
    }

    @Test func aLineOverTheLimitIsSkippedByEvalAndTrainAndFatalUnderStrict() throws {
        let long = #"{"text":""# + String(repeating: "x", count: 300) + #"","labels":{"non_idiomatic":1}}"#
        let (dir, path) = try Self.corpus([Self.good, long, Self.other, Self.good, Self.other])
        defer { try? FileManager.default.removeItem(at: dir) }
        let message = "\(path):2: line is \(long.utf8.count) bytes, over the --max-line-bytes limit of 200: split it or raise the limit"
        let eval = try CLI.run(["eval", "--model", TestModel.path, "--data", path, "--max-line-bytes", "200"])
        #expect(eval.status == 0)
        #expect(eval.stderr.contains("skipped 1 bad lines (first: \(message))"), "\(eval.stderr)")
        let strict = try CLI.run(["eval", "--model", TestModel.path, "--data", path, "--max-line-bytes", "200", "--strict"])
        #expect(strict.status == 2 && strict.stderr.contains(message), "\(strict.stderr)")
        let model = dir.appendingPathComponent("m.model").path
        let train = try CLI.run(["train", "--data", path, "--out", model, "--max-line-bytes", "200", "--bucket-bits", "12"])
        #expect(train.status == 0 && train.stderr.contains(message), "\(train.stderr)")
        let trainStrict = try CLI.run(["train", "--data", path, "--out", model, "--max-line-bytes", "200", "--strict"])
        #expect(trainStrict.status == 2 && trainStrict.stderr.contains(message), "\(trainStrict.stderr)")
        // Within the default limit the same line is read.
        let fine = try CLI.run(["eval", "--model", TestModel.path, "--data", path, "--strict"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func aBadJSONLineGetsTheScoreMessageWithItsByte() throws {
        let (dir, path) = try Self.corpus([Self.good, #"{"text" "a","labels":{}}"#, Self.other])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["eval", "--model", TestModel.path, "--data", path, "--strict"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):2: malformed JSON (expected ':' at byte 9)"), "\(r.stderr)")
        // `score` reads the same line with the same words.
        let s = try CLI.run(["score", "--model", TestModel.path, "--input", path])
        #expect(s.stdoutLines.dropFirst().first == #"{"line":2,"error":"malformed JSON: expected ':' at byte 9"}"#)
    }

    @Test(arguments: ["missing.jsonl", "dir.jsonl", "notes.unknown"])
    func aFileThatCannotBeReadExits1UnderStrictToo(name: String) throws {
        let (dir, _) = try Self.corpus([Self.good])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        if name == "dir.jsonl" { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        if name == "notes.unknown" { try Data((Self.good + "\n").utf8).write(to: URL(fileURLWithPath: path)) }
        for command in [["train", "--out", dir.appendingPathComponent("m.model").path], ["eval", "--model", TestModel.path]] {
            for strict in [[], ["--strict"]] {
                let r = try CLI.run(command + ["--data", path] + strict)
                #expect(r.status == 1, "\(command[0]) \(strict) \(name): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains(path), "\(r.stderr)")
            }
        }
    }
}
