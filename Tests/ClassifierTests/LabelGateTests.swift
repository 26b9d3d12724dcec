import Foundation
import Testing
import TextFeatures
@testable import Classifier

/// One written post and what each preset gate says about it.
struct GateCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var mandarinEnglish: GateVerdict
    var mostlyEnglish: GateVerdict
    var testDescription: String { name }
}

let gateCases: [GateCase] = [
    .init(name: "Mandarin with English words", text: "这个 project 的 deadline 太紧了，我们需要更多 time。",
          mandarinEnglish: .applies, mostlyEnglish: .mostlyOtherScript),
    .init(name: "English sentence then Chinese sentence", text: "See you tomorrow. 我明天在车站等你，不要迟到。",
          mandarinEnglish: .applies, mostlyEnglish: .mostlyOtherScript),
    .init(name: "English with a Chinese phrase", text: "I think the new policy is 很好 for the small shops here",
          mandarinEnglish: .applies, mostlyEnglish: .applies),
    .init(name: "product code counts as an English word", text: "这款手机不支持MP3播放",
          mandarinEnglish: .applies, mostlyEnglish: .tooFewLatinWords),
    .init(name: "Chinese hashtag in an English post", text: "Happy holidays to all my friends #新年快乐",
          mandarinEnglish: .applies, mostlyEnglish: .applies),
    .init(name: "Korean with English", text: "내일 회의는 두 시에 시작해요. Don't be late!",
          mandarinEnglish: .korean, mostlyEnglish: .mostlyOtherScript),
    .init(name: "Korean with Hanja and English", text: "한국어와 中文 mixed text",
          mandarinEnglish: .korean, mostlyEnglish: .tooFewLatinWords),
    .init(name: "Japanese with English", text: "明日の会議は十時からです。 Please come early.",
          mandarinEnglish: .japanese, mostlyEnglish: .mostlyOtherScript),
    .init(name: "Japanese hashtag in an English post", text: "What a great race today #東京オリンピック",
          mandarinEnglish: .japanese, mostlyEnglish: .applies),
    .init(name: "one stray kana in a long Chinese post is tolerated",
          text: "我们的新产品下个月正式上市，价格比上一代便宜很多，欢迎大家来店里体验の app",
          mandarinEnglish: .applies, mostlyEnglish: .tooFewLatinWords),
    .init(name: "Chinese with digits, link, handle and hashtag only",
          text: "今天下午3点开会 @zhangwei 看这里 https://example.com/x1 #工作日常# 2024年",
          mandarinEnglish: .tooFewLatinWords, mostlyEnglish: .tooFewLatinWords),
    .init(name: "Chinese with an English hashtag", text: "#Beijing 今天的天气真不错",
          mandarinEnglish: .tooFewLatinWords, mostlyEnglish: .tooFewLatinWords),
    .init(name: "English with one stray Han character", text: "Dinner with the whole family tonight 好",
          mandarinEnglish: .tooFewHan, mostlyEnglish: .applies),
    .init(name: "English with an emoji", text: "Dinner with the whole family tonight 😋",
          mandarinEnglish: .tooFewHan, mostlyEnglish: .applies),
    .init(name: "short English reply with a link", text: "So true! https://t.co/Ab12Cd",
          mandarinEnglish: .tooFewHan, mostlyEnglish: .tooFewLatinWords),
    .init(name: "Russian", text: "Сегодня хорошая погода в Москве",
          mandarinEnglish: .tooFewHan, mostlyEnglish: .tooFewLatinWords),
    .init(name: "English news sentence", text: "Beijing said on Tuesday it would cut tariffs on some farm goods.",
          mandarinEnglish: .tooFewHan, mostlyEnglish: .applies),
]

@Test(arguments: gateCases)
func presetGatesDecideFromTheScriptSummary(_ c: GateCase) {
    let summary = FeatureExtractor().analyze(c.text).profile.summary
    #expect(LabelGate.mandarinEnglish.verdict(summary) == c.mandarinEnglish, "\(summary)")
    #expect(LabelGate.mostlyEnglish.verdict(summary) == c.mostlyEnglish, "\(summary)")
}

