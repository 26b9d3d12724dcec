import Testing
@testable import TextFeatures
import Train

struct SpanCase: CustomTestStringConvertible, Sendable {
    var input: String
    var spans: [String]
    var kinds: [SpanKind]
    var hanHashtag = false
    var testDescription: String { input.debugDescription }
}

let spanCases: [SpanCase] = [
    .init(input: "see https://example.com/a?b=1.", spans: ["https://example.com/a?b=1"], kinds: [.url]),
    .init(input: "(http://x.org/path), ok", spans: ["http://x.org/path"], kinds: [.url]),
    .init(input: "www.example.org, then", spans: ["www.example.org"], kinds: [.url]),
    .init(input: "看这个https://t.cn/E9k和那个", spans: ["https://t.cn/E9k"], kinds: [.url]),
    .init(input: "awww.not-a-link", spans: [], kinds: []),
    .init(input: "@user_1: hi @Other", spans: ["@user_1", "@Other"], kinds: [.handle, .handle]),
    .init(input: "转发@user93752 好的", spans: ["@user93752"], kinds: [.handle]),
    .init(input: "mail bob.smith@example.co.uk.", spans: ["bob.smith@example.co.uk"], kinds: [.email]),
    .init(input: "...john@x.com", spans: ["john@x.com"], kinds: [.email]),
    .init(input: "foo.@bar", spans: ["@bar"], kinds: [.handle]),
    .init(input: "user@localhost", spans: [], kinds: []),
    .init(input: "#Climate2024 now", spans: ["#Climate2024"], kinds: [.hashtag]),
    .init(input: "#今日话题# 收到货了", spans: ["#今日话题#"], kinds: [.hashtag], hanHashtag: true),
    .init(input: "我爱#中国加油 真的", spans: ["#中国加油"], kinds: [.hashtag], hanHashtag: true),
    .init(input: "＃中国", spans: ["＃中国"], kinds: [.hashtag], hanHashtag: true),
    .init(input: "#english# text", spans: ["#english"], kinds: [.hashtag]),
    .init(input: "C# and F# are languages", spans: [], kinds: []),
    .init(input: "issue #1 fixed", spans: [], kinds: []),
    .init(input: "a#b", spans: [], kinds: []),
    .init(input: "# alone", spans: [], kinds: []),
    .init(input: "", spans: [], kinds: []),
]

@Test(arguments: spanCases)
func findsSpecialSpans(_ c: SpanCase) {
    var text = c.input
    var spans: [SpecialSpan] = []
    let found: [String] = text.withUTF8 { buf in
        SpecialSpans.find(buf, into: &spans)
        return spans.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0.start..<$0.end]), as: UTF8.self) }
    }
    #expect(found == c.spans)
    #expect(spans.map(\.kind) == c.kinds)
    #expect(spans.contains { $0.hasHan } == c.hanHashtag)
}

@Test func spansAreSortedAndDisjointOnRandomText() {
    let pieces = ["@", "#", ".", "-", "a", "Z", "1", "_", " ", "http://", "www.", "中", "#中#", "x@y.z", "：", "＃"]
    var rng = SplitMix64(seed: 3)
    var spans: [SpecialSpan] = []
    for _ in 0..<2000 {
        var s = ""
        for _ in 0..<Int(rng.next() % 20) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        let n = s.utf8.count
        s.withUTF8 { SpecialSpans.find($0, into: &spans) }
        var previousEnd = 0
        for span in spans {
            #expect(span.start >= previousEnd && span.start < span.end && span.end <= n, "\(s.debugDescription)")
            previousEnd = span.end
        }
    }
}

@Test func manyAtSignsAndHashesStayLinear() {
    // Pathological input for backward/forward scans: the span count grows with the copies.
    let unit = "a.b-c@d.e #f#g @h "
    var text = String(repeating: unit, count: 50_000)
    var spans: [SpecialSpan] = []
    text.withUTF8 { SpecialSpans.find($0, into: &spans) }
    var one = unit
    var unitSpans: [SpecialSpan] = []
    one.withUTF8 { SpecialSpans.find($0, into: &unitSpans) }
    #expect(spans.count == unitSpans.count * 50_000)
}
