import Testing
@testable import TextFeatures

/// A written text and the counts label gates decide on.
struct SummaryCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var expected: ScriptSummary
    var testDescription: String { name }
}

let summaryCases: [SummaryCase] = [
    .init(name: "dictionary words count as other words", input: "美国的 democracy 只是一个 show",
          expected: ScriptSummary(han: 7, latinWords: 2, otherWords: 4)),
    .init(name: "letters with digits are English words", input: "不支持MP3和GM45 2024年",
          expected: ScriptSummary(han: 5, latinWords: 2, otherWords: 4)),
    .init(name: "pure numbers and one-letter words are neither", input: "I am 42 a b",
          expected: ScriptSummary(latinWords: 1)),
    .init(name: "Han inside a hashtag counts, its Latin does not", input: "Great news today #中国加油 #China",
          expected: ScriptSummary(han: 4, latinWords: 3)),
    .init(name: "kana inside a hashtag counts", input: "nice race #東京オリンピック",
          expected: ScriptSummary(han: 2, kana: 6, latinWords: 2)),
    .init(name: "links, handles and e-mails do not count", input: "看 https://t.co/ab12 @bob_tw me@x.org 好",
          expected: ScriptSummary(han: 2, otherWords: 2)),
    .init(name: "Korean words and Hangul letters", input: "오늘 회의 OK",
          expected: ScriptSummary(hangul: 4, latinWords: 1, otherWords: 2)),
    .init(name: "Cyrillic words are other words", input: "привет my friend",
          expected: ScriptSummary(latinWords: 2, otherWords: 1)),
    .init(name: "look-alike letters are mapped first", input: "Тhе police",
          expected: ScriptSummary(latinWords: 2)),
]

@Test(arguments: summaryCases)
func summarisesTheScriptsGatesNeed(_ c: SummaryCase) {
    #expect(FeatureExtractor().analyze(c.input).profile.summary == c.expected)
}

@Test func theExtractorExposesTheProfileOfTheLastPost() {
    let fx = FeatureExtractor()
    _ = fx.extract(text: "오늘 회의 OK", parent: "美国的 democracy 只是一个 show")
    #expect(fx.profile.count(.hangul) == 4 && fx.profile.count(.han) == 0)
    #expect(fx.scriptSummary == fx.profile.summary)
}

@Test func alphanumericWordsDoNotChangeTheHashedLatinWordCount() {
    // `latinWords` feeds hashed indicators and stays letter tokens only; gates add `latinAlphanumerics`.
    let p = FeatureExtractor().analyze("不支持MP3和GM45").profile
    #expect(p.latinWords == 0 && p.latinAlphanumerics == 2)
}