@Suite struct LabelGateTests {
    @Test func thresholdsAreInclusive() {
        let g = LabelGate(rule: "t", outside: .null, minHan: 2, minLatinWords: 3, maxKanaHangulShare: 0.25, minLatinWordShare: 0.5)
        #expect(g.verdict(ScriptSummary(han: 3, kana: 1, latinWords: 3, otherWords: 3)) == .applies) // kana 1/4, Latin 3/6
        #expect(g.verdict(ScriptSummary(han: 2, kana: 1, latinWords: 3)) == .japanese)               // 1/3 > 0.25
        #expect(g.verdict(ScriptSummary(han: 3, hangul: 2, latinWords: 3)) == .korean)
        #expect(g.verdict(ScriptSummary(han: 1, latinWords: 3)) == .tooFewHan)
        #expect(g.verdict(ScriptSummary(han: 2, latinWords: 2)) == .tooFewLatinWords)
        #expect(g.verdict(ScriptSummary(han: 2, latinWords: 3, otherWords: 4)) == .mostlyOtherScript)
        // The default limits (0 and 1) never close a gate.
        #expect(LabelGate(rule: "open", outside: .zero).verdict(ScriptSummary(kana: 9, hangul: 9)) == .applies)
    }

    @Test func reasonsSayWhy() {
        let m = LabelGate.mandarinEnglish
        #expect(m.reason(.korean, ScriptSummary(hangul: 12, latinWords: 3)) == "gate: Korean (hangul) text is not Mandarin")
        #expect(m.reason(.japanese, ScriptSummary(han: 4, kana: 6)) == "gate: Japanese (kana) text is not Mandarin")
        #expect(m.reason(.tooFewHan, ScriptSummary(han: 1, latinWords: 7)) == "gate: only 1 Han character outside links and handles (needs 2)")
        #expect(m.reason(.tooFewLatinWords, ScriptSummary(han: 9)) == "gate: no English word outside links, handles and hashtags (needs 1)")
        #expect(LabelGate.mostlyEnglish.reason(.mostlyOtherScript, ScriptSummary(han: 9, latinWords: 3, otherWords: 5))
                == "gate: not mostly English (3 of 8 words are Latin-script)")
        #expect(m.reason(.applies, ScriptSummary()) == nil)
    }

    @Test func badSettingsAreNamed() {
        #expect(LabelGate.mandarinEnglish.problem == nil && LabelGate.mostlyEnglish.problem == nil)
        #expect(LabelGate(rule: "x", outside: .zero, maxKanaHangulShare: 1.5).problem?.contains("maxKanaHangulShare") == true)
        #expect(LabelGate(rule: "x", outside: .zero, minLatinWordShare: .nan).problem?.contains("minLatinWordShare") == true)
        #expect(LabelGate(rule: "x", outside: .zero, minHan: -1).problem != nil)
    }
}

@Suite struct GatedScoringTests {
    static let korean = "오늘 회의는 세 시에 시작합니다. See you tomorrow!"
    static let mixed = "美国的 democracy 只是一个 show。"

    /// Every label reacts strongly to the bias alone (probability ≈ 1 without gates).
    static func eager(gates: [String: LabelGate]?) -> Model {
        var h = HandBuiltModel(bias: 8)
        h.header.gates = gates
        return h.model
    }

    @Test func gatesFireAfterTheLinearScore() throws {
        let scorer = try Scorer(model: Self.eager(gates: LabelGate.defaults))
        let ko = scorer.score(text: Self.korean)
        #expect(ko.probability(of: "mixed_zh_en") == 0)                     // a definite no
        #expect(ko.probabilities[0] == nil)                                  // non_idiomatic: not applicable
        #expect(ko.flags.isEmpty)
        #expect(ko.gates == [.mostlyOtherScript, .korean, .applies])
        #expect(ko.raw[1] > 7)                                               // the raw score is kept
        let en = scorer.score(text: "Chinese police strengthen international cooperation against fraud")
        #expect(en.probability(of: "mixed_zh_en") == 0 && en.flags == ["non_idiomatic"])
        let zh = scorer.score(text: Self.mixed)
        #expect(zh.flags == ["mixed_zh_en"] && zh.probabilities[0] == nil)
    }

