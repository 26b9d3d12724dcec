import Testing
@testable import TextFeatures
import Train

struct SegmentationCase: CustomTestStringConvertible, Sendable {
    var input: String
    var tokens: [String]
    var testDescription: String { input.debugDescription }
}

let segmentationCases: [SegmentationCase] = [
    .init(input: "美国的 democracy 只是一个 show。", tokens: ["美国", "的", "democracy", "只是", "一个", "show"]),
    .init(input: "I can't live on regression in America.", tokens: ["I", "can't", "live", "on", "regression", "in", "America"]),
    .init(input: "Price: $1,299.99 (was 1.500,00)", tokens: ["Price", "1,299.99", "was", "1.500,00"]),
    .init(input: "e.g. the U.S.A. team", tokens: ["e.g", "the", "U.S.A", "team"]),
    .init(input: "snake_case and __dunder__", tokens: ["snake_case", "and", "__dunder__"]),
    .init(input: "mail bob@example.com now", tokens: ["mail", "bob@example.com", "now"]),
    .init(input: "12:30pm", tokens: ["12", "30pm"]),
    .init(input: "don\u{2019}t stop", tokens: ["don\u{2019}t", "stop"]),
    .init(input: "café au lait", tokens: ["café", "au", "lait"]),
    .init(input: "사랑해요 Korea", tokens: ["사랑해요", "Korea"]),
    // Dictionary segmentation (ICU gives kana words the ideographic status too).
    .init(input: "東京のホテルはとても良いです。", tokens: ["東京", "の", "ホテル", "は", "とても", "良い", "です"]),
    .init(input: "這個軟體很好用", tokens: ["這個", "軟體", "很好", "用"]),
    .init(input: "   ", tokens: []),
    .init(input: "", tokens: []),
]

@Test(arguments: segmentationCases)
func segmentsTrickyStrings(_ c: SegmentationCase) {
    #expect(Segmenter().tokens(c.input) == c.tokens)
}

/// Segments `s` both ways and returns (fast path, ICU) tokens.
func bothSegmentations(_ s: String, _ seg: Segmenter) -> ([Token], [Token]) {
    var text = s
    var fast: [Token] = [], reference: [Token] = []
    text.withUTF8 { buf in
        seg.segment(buf, into: &fast)
        seg.segmentWithICU(buf, into: &reference)
    }
    return (fast, reference)
}

let trickyASCII = [
    "don't", "'quoted'", "rock'n'roll", "o'clock's", "a.b.c", "a..b", "e.g.", ".net", "3.14", "3.14.15",
    "1,000,000", "1,000.5", "1;2;3", "1'000", "1,a", "a,1", "a.1", "1.a", "1:2", "a:b", "a_b", "_a", "a_",
    "___", "a_1", "1_a", "1_", "a1", "1a", "a1.b2", "x.1.y", "@", "@@", "@user", "a@b", "a@b.c", "1@2",
    "_@1", "user@example.com", "first.last@sub.example.co.uk", "#tag", "#1", "C#", "a#b", "https://t.co/Ab12",
    "http://example.com/a_b?c=1&d=2#frag", "www.example.org/x.html", "v2.4.1", "ver.2", "a-b", "a--b",
    "a'.b", "a.'b", "1.'2", "1'.2", "'", ".", ",", "", " ", "\t\n\r", "a\rb", "a\r\nb", "A.B.", "I.B.M",
    "$5.00", "50%", "#1 fan", "foo.@bar", "a'b'c'd", "1,2,3.4.5;6'7", "x__y__z", "__init__.py", "end.",
    "Mr. Smith's", "it's 5 o'clock", "(a)", "[1]", "{x}", "a/b", "a\\b", "a|b", "~a", "a`b", "\"a\"",
]

@Test(arguments: trickyASCII)
func asciiFastPathMatchesICUOnTrickyStrings(_ s: String) {
    let (fast, reference) = bothSegmentations(s, Segmenter())
    #expect(fast == reference)
}

@Test func asciiFastPathMatchesICUOnRandomStrings() {
    // A nasty alphabet: letters, digits, every joiner ICU knows, spaces and controls.
    let alphabet = Array("aZq09_@#.,;:'\"-/ \t\n\rh.")
    var rng = SplitMix64(seed: 7)
    let seg = Segmenter()
    var mismatches = 0
    for _ in 0..<4000 {
        let length = Int(rng.next() % 20)
        let s = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        let (fast, reference) = bothSegmentations(s, seg)
        if fast != reference {
            mismatches += 1
            #expect(fast == reference, "\(s.debugDescription): \(describe(fast, s)) vs ICU \(describe(reference, s))")
            if mismatches > 5 { break }
        }
    }
}

@Test func mixedScriptSegmentationMatchesICUOnRandomStrings() {
    // Non-ASCII pieces force the ICU path, long ASCII pieces the fast path in between.
    let pieces = ["a", "Z", "9", "_", "@", ".", ",", "'", " ", "  ", "\n", "中", "国", "的", "の", "ア", "한", "é",
                  "\u{0301}", "\u{2019}", "😀", "\u{200D}", "\u{FE0F}", "—", "，", "。", "д",
                  "the quick brown fox jumps over the lazy dog", " 3.14 and 1,000 apples ", String(repeating: "b", count: 35)]
    var rng = SplitMix64(seed: 11)
    let seg = Segmenter()
    var mismatches = 0
    for _ in 0..<2500 {
        var s = ""
        for _ in 0..<Int(rng.next() % 16) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        let (fast, reference) = bothSegmentations(s, seg)
        if fast != reference {
            mismatches += 1
            #expect(fast == reference, "\(s.debugDescription): \(describe(fast, s)) vs ICU \(describe(reference, s))")
            if mismatches > 5 { break }
        }
    }
}

@Test func segmentingAroundSpansNeverCrossesASpanEdge() {
    var text = "see foo.@bar and mail.me@x.org or https://t.co/Ab1 now"
    let seg = Segmenter()
    var spans: [SpecialSpan] = []
    var tokens: [Token] = []
    let strings: [String] = text.withUTF8 { buf in
        SpecialSpans.find(buf, into: &spans)
        seg.segment(buf, around: spans, into: &tokens)
        return tokens.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0.range]), as: UTF8.self) }
    }
    #expect(strings == ["see", "foo", "@bar", "and", "mail.me@x.org", "or", "https://t.co/Ab1", "now"])
    for t in tokens {
        for s in spans where s.start < Int(t.end) && Int(t.start) < s.end {
            #expect(Int(t.start) == s.start && Int(t.end) == s.end)
        }
    }
}

@Test func segmentingALongTextIsLinear() {
    // 1 MB of text: token count scales with the number of copies (nothing lost between ICU pieces).
    let unit = "我们的 police 很 strong, don\u{2019}t you think? 3.14 "
    let seg = Segmenter()
    let small = seg.tokens(unit).count
    let copies = (1 << 20) / unit.utf8.count
    let big = seg.tokens(String(repeating: unit, count: copies)).count
    #expect(big == small * copies)
}

/// Tokens as `text/kind` strings, for failure messages.
func describe(_ tokens: [Token], _ s: String) -> String {
    let bytes = Array(s.utf8)
    return tokens.map { "\(String(decoding: bytes[$0.range], as: UTF8.self))/\($0.kind)" }.joined(separator: " ")
}
