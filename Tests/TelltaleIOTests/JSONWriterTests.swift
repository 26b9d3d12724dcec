import Testing
import TelltaleIO

/// `JSONWriter` is the one JSON string escape (score and accounts lines, eval reports).
struct JSONWriterTests {
    @Test(arguments: [
        ("plain 美国 🎶", #""plain 美国 🎶""#),
        ("q\"b\\s", #""q\"b\\s""#),
        ("n\nr\rt\tc\u{01}", #""n\nr\rt\tc\u0001""#),
        ("line\u{2028}para\u{2029}end", #""line\u2028para\u2029end""#),
        ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
    ])
    func escapesQuotesControlsAndLineSeparators(input: String, expected: String) {
        var out: [UInt8] = []
        JSONWriter.appendString(input, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
