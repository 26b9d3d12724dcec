import Testing
@testable import Reporting

struct ReportFormatTests {
    @Test(arguments: [
        (0.5, 0, "1"), (2.0, 2, "2.00"), (12.34, 1, "12.3"), (0.05, 2, "0.05"), (-0.0001, 2, "0.00"),
        (-1.25, 1, "-1.3"), (0.9999, 3, "1.000"), (1234567.0, 0, "1234567"), (0.123456, 4, "0.1235"),
    ] as [(Double, Int, String)])
    func fixedDecimals(x: Double, digits: Int, expected: String) {
        #expect(ReportFormat.fixed(x, digits) == expected)
    }

    @Test(arguments: [
        ("short text", 20, "short text"),
        ("  line one\n\nline\ttwo  ", 40, "line one line two"),
        ("abcdefg", 5, "abcd…"),
        ("abcde", 5, "abcde"),
        ("ab cdef", 4, "ab…"),
        ("abc de", 4, "abc…"),
        ("美国的democracy只是一个show", 6, "美国的de…"),
        ("👨‍👩‍👧 family", 4, "👨‍👩‍👧 f…"),
        ("", 5, ""),
    ])
    func excerpts(text: String, limit: Int, expected: String) {
        let got = ReportFormat.excerpt(text, limit: limit)
        #expect(got == expected)
        #expect(got.count <= limit)
    }

    /// The shortest decimal in (lower, upper], the largest of that length.
    @Test(arguments: [
        (nil, 0.87346, "0"), (0.5, 0.87346, "0.8"), (0.8734, 0.87346, "0.87346"), (0.873, 0.87346, "0.8734"), (0.87, 0.875, "0.875"),
        (0.1, 0.3, "0.3"), (0.1, 0.25, "0.2"), (0.29, 0.3, "0.3"), (0.3, 1.0, "1"),
    ] as [(Double?, Double, String)])
    func shortestThresholdIsInsideTheInterval(lower: Double?, upper: Double, expected: String) {
        let s = ReportFormat.shortestThreshold(above: lower, atMost: upper)
        #expect(s == expected)
        let v = Double(s) ?? -1
        #expect(v <= upper && (lower.map { v > $0 } ?? true))
    }

    @Test func xmlEscapingCoversMarkupQuotesAndControls() {
        #expect(ReportEscape.xml(#"<script>alert("x&y")</script>'"#) == "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;")
        #expect(ReportEscape.xml("a\u{01}b\u{7F}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
        #expect(ReportEscape.xml("美国 démocratie 🎶") == "美国 démocratie 🎶")
    }

    @Test func markdownEscapingKeepsTextInsideItsCell() {
        #expect(ReportEscape.markdown("a|b\nc") == #"a\|b c"#)
        #expect(ReportEscape.markdown("*bold* _it_ `code` [link](x) <b> #tag ~s~") == ##"\*bold\* \_it\_ \`code\` \[link\](x) \<b\> \#tag \~s\~"##)
    }

    @Test func tablesAlignAndRenderAsMarkdown() {
        var t = ReportTable(headers: ["label", "F1"])
        t.append(["non_idiomatic", "0.9"])
        t.append(["x|y", "1.000"])
        #expect(t.text() == "label             F1\nnon_idiomatic    0.9\nx|y            1.000\n")
        #expect(t.markdown() == "| label | F1 |\n| --- | ---: |\n| non\\_idiomatic | 0.9 |\n| x\\|y | 1.000 |\n")
    }
}
