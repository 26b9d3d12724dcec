import Foundation
import Testing

/// The bad-input matrix, line by line: every unreadable line becomes `{"line":N,"error":"..."}`
/// naming its cause and byte, the output has one line per input line, and the good lines around
/// it are scored exactly as when they are scored without the bad ones.
struct BadLine: Sendable, CustomStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// The full error message expected in the record.
    var error: String
    var description: String { name }

    init(_ name: String, _ bytes: [UInt8], _ error: String) {
        self.name = name
        self.bytes = bytes
        self.error = error
    }

    init(_ name: String, _ text: String, _ error: String) {
        self.init(name, Array(text.utf8), error)
    }
}

private let invalidUTF8 = "invalid UTF-8"
private let truncatedUTF8 = "invalid UTF-8 (truncated sequence)"

let badUTF8Lines: [BadLine] = [
    BadLine("truncated 2-byte sequence at the end", [0x61, 0xC3], "\(truncatedUTF8) at byte 2"),
    BadLine("truncated 3-byte sequence at the end", [0x61, 0x62, 0xE4, 0xB8], "\(truncatedUTF8) at byte 3"),
    BadLine("truncated 4-byte sequence (emoji) at the end", [0xF0, 0x9F, 0x98], "\(truncatedUTF8) at byte 1"),
    BadLine("truncated sequence before a space", [0xE4, 0xB8, 0x20, 0x78], "\(invalidUTF8) at byte 1"),
    BadLine("lone continuation byte", [0x78, 0x80, 0x79], "\(invalidUTF8) at byte 2"),
    BadLine("overlong 2-byte slash", [0xC0, 0xAF], "\(invalidUTF8) at byte 1"),
    BadLine("overlong 2-byte C1", [0x61, 0xC1, 0xBF], "\(invalidUTF8) at byte 2"),
    BadLine("overlong 3-byte slash", [0xE0, 0x80, 0xAF], "\(invalidUTF8) at byte 1"),
    BadLine("overlong 4-byte slash", [0xF0, 0x80, 0x80, 0xAF], "\(invalidUTF8) at byte 1"),
    BadLine("high surrogate U+D800", [0x20, 0xED, 0xA0, 0x80], "\(invalidUTF8) at byte 2"),
    BadLine("low surrogate U+DFFF", [0xED, 0xBF, 0xBF], "\(invalidUTF8) at byte 1"),
    BadLine("CESU-8 surrogate pair", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], "\(invalidUTF8) at byte 1"),
    BadLine("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "\(invalidUTF8) at byte 1"),
    BadLine("F5 lead byte", [0xF5, 0x80, 0x80, 0x80], "\(invalidUTF8) at byte 1"),
    BadLine("FE and FF bytes", [0x61, 0x62, 0x63, 0xFE, 0xFF], "\(invalidUTF8) at byte 4"),
    BadLine("Latin-1 text", Array("caf".utf8) + [0xE9, 0x20] + Array("au lait".utf8), "\(invalidUTF8) at byte 4"),
    BadLine("invalid byte inside a JSON string", Array(#"{"text":"a"#.utf8) + [0xFF] + Array(#"b"}"#.utf8), "\(invalidUTF8) at byte 11"),
    BadLine("invalid byte in an ignored JSON field", Array(#"{"text":"ok","x":""#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8), "\(invalidUTF8) at byte 19"),
    BadLine("invalid byte after 40 ASCII bytes", Array(String(repeating: "word ", count: 8).utf8) + [0x80], "\(invalidUTF8) at byte 41"),
]

let nulLines: [BadLine] = [
    BadLine("NUL inside plain text", [0x61, 0x00, 0x62], "NUL byte at byte 2"),
    BadLine("NUL alone", [0x00], "NUL byte at byte 1"),
    BadLine("NUL after 20 ASCII bytes", Array(String(repeating: "a", count: 20).utf8) + [0x00], "NUL byte at byte 21"),
    BadLine("raw NUL inside a JSON string", Array(#"{"text":"a"#.utf8) + [0x00] + Array(#""}"#.utf8), "NUL byte at byte 11"),
    BadLine("escaped NUL in a JSON string", #"{"text":"a\u0000"}"#, "NUL character (\\u0000) in string at byte 11"),
]

let badJSONLines: [BadLine] = [
    BadLine("lone brace", "{", "malformed JSON: line ends early, expected '\"' at byte 1"),
    BadLine("line ends after the colon", #"{"text": "#, "\"text\" must be a string, found nothing at byte 9"),
    BadLine("missing value", #"{"text":}"#, "\"text\" must be a string, found no value at byte 9"),
    BadLine("trailing comma", #"{"text":"a",}"#, "malformed JSON: expected '\"' at byte 13"),
    BadLine("missing colon", #"{"text" "a"}"#, "malformed JSON: expected ':' at byte 9"),
    BadLine("single quotes", "{'text':'a'}", "malformed JSON: expected '\"' at byte 2"),
    BadLine("extra closing brace", #"{"text":"a"}}"#, "unexpected text after the JSON object at byte 13"),
    BadLine("cut off object", #"{"text":"a""#, "malformed JSON: line ends early, expected '}' at byte 11"),
    BadLine("unterminated string", #"{"text":"abc"#, "malformed JSON: unterminated string at byte 12"),
    BadLine("invalid escape", #"{"text":"a\q"}"#, "malformed JSON: invalid escape '\\q' at byte 11"),
    BadLine("short unicode escape", #"{"text":"\u12"}"#, "malformed JSON: bad hex digit in \\u escape at byte 14"),
    BadLine("lone surrogate escape", #"{"text":"\udc00"}"#, "malformed JSON: lone surrogate \\u escape at byte 10"),
    BadLine("bad number in another field", #"{"n":-,"text":"a"}"#, "malformed JSON: bad number at byte 6"),
    BadLine("bad literal", #"{"text":"a","ok":tru}"#, "malformed JSON: unexpected character at byte 18"),
    BadLine("duplicate text", #"{"text":"a","text":"b"}"#, "duplicate key \"text\" at byte 13"),
    BadLine("duplicate parent", #"{"text":"a","parent":"p","parent":"q"}"#, "duplicate key \"parent\" at byte 26"),
    BadLine("duplicate id", #"{"id":1,"id":2,"text":"a"}"#, "duplicate key \"id\" at byte 9"),
    BadLine("nested 100 deep", #"{"text":"a","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}",
            "JSON nested deeper than 64 levels at byte 81"),
    BadLine("nested a million deep", #"{"text":"a","x":"# + String(repeating: "{\"a\":", count: 1_000_000),
            "JSON nested deeper than 64 levels at byte \(16 + 64 * 5 + 1)"),
    BadLine("text is a number", #"{"text":5}"#, "\"text\" must be a string, found a number at byte 9"),
    BadLine("text is null", #"{"text":null}"#, "\"text\" must be a string, found null at byte 9"),
    BadLine("text is an array", #"{"text":["a"]}"#, "\"text\" must be a string, found an array at byte 9"),
    BadLine("text is an object", #"{"text":{"t":"a"}}"#, "\"text\" must be a string, found an object at byte 9"),
    BadLine("text is a boolean", #"{"text":true}"#, "\"text\" must be a string, found a boolean at byte 9"),
    BadLine("parent is a number", #"{"text":"a","parent":5}"#, "\"parent\" must be a string or null, found a number at byte 22"),
    BadLine("no text field", #"{"id":1}"#, "missing \"text\" field (a JSON line needs {\"text\": \"...\"})"),
]

/// Good lines to put between the bad ones (plain text, JSON, replies, non-object JSON as text).
let goodLines: [String] = [
    #"{"id":"g-1","text":"I can't live on regression in America."}"#,
    "美国的 democracy 只是一个 show。",
    #"{"id":2,"text":"Chinese police strengthen cooperation","parent":"How do I lose belly fat?"}"#,
    "plain text with \"quotes\" and a \\ backslash",
    #"["not", "an", "object"]"#,
    "",
    #"{"text":"\ud83d\ude00 emoji via escapes","parent":null}"#,
]

/// Scores `bad` lines interleaved with good ones, and checks the whole output line by line.
private func checkMatrix(_ bad: [BadLine], sourceLocation: SourceLocation = #_sourceLocation) throws {
    var input = Data()
    var expected: [String?] = []   // nil: a good line (compared with the good-only run)
    var good: [String] = []
    for (k, b) in bad.enumerated() {
        let g = goodLines[k % goodLines.count]
        input.append(Data((g + "\n").utf8))
        good.append(g)
        expected.append(nil)
        input.append(Data(b.bytes))
        input.append(0x0A)
        expected.append(b.error)
    }
    let r = try CLI.run(["score", "--model", TestModel.path], stdin: input)
    #expect(r.status == 0, sourceLocation: sourceLocation)
    let lines = r.stdoutLines
    #expect(lines.count == expected.count, "one output line per input line", sourceLocation: sourceLocation)
    let alone = try CLI.run(["score", "--model", TestModel.path], stdin: Data(good.map { $0 + "\n" }.joined().utf8)).stdoutLines
    #expect(alone.count == good.count, sourceLocation: sourceLocation)
    var goodIndex = 0
    for (i, e) in expected.enumerated() where i < lines.count {
        if let e {
            let record = try JSONSerialization.jsonObject(with: Data(lines[i].utf8)) as? [String: Any]
            #expect(record?["line"] as? Int == i + 1, "\(bad[i / 2].name)", sourceLocation: sourceLocation)
            #expect(record?["error"] as? String == e, "\(bad[i / 2].name)", sourceLocation: sourceLocation)
            // {"line","error"}, and "id" when the line's id came before the fault.
            #expect(record?.count == (record?["id"] == nil ? 2 : 3), sourceLocation: sourceLocation)
        } else {
            #expect(goodIndex < alone.count && lines[i] == alone[goodIndex], "good line \(i + 1) scored differently", sourceLocation: sourceLocation)
            #expect(lines[i].hasPrefix(#"{"#) && lines[i].contains(#""scores":"#), sourceLocation: sourceLocation)
            goodIndex += 1
        }
    }
    #expect(r.stderr.contains("\(bad.count) of \(expected.count) lines could not be scored"), sourceLocation: sourceLocation)
    #expect(r.stderr.contains("first: line 2: \(bad[0].error)"), sourceLocation: sourceLocation)
}

@Test func invalidUTF8LinesAreErrorRecordsWithTheirByte() throws { try checkMatrix(badUTF8Lines) }

@Test func nulBytesAreErrorRecordsWithTheirByte() throws { try checkMatrix(nulLines) }

@Test func malformedJSONLinesAreErrorRecordsWithTheirCause() throws { try checkMatrix(badJSONLines) }

@Test func everyBadLineAtOnceWithTwoThreadsGivesTheSameOutput() throws {
    var input = Data()
    for b in badUTF8Lines + nulLines + badJSONLines {
        input.append(Data(b.bytes))
        input.append(Data("\nlive on regression\n".utf8))
    }
    let one = try CLI.run(["score", "--model", TestModel.path], stdin: input)
    let two = try CLI.run(["score", "--model", TestModel.path, "--threads", "2"], stdin: input)
    #expect(one.stdout == two.stdout)
    #expect(one.stdoutLines.count == 2 * (badUTF8Lines.count + nulLines.count + badJSONLines.count))
}

@Test func strictModeStopsAtABadUTF8LineWithItsNumber() throws {
    var input = Data("ok\nstill ok\n".utf8)
    input.append(contentsOf: [0x61, 0xED, 0xA0, 0x80, 0x0A])
    input.append(Data("never scored\n".utf8))
    let r = try CLI.run(["score", "--model", TestModel.path, "--strict"], stdin: input)
    #expect(r.status == 2)
    #expect(r.stdoutLines.count == 3)
    #expect(r.stdoutLines.last == #"{"line":3,"error":"invalid UTF-8 at byte 2"}"#)
    #expect(r.stderr.contains("line 3: invalid UTF-8 at byte 2"))
}

@Test func crlfLinesScoreLikeLFLines() throws {
    let lines = [#"{"id":"a","text":"live on regression"}"#, "美国的 democracy", "plain", ""]
    let lf = try CLI.run(["score", "--model", TestModel.path], stdin: Data(lines.map { $0 + "\n" }.joined().utf8))
    let crlf = try CLI.run(["score", "--model", TestModel.path], stdin: Data(lines.map { $0 + "\r\n" }.joined().utf8))
    #expect(lf.stdoutLines.count == 4)
    #expect(crlf.stdout == lf.stdout)
    // A last line without any line ending is still scored.
    let unterminated = try CLI.run(["score", "--model", TestModel.path], stdin: Data((lines.dropLast().joined(separator: "\r\n")).utf8))
    #expect(unterminated.stdoutLines == Array(lf.stdoutLines.prefix(3)))
}

@Test func carriageReturnInsideALineIsText() throws {
    let r = try CLI.run(["score", "--model", TestModel.path], stdin: Data("live on\rregression\n{\"text\":\"a\\rb\"}\n".utf8))
    #expect(r.status == 0)
    #expect(r.stdoutLines.count == 2)
    #expect(r.stdoutLines.allSatisfy { $0.contains(#""scores":"#) })
}

@Test func byteOrderMarksAreSkippedAtTheStartOfTheStreamAndBeforeJSON() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let plain = #"{"id":"b","text":"live on regression"}"# + "\n"
    let without = try CLI.run(["score", "--model", TestModel.path], stdin: Data((plain + plain).utf8))
    // BOM at the start of the stream, and again mid-stream (two files joined with `cat`).
    let with = try CLI.run(["score", "--model", TestModel.path], stdin: Data(bom + Array(plain.utf8) + bom + Array(plain.utf8)))
    #expect(with.status == 0)
    #expect(with.stdout == without.stdout)
    #expect(with.stdoutLines.first?.hasPrefix(#"{"id":"b","#) == true)
    #expect(with.stdoutLines.last?.hasPrefix(#"{"id":"b","#) == true)
    // A BOM before plain text on a later line is an invisible character: same score.
    let text = try CLI.run(["score", "--model", TestModel.path], stdin: Data(Array("x\n".utf8) + bom + Array("live on regression\n".utf8)))
    let bare = try CLI.run(["score", "--model", TestModel.path], stdin: Data("x\nlive on regression\n".utf8))
    #expect(text.stdout == bare.stdout)
}
