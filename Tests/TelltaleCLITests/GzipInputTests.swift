import Foundation
import Testing

/// Gzip-compressed input (detected by its magic bytes 1f 8b, file or stdin) is read as if it were
/// the plain file, by every command that reads posts or corpora; a corrupt or cut-short stream
/// ends the run with an error naming the compressed byte, after scoring the lines before it.
@Suite struct GzipInputTests {
    /// `gzip -c -n` of `data` (the system's gzip, so the test does not trust our own zlib use).
    static func gzip(_ data: Data) throws -> Data {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in")
        try data.write(to: file)
        let r = try CLI.run([], shell: "gzip -c -n '\(file.path)' > '\(file.path).gz'")
        try #require(r.status == 0, "gzip: \(r.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: file.path + ".gz"))
    }

    /// Posts written for this test: varied enough that a cut in the middle of the compressed
    /// stream lands after many complete lines.
    static let posts: String = (1...3000).map { i in
        i % 3 == 0
            ? #"{"id":"p\#(i)","text":"We should strengthen the cooperation number \#(i) and realize the win-win result.","parent":"Which bus goes to the harbor?"}"#
            : i % 3 == 1 ? #"{"id":"p\#(i)","text":"今天的meeting又delay了 \#(i) 次"}"#
            : "plain post \(i) about the weather \(i * 7919 % 1000)"
    }.joined(separator: "\n") + "\n"

