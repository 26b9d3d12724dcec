import Testing
@testable import TextFeatures

struct MixedCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var mixed: Bool
    var japanese = false
    var korean = false
    var testDescription: String { name }
}

let mixedCases: [MixedCase] = [
    .init(name: "Mandarin sentence with English words", input: "美国的 democracy 只是一个 show。", mixed: true),
    .init(name: "tech terms inside Chinese", input: "这个 app 的 UI 设计太复杂了", mixed: true),
    .init(name: "English sentence then Chinese sentence", input: "I love this city. 我爱这个城市。", mixed: true),
    .init(name: "Traditional Chinese with English", input: "這個軟體的 interface 很好用", mixed: true),
    .init(name: "brand name in Chinese", input: "ＩＢＭ的电脑很好", mixed: true),
    .init(name: "English with a two-character Chinese place name", input: "I love Beijing 北京 so much", mixed: true),
    .init(name: "pure Simplified Chinese", input: "今天天气很好，我们去公园吧。", mixed: false),
    .init(name: "pure Traditional Chinese", input: "我們今天去臺北看電影", mixed: false),
    .init(name: "Japanese with English", input: "東京の天気は sunny です", mixed: false, japanese: true),
    .init(name: "Japanese katakana loanword and kanji", input: "新しいコンピューター system を買った", mixed: false, japanese: true),
    .init(name: "Korean with English", input: "오늘 날씨가 좋아요 very nice", mixed: false, korean: true),
    .init(name: "Korean with Hanja and English", input: "한국어와 中文 mixed text", mixed: false, korean: true),
    .init(name: "Chinese with a link", input: "中国加油 https://t.co/abc123", mixed: false),
    .init(name: "Chinese with a handle", input: "@china_daily 中国加油", mixed: false),
    .init(name: "Chinese with an English hashtag", input: "#China 中国加油", mixed: false),
    .init(name: "Chinese with a Weibo hashtag", input: "#今日话题# 中国加油", mixed: false),
    .init(name: "Chinese with an e-mail address", input: "联系 support@example.com 获取帮助", mixed: false),
    .init(name: "Chinese with only digits", input: "2024年9月24日 价格 100 元", mixed: false),
    .init(name: "Chinese with emoji", input: "好吃😋😋 下次还来", mixed: false),
    .init(name: "English with one stray Han character", input: "I love this 中 city", mixed: false),
    .init(name: "English with one stray Han character and a hashtag", input: "just thinking|#stubborn 的", mixed: false),
    .init(name: "one-letter Latin word does not count", input: "中文 a 中文", mixed: false),
    .init(name: "full-width English only", input: "ＨＥＬＬＯ ｗｏｒｌｄ", mixed: false),
    .init(name: "pure English", input: "Chinese police strengthen cooperation", mixed: false),
    .init(name: "empty", input: "", mixed: false),
]

@Test(arguments: mixedCases)
func appliesTheMixedMandarinEnglishRule(_ c: MixedCase) {
    let a = FeatureExtractor().analyze(c.input)
    #expect(a.profile.looksMixedMandarinEnglish == c.mixed)
    #expect(a.profile.isJapanese == c.japanese)
    #expect(a.profile.isKorean == c.korean)
}

@Test func countsRunsAndHanInsideEnglish() {
    // Runs: the | 美国 | democracy | 只是 | show | 一个
    let a = FeatureExtractor().analyze("the 美国 democracy, 只是 show 一个")
    #expect(a.profile.runs == 6)
    #expect(a.profile.switches == 5)
    #expect(a.profile.hanInsideLatin == 2)
    #expect(a.profile.latinInsideHan == 2)
    #expect(a.profile.count(.han) == 6)
    #expect(a.profile.latinWords == 3)
    #expect(a.dominantScript == .latin)
}

@Test func lettersInsideSpansAreNotCounted() {
    let a = FeatureExtractor().analyze("看 https://example.com/path #话题# @someone 好")
    #expect(a.profile.count(.latin) == 0)
    #expect(a.profile.count(.han) == 2)
    #expect(a.profile.hanHashtags == 1)
    #expect(a.profile.spans[Int(SpanKind.url.rawValue)] == 1)
    #expect(a.profile.spans[Int(SpanKind.handle.rawValue)] == 1)
}

@Test func countsCJKPunctuationAndOtherScripts() {
    let a = FeatureExtractor().analyze("「你好」，Привет καλημέρα مرحبا")
    #expect(a.profile.cjkPunctuation == 3)
    #expect(a.profile.count(.cyrillic) == 6)
    #expect(a.profile.count(.greek) == 8)
    #expect(a.profile.count(.other) == 5)
}

@Test func scriptOfCommonCodePoints() {
    #expect(Script.of(UInt32(UInt8(ascii: "a"))) == .latin)
    #expect(Script.of(UInt32(UInt8(ascii: "1"))) == nil)
    #expect(Script.of(0x4E2D) == .han)      // 中
    #expect(Script.of(0x3007) == .han)      // 〇
    #expect(Script.of(0x3042) == .kana)     // あ
    #expect(Script.of(0x30A2) == .kana)     // ア
    #expect(Script.of(0x30FC) == nil)       // ー (common)
    #expect(Script.of(0xD55C) == .hangul)   // 한
    #expect(Script.of(0x0434) == .cyrillic) // д
    #expect(Script.of(0x03B1) == .greek)    // α
    #expect(Script.of(0x00E9) == .latin)    // é
    #expect(Script.of(0x0627) == .other)    // ا
    #expect(Script.of(0x1F600) == nil)      // 😀
}
