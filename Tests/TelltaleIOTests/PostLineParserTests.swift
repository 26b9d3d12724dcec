import Testing
import TelltaleIO

private func parse(_ bytes: [UInt8], extras: [String] = []) -> (PostLine, LineError?) {
    var parser = PostLineParser(extraFields: extras)
    var post = PostLine()
    let err = bytes.withUnsafeBufferPointer { parser.parse($0, into: &post) }
    return (post, err)
}

private func parse(_ s: String) -> (PostLine, LineError?) { parse(Array(s.utf8)) }

struct ParsedCase: Sendable, CustomStringConvertible {
    var line: String
    var text: String?
    var parent: String?
    var id: String?
    var description: String { line }
}

@Test(arguments: [
    ParsedCase(line: #"{"text":"hello"}"#, text: "hello"),
    ParsedCase(line: #"{"id":"t-1","text":"a\nb","parent":"q?"}"#, text: "a\nb", parent: "q?", id: #""t-1""#),
    ParsedCase(line: #"{"id": 17, "text": "x"}"#, text: "x", id: "17"),
    ParsedCase(line: #"  { "text" : "\u7f8e\u56fd" , "labels": {"a": [1, 2, {"b": null}]}, "n": -1.5e3 }  "#, text: "美国"),
    ParsedCase(line: #"{"text":"\ud83d\ude00 ok"}"#, text: "😀 ok"),
    ParsedCase(line: #"{"text":"\ufeffbom inside"}"#, text: "\u{FEFF}bom inside"),
    ParsedCase(line: #"{"text":"t","parent":null}"#, text: "t"),
    ParsedCase(line: "plain text line", text: "plain text line"),
    ParsedCase(line: "", text: ""),
    ParsedCase(line: "美国的 democracy", text: "美国的 democracy"),
    ParsedCase(line: "café ♫ £5 Ω 😀 中", text: "café ♫ £5 Ω 😀 中"),          // 2-, 3- and 4-byte sequences
    ParsedCase(line: #"{"text":"naïve — “quoted” ½"}"#, text: "naïve — “quoted” ½"),
])
func parsesGoodLines(_ c: ParsedCase) {
    let (post, err) = parse(c.line)
    #expect(err == nil)
    #expect(String(decoding: post.text, as: UTF8.self) == c.text)
    #expect(post.hasParent == (c.parent != nil))
    if let p = c.parent { #expect(String(decoding: post.parent, as: UTF8.self) == p) }
    #expect(String(decoding: post.idJSON, as: UTF8.self) == (c.id ?? ""))
}

struct BadCase: Sendable, CustomStringConvertible {
    var bytes: [UInt8]
    var message: String
    var byte: Int
    var description: String { message }
}

@Test(arguments: [
    BadCase(bytes: Array(#"{"text": 5}"#.utf8), message: "\"text\" must be a string, found a number", byte: 10),
    BadCase(bytes: Array(#"{"txt": "a"}"#.utf8), message: "missing \"text\" field (a JSON line needs {\"text\": \"...\"})", byte: 0),
    BadCase(bytes: Array(#"{"text": "a", "text": "b"}"#.utf8), message: "duplicate key \"text\"", byte: 15),
    BadCase(bytes: Array(#"{"text": "a""#.utf8), message: "malformed JSON: line ends early, expected '}'", byte: 12),
    BadCase(bytes: Array(#"{"text": "a\x"}"#.utf8), message: "malformed JSON: invalid escape '\\x'", byte: 12),
    BadCase(bytes: Array(#"{"text": "\ud800"}"#.utf8), message: "malformed JSON: lone surrogate \\u escape", byte: 11),
    BadCase(bytes: Array(#"{"text": "a"} extra"#.utf8), message: "unexpected text after the JSON object", byte: 15),
    BadCase(bytes: Array("{\"text\": \"a\u{01}\"}".utf8), message: "malformed JSON: control character in string (escape it)", byte: 12),
    BadCase(bytes: [0x61, 0x62, 0xFF, 0x63], message: "invalid UTF-8", byte: 3),
    BadCase(bytes: [0x61, 0xE4, 0xB8], message: "invalid UTF-8 (truncated sequence)", byte: 2),
    BadCase(bytes: [0xC0, 0xAF], message: "invalid UTF-8", byte: 1),           // overlong '/'
    BadCase(bytes: [0x20, 0xED, 0xA0, 0x80], message: "invalid UTF-8", byte: 2), // UTF-8 encoded surrogate
    BadCase(bytes: [0x61, 0x00, 0x62], message: "NUL byte", byte: 2),
    BadCase(bytes: Array("{\"text\": \"a\\u0000\"}".utf8), message: "NUL character (\\u0000) in string", byte: 12),
])
func reportsBadLines(_ c: BadCase) {
    let (_, err) = parse(c.bytes)
    #expect(err?.message == c.message)
    #expect(err?.byte == c.byte)
}

@Test func deeplyNestedJSONIsAnErrorNotACrash() {
    let deep = #"{"text":"a","x":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
    let (_, err) = parse(deep)
    #expect(err?.message == "JSON nested deeper than 64 levels")
}

@Test func capturesExtraFields() {
    let (post, err) = parse(Array(#"{"text":"x","author":"acct-1","created_at":1700000000,"other":1}"#.utf8), extras: ["author", "created_at"])
    #expect(err == nil)
    #expect(post.extras == ["author": "acct-1", "created_at": "1700000000"])
}

@Test func writerEscapesWhatTheParserReads() {
    let original = "quote \" backslash \\ newline \n tab \t bell \u{07} 美国 😀"
    var json: [UInt8] = Array(#"{"text":"#.utf8)
    JSONWriter.appendString(original, to: &json)
    json.append(UInt8(ascii: "}"))
    let (post, err) = parse(json)
    #expect(err == nil)
    #expect(String(decoding: post.text, as: UTF8.self) == original)
}

/// Strings are scanned eight bytes at a time: an escape, a quote or a control character at every
/// offset around the 8-byte steps must still be found at its byte.
@Test(arguments: 0..<20)
func findsEscapesAndControlsAtEveryOffset(_ at: Int) {
    let before = String(repeating: "a", count: at), after = String(repeating: "é", count: 7)
    for (escaped, plain) in [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é")] {
        let (post, err) = parse(#"{"text":""# + before + escaped + after + #"","parent":""# + after + before + escaped + #""}"#)
        #expect(err == nil)
        #expect(String(decoding: post.text, as: UTF8.self) == before + plain + after)
        #expect(String(decoding: post.parent, as: UTF8.self) == after + before + plain)
    }
    // `{"text": "` is 10 bytes: the control character is byte 11 + at.
    let (_, err) = parse(Array(#"{"text": ""#.utf8) + Array(before.utf8) + [0x01] + Array(#"b"}"#.utf8))
    #expect(err?.message == "malformed JSON: control character in string (escape it)")
    #expect(err?.byte == 11 + at)
}

@Test func skippedFieldsAreCheckedLikeReadOnes() {
    // Keys that only start like `text`, `parent` or `id` are other fields; a skipped string's bad
    // escape is reported at its byte, as in a field that is read.
    let (post, err) = parse(#"{"tex":"a","texts":"b","text":"c","parents":"d","i":1,"ids":2}"#)
    #expect(err == nil)
    #expect(String(decoding: post.text, as: UTF8.self) == "c")
    #expect(!post.hasParent && post.idJSON.isEmpty)
    let (_, bad) = parse(#"{"text":"a","source":"0123456789\x"}"#)
    #expect(bad?.message == "malformed JSON: invalid escape '\\x'")
    #expect(bad?.byte == 33)
    let (_, badKey) = parse(#"{"text":"a","labels":{"off\qtopic":1}}"#)
    #expect(badKey?.message == "malformed JSON: invalid escape '\\q'")
    #expect(badKey?.byte == 27)
}