    static func write(_ data: Data, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func scoreReadsGzipFromAFileAndFromStdinLikeThePlainText() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = Data(Self.posts.utf8)
        let gz = try Self.gzip(plain)
        let gzPath = try Self.write(gz, "posts.jsonl.gz", in: dir)
        let expected = try CLI.run(["score", "--model", TestModel.path, "--explain"], stdin: plain)
        try #require(expected.status == 0 && expected.stdoutLines.count == 3000)
        let fromFile = try CLI.run(["score", "--model", TestModel.path, "--explain", "--input", gzPath])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stderr.isEmpty)
        #expect(fromFile.stdout == expected.stdout)
        let fromStdin = try CLI.run(["score", "--model", TestModel.path, "--explain"], stdin: gz)
        #expect(fromStdin.status == 0 && fromStdin.stdout == expected.stdout)
        // Members written one after another (`cat a.gz b.gz`) are one stream.
        let bytes = Array(Self.posts.utf8)
        let cut = bytes[..<(bytes.count / 2)].lastIndex(of: UInt8(ascii: "\n"))! + 1
        var concatenated = try Self.gzip(Data(bytes[..<cut]))
        concatenated.append(try Self.gzip(Data(bytes[cut...])))
        let members = try CLI.run(["score", "--model", TestModel.path, "--explain"], stdin: concatenated)
        #expect(members.status == 0 && members.stdout == expected.stdout)
    }

    @Test func aCutShortStreamScoresTheLinesBeforeItAndNamesTheByte() throws {
        let gz = try Self.gzip(Data(Self.posts.utf8))
        let expected = try CLI.run(["score", "--model", TestModel.path], stdin: Data(Self.posts.utf8)).stdoutLines
        let truncated = gz.prefix(gz.count / 2)
        let r = try CLI.run(["score", "--model", TestModel.path], stdin: Data(truncated))
        #expect(r.status == 1)
        #expect(r.stderr.contains("the gzip data is cut short: it ends at byte \(truncated.count) of the compressed input"), "\(r.stderr)")
        let lines = r.stdoutLines
        #expect(lines.count > 100 && lines.count < 3000)
        #expect(Array(expected.prefix(lines.count)) == lines, "whole lines only, as scored from the plain file")
    }

    @Test func corruptDataScoresTheLinesBeforeItAndNamesTheByte() throws {
        // A second member whose header is damaged: zlib stops right where it starts.
        let first = try Self.gzip(Data(Self.posts.utf8))
        var second = try Self.gzip(Data("{\"text\":\"never read\"}\n".utf8))
        second[second.startIndex] = 0x00
        let expected = try CLI.run(["score", "--model", TestModel.path], stdin: Data(Self.posts.utf8)).stdoutLines
        let r = try CLI.run(["score", "--model", TestModel.path], stdin: first + second)
        #expect(r.status == 1)
        // zlib reads the magic bytes of the damaged header before it gives up.
        #expect(r.stderr.contains("telltale: reading '-' failed after line 3000: corrupt gzip data at byte \(first.count + 2) of the compressed input (incorrect header check)"), "\(r.stderr)")
        #expect(r.stderr.contains("check the file with `gzip -t`"))
        #expect(r.stdoutLines == expected)
        // Damage inside the data is found at the latest by the checksum at the end of the member.
        var damaged = first
        for k in (first.count / 2)..<(first.count / 2 + 64) { damaged[damaged.startIndex + k] ^= 0x55 }
        let d = try CLI.run(["score", "--model", TestModel.path], stdin: damaged)
        #expect(d.status == 1)
        #expect(d.stderr.contains("corrupt gzip data at byte"), "\(d.stderr)")
        #expect(d.stdoutLines.count > 100 && Array(expected.prefix(100)) == Array(d.stdoutLines.prefix(100)))
    }

    @Test func evalFeaturesAndAccountsReadGzipToo() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = """
        {"id":"e-1","text":"I can't live on regression in America.","labels":{"non_idiomatic":1},"source":"mt"}
        {"id":"e-2","text":"Linear regression is a fine baseline for this task.","labels":{"non_idiomatic":0},"source":"native"}
        {"id":"e-3","text":"Grabbing coffee before the game tonight.","labels":{"non_idiomatic":0},"source":"native"}

        """
        let plainPath = try Self.write(Data(corpus.utf8), "dev.jsonl", in: dir)
        let gzPath = try Self.write(try Self.gzip(Data(corpus.utf8)), "dev.jsonl.gz", in: dir)
        let plain = try CLI.run(["eval", "--model", TestModel.path, "--data", plainPath, "--scores", dir.appendingPathComponent("a").path])
        let packed = try CLI.run(["eval", "--model", TestModel.path, "--data", gzPath, "--scores", dir.appendingPathComponent("b").path])
        #expect(plain.status == 0 && packed.status == 0, "\(packed.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("a")) == Data(contentsOf: dir.appendingPathComponent("b")))
        #expect(packed.stdout.contains("3 rows") || packed.stdout == plain.stdout.replacingOccurrences(of: "dev.jsonl", with: "dev.jsonl.gz"))

        let featuresPlain = try CLI.run(["features", "--names"], stdin: Data(corpus.utf8))
        let featuresGz = try CLI.run(["features", "--names", "--input", gzPath])
        #expect(featuresGz.status == 0 && featuresGz.stdout == featuresPlain.stdout, "\(featuresGz.stderr)")

        let posts = #"{"author":"a1","created_at":"2024-03-05T09:30:00+08:00","text":"the harbor bus is late again"}"# + "\n"
        let postsGz = try Self.write(try Self.gzip(Data(posts.utf8)), "posts.jsonl.gz", in: dir)
        let accounts = try CLI.run(["accounts", "--no-scores", "--input", postsGz, "--min-posts", "1"])
        #expect(accounts.status == 0 && accounts.stdout.contains("1 posts from 1 accounts"), "\(accounts.stdout)\(accounts.stderr)")
    }

    @Test func trainReadsAGzipCorpusAsThePlainOne() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let examples = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl"))
        let gzPath = try Self.write(try Self.gzip(examples), "examples.jsonl.gz", in: dir)
        let plainPath = try Self.write(examples, "examples.jsonl", in: dir)
        var provenance: [String] = []
        for (data, out) in [(gzPath, "gz.model"), (plainPath, "plain.model")] {
            let model = dir.appendingPathComponent(out).path
            let r = try CLI.run(["train", "--data", data, "--out", model])
            #expect(r.status == 0 && (r.stdout + r.stderr).contains("; 245 training rows"), "\(r.stdout)\(r.stderr)")
            // The provenance hash covers the decompressed bytes: the same for both files.
            let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: model)).prefix(200_000), as: UTF8.self)
            provenance.append(String(header.split(separator: #""hash":""#).dropFirst().first?.prefix(16) ?? ""))
        }
        #expect(provenance[0].count == 16 && provenance[0] == provenance[1])
    }

    @Test func aDamagedCorpusStopsEvalNamingTheLineAndByte() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = (1...2000).map { #"{"id":"r\#($0)","text":"row \#($0) about regression \#($0 * 31 % 97)","labels":{"non_idiomatic":\#($0 % 2)}}"# }
        let gz = try Self.gzip(Data((rows.joined(separator: "\n") + "\n").utf8))
        let path = try Self.write(gz.prefix(gz.count - 40), "dev.jsonl.gz", in: dir)
        let r = try CLI.run(["eval", "--model", TestModel.path, "--data", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("dev.jsonl.gz:") && r.stderr.contains("reading stopped after this line: the gzip data is cut short: it ends at byte \(gz.count - 40)"), "\(r.stderr)")
    }
}
