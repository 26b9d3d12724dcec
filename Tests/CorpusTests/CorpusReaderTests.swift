import Foundation
import Testing
@testable import Corpus
import TestSupport
import TextFeatures

struct JSONLReaderTests {
    @Test func readsRecordsAndLabelValueSpellings() throws {
        let dir = TempDir()
        let path = dir.write("a.jsonl", """
        {"id":"a","text":"hello there","labels":{"x":1,"y":0},"source":"written","extra":[1,2]}

        {"id":7,"text":"second","parent":"q?","labels":{"x":true,"y":"0","z":null}}
        {"text":"third","labels":{"x":"1","y":false}}\r
        {"text":"no labels at all"}
        """)
        let reader = try CorpusReader(path: path)
        let records = try reader.readAll()
        #expect(records == [
            CorpusRecord(id: "a", text: "hello there", labels: ["x": 1, "y": 0], source: "written"),
            CorpusRecord(id: "7", text: "second", parent: "q?", labels: ["x": 1, "y": 0]),
            CorpusRecord(text: "third", labels: ["x": 1, "y": 0]),
            CorpusRecord(text: "no labels at all", labels: [:]),
        ])
        #expect(reader.stats.rows == 4)
        #expect(reader.stats.skipped == 0)
        #expect(reader.stats.lines == 5)
    }

    @Test func missingLabelIsUnknownNotNegative() throws {
        let dir = TempDir()
        let path = dir.write("a.jsonl", #"{"text":"t","labels":{"x":0}}"#)
        let r = try #require(try CorpusReader(path: path).next())
        #expect(r.labels["x"] == 0)
        #expect(r.labels["y"] == nil)
    }

    @Test func labelSetFiltersJSONLabelsWithoutInventingNegatives() throws {
        let dir = TempDir()
        let path = dir.write("a.jsonl", #"{"text":"t","labels":{"x":1,"other":0}}"#)
        let r = try #require(try CorpusReader(path: path, labels: ["x", "y"]).next())
        #expect(r.labels == ["x": 1])
    }

    @Test func leadingByteOrderMarkIsSkippedButFEFFInsideTextIsKept() throws {
        let dir = TempDir()
        let path = dir.write("bom.jsonl", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"text":"\uFEFFhi","labels":{"x":1}}"#.utf8))
        let r = try #require(try CorpusReader(path: path).next())
        #expect(r.text == "\u{FEFF}hi")
        #expect(r.text.unicodeScalars.first == "\u{FEFF}")
    }

    /// One table row per kind of bad line: the line's bytes and the cause it must report.
    static let badLines: [([UInt8], CorpusError.Cause)] = {
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        var rows: [([UInt8], CorpusError.Cause)] = []
        rows.append((b(#"{"text":"caf"#) + [0xC3, 0x28] + b(#"","labels":{}}"#), .invalidUTF8(byte: 13)))
        rows.append((b(#"{"text":"a"#) + [0x00] + b(#"b"}"#), .nulByte(byte: 11)))
        rows.append((b(#"{"text":"oops""#), .malformedJSON("")))
        rows.append((b(#"["text"]"#), .malformedJSON("")))
        rows.append((b(#"{"labels":{"x":1}}"#), .missingText))
        rows.append((b(#"{"text":42,"labels":{"x":1}}"#), .notAString(field: "text")))
        rows.append((b(#"{"text":"t","parent":5}"#), .notAString(field: "parent")))
        rows.append((b(#"{"text":"t","labels":{"x":2}}"#), .badLabelValue(label: "x", value: "2")))
        rows.append((b(#"{"text":"t","labels":{"x":"yes"}}"#), .badLabelValue(label: "x", value: "\"yes\"")))
        rows.append((b(#"{"text":"t","labels":[1]}"#), .labelsNotAnObject))
        return rows
    }()

    @Test(arguments: badLines)
    func badLineIsReportedWithLineNumber(bad: [UInt8], expected: CorpusError.Cause) throws {
        let dir = TempDir()
        let good = Array(#"{"text":"fine","labels":{"x":0}}"#.utf8)
        let path = dir.write("bad.jsonl", bytes: good + [0x0A, 0x0A] + bad + [0x0A] + good + [0x0A])
        // Lenient: skipped and counted, the good lines still come through.
        let lenient = try CorpusReader(path: path)
        #expect(try lenient.readAll().count == 2)
        #expect(lenient.stats.skipped == 1)
        let error = try #require(lenient.stats.errors.first)
        #expect(error.path == path)
        #expect(error.line == 3)
        if case .malformedJSON = expected {
            guard case .malformedJSON = error.cause else { Issue.record("expected malformed JSON, got \(error.cause)"); return }
        } else {
            #expect(error.cause == expected)
        }
        #expect(error.description.hasPrefix("\(path):3: "))
        // Strict: the same error is thrown.
        let strict = try CorpusReader(path: path, strict: true)
        #expect(try strict.next() != nil)
        #expect(throws: error) { _ = try strict.next() }
    }

    @Test func keepsOnlyTheFirstErrorsButCountsAll() throws {
        let dir = TempDir()
        let path = dir.write("many.jsonl", String(repeating: "not json\n", count: 5))
        let reader = try CorpusReader(path: path, maxKeptErrors: 2)
        #expect(try reader.readAll().isEmpty)
        #expect(reader.stats.skipped == 5)
        #expect(reader.stats.errors.map(\.line) == [1, 2])
    }
}

struct FastTextReaderTests {
    @Test func labelsAreOneAndTheRestOfTheLabelSetZero() throws {
        let dir = TempDir()
        let path = dir.write("a.txt", """
        __label__x __label__y both labels here
        __label__native just english
          __label__x\tleading space
        """)
        let records = try CorpusReader(path: path, labels: ["x", "y", "z"]).readAll()
        #expect(records.map(\.text) == ["both labels here", "just english", "leading space"])
        #expect(records.map(\.labels) == [["x": 1, "y": 1, "z": 0], ["x": 0, "y": 0, "z": 0], ["x": 1, "y": 0, "z": 0]])
    }

    @Test func withoutLabelSetOnlyListedLabelsAreKept() throws {
        let dir = TempDir()
        let path = dir.write("a.ft", "__label__x hi\n")
        #expect(try CorpusReader(path: path).readAll().map(\.labels) == [["x": 1]])
    }

    @Test(arguments: [("just text without label", CorpusError.Cause.missingFastTextLabel), ("__label__ empty name", .emptyLabel)])
    func badLines(line: String, cause: CorpusError.Cause) throws {
        let dir = TempDir()
        let path = dir.write("a.txt", "__label__x ok\n\(line)\n")
        let reader = try CorpusReader(path: path)
        #expect(try reader.readAll().count == 1)
        #expect(reader.stats.errors == [CorpusError(path: path, line: 2, cause: cause)])
    }
}

struct TSVReaderTests {
    @Test func bareNamesAndExplicitValues() throws {
        let dir = TempDir()
        let path = dir.write("a.tsv", """
        label\ttext
        x\tpositive for x
        x=0\tnegative for x, y unknown
        x=1,y=0\tboth explicit
        y\ttab\tinside text
        """)
        let records = try CorpusReader(path: path, labels: ["x", "y"]).readAll()
        #expect(records.map(\.text) == ["positive for x", "negative for x, y unknown", "both explicit", "tab\tinside text"])
        #expect(records.map(\.labels) == [["x": 1, "y": 0], ["x": 0], ["x": 1, "y": 0], ["x": 0, "y": 1]])
    }

    @Test(arguments: [
        ("no tab here", CorpusError.Cause.missingTab),
        ("x=2\ttext", .badLabelValue(label: "x", value: "2")),
        ("\ttext", .emptyLabel),
        ("x,,y\ttext", .emptyLabel),
        ("=1\ttext", .emptyLabel),
    ])
    func badLines(line: String, cause: CorpusError.Cause) throws {
        let dir = TempDir()
        let path = dir.write("a.tsv", "x\tgood\n\(line)\n")
        let reader = try CorpusReader(path: path)
        #expect(try reader.readAll().count == 1)
        #expect(reader.stats.errors == [CorpusError(path: path, line: 2, cause: cause)])
    }
}

struct CorpusFileTests {
    @Test(arguments: [("a.jsonl", CorpusFormat.jsonl), ("dir.v2/a.JSON", .jsonl), ("a.txt", .fastText), ("a.ft", .fastText),
                      ("a.tsv", .tsv)])
    func formatFromExtension(path: String, format: CorpusFormat) {
        #expect(CorpusFormat.infer(fromPath: path) == format)
    }

    @Test func unknownExtensionAndMissingFileAreFileErrors() throws {
        let dir = TempDir()
        let csv = dir.write("a.csv", "x,y\n")
        #expect(throws: CorpusError(path: csv, line: 0, cause: .unknownFormat(".csv"))) { _ = try CorpusReader(path: csv) }
        do {
            _ = try CorpusReader(path: dir.path("missing.jsonl"))
            Issue.record("opening a missing file must throw")
        } catch {
            #expect(error.line == 0)
            guard case .unreadableFile = error.cause else { Issue.record("wrong cause \(error.cause)"); return }
        }
        // An explicit format overrides the extension.
        let r = try CorpusReader(path: csv, format: .tsv, labels: ["q"]).readAll()
        #expect(r.isEmpty)
    }

    @Test func hashIsFNV1aOfTheFileBytes() throws {
        var empty = FNV1a64()
        #expect(empty.hex == "cbf29ce484222325")
        empty.update("a")
        #expect(empty.hex == "af63dc4c8601ec8c") // published FNV-1a-64 test vector for "a"
        let dir = TempDir()
        let text = "__label__x one\n\n__label__y two"
        let path = dir.write("h.txt", text)
        let reader = try CorpusReader(path: path)
        _ = try reader.readAll()
        var expected = FNV1a64()
        expected.update(text)
        #expect(reader.stats.hash == expected.hex)
        #expect(reader.stats.bytes == text.utf8.count)
    }

    @Test func linesLongerThanTheReadBufferAreReadWholeAndLinesOverTheLimitAreBadLines() throws {
        let dir = TempDir()
        let long = String(repeating: "abcdefghij", count: 150_000)  // 1.5 MB: more than one 1 MiB read
        let text = "__label__x \(long)\n__label__y short\n__label__x \(long)z"
        let path = dir.write("long.txt", text)
        #expect(try CorpusReader(path: path).readAll().map(\.text) == [long, "short", long + "z"])
        let limited = try CorpusReader(path: path, maxLineBytes: 1000)
        #expect(try limited.readAll().map(\.text) == ["short"])
        #expect(limited.stats.skipped == 2 && limited.stats.lines == 3)
        #expect(limited.stats.errors.first?.cause == .lineTooLong(bytes: long.utf8.count + 11, limit: 1000))
        #expect(limited.stats.bytes == text.utf8.count, "every byte is fingerprinted, over-long lines too")
    }
}