    @Test func withoutGatesEveryLabelIsScored() throws {
        let ko = try Scorer(model: Self.eager(gates: nil)).score(text: Self.korean)
        #expect(ko.flags == ["non_idiomatic", "mixed_zh_en"])
        #expect(ko.gates == [.applies, .applies, .applies])
        #expect(try Scorer(model: Self.eager(gates: [:])).score(text: Self.korean).flags == ["non_idiomatic", "mixed_zh_en"])
    }

    @Test func aGatedLabelIsNeverFlaggedEvenAtThresholdZero() throws {
        let scorer = try Scorer(model: Self.eager(gates: LabelGate.defaults), thresholds: ["mixed_zh_en": 0, "non_idiomatic": 0])
        #expect(scorer.score(text: Self.korean).flags.isEmpty)
    }

    @Test func explainSaysWhyAGatedLabelDoesNotApply() throws {
        let scorer = try Scorer(model: Self.eager(gates: LabelGate.defaults))
        let s = scorer.score(text: Self.korean, explain: true)
        #expect(s.gateReasons["mixed_zh_en"] == "gate: Korean (hangul) text is not Mandarin")
        #expect(s.gateReasons["non_idiomatic"]?.hasPrefix("gate: not mostly English") == true)
        #expect(s.gateReasons["off_topic"] == nil && s.reasons.isEmpty)
        #expect(scorer.gateReason(label: "mixed_zh_en", in: scorer.score(text: Self.korean)) == "gate: Korean (hangul) text is not Mandarin")
        #expect(scorer.gateReason(label: "mixed_zh_en", in: scorer.score(text: Self.mixed)) == nil)
        #expect(scorer.score(text: Self.korean).gateReasons.isEmpty) // only with explain
    }

    @Test func aGateOnAReplyLabelKeepsNullWithoutParent() throws {
        let scorer = try Scorer(model: Self.eager(gates: ["off_topic": LabelGate.mostlyEnglish]))
        #expect(scorer.score(text: "Beijing cut tariffs on farm goods today").probability(of: "off_topic") == nil)
        #expect(scorer.score(text: "Beijing cut tariffs on farm goods today", parent: "What is new?").flags.contains("off_topic"))
        #expect(scorer.score(text: "北京今天降低了关税", parent: "What is new?").probability(of: "off_topic") == nil)
    }

    @Test func gatesRoundTripThroughTheModelFileAndAreOptional() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let gated = Self.eager(gates: LabelGate.defaults)
        try gated.write(to: dir.file("gated.ttl"))
        #expect(try Model.load(path: dir.file("gated.ttl")).header.gates == LabelGate.defaults)
        // A model without gates writes no `gates` key: the header of models from before gates.
        let plain = Self.eager(gates: nil)
        #expect(!String(decoding: try ModelHeaderJSON.encode(plain.header), as: UTF8.self).contains("gates"))
        try plain.write(to: dir.file("plain.ttl"))
        let loaded = try Model.load(path: dir.file("plain.ttl"))
        #expect(loaded.header.gates == nil)
        #expect(try Scorer(model: loaded).score(text: Self.korean).probability(of: "mixed_zh_en")! > 0.99)
    }

    @Test func aGateOnAnUnknownLabelOrWithBadSettingsIsAShapeProblem() {
        var h = HandBuiltModel().header
        h.gates = ["spam": .mostlyEnglish]
        #expect(Model.headerProblem(h, bucketCount: HandBuiltModel.config.bucketCount, labelCount: 3)?.contains("`spam`") == true)
        h.gates = ["mixed_zh_en": LabelGate(rule: "x", outside: .zero, maxKanaHangulShare: 2)]
        #expect(Model.headerProblem(h, bucketCount: HandBuiltModel.config.bucketCount, labelCount: 3)?.contains("gate of `mixed_zh_en`") == true)
    }
}
