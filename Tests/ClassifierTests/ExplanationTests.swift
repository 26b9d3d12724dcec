import Testing
import TextFeatures
@testable import Classifier

@Suite struct ExplanationTests {
    static let sentence = "I can't live on regression in America."

    @Test func reasonsNameTheHeaviestFeaturesInOrder() throws {
        var h = HandBuiltModel(bias: -1)
        try h.set("n-gram `live on regression`", in: Self.sentence, label: "non_idiomatic", to: 30)
        try h.set("word `regression`", in: Self.sentence, label: "non_idiomatic", to: 12)
        try h.set("word `america`", in: Self.sentence, label: "non_idiomatic", to: -5)
        let s = try Scorer(model: h.model).score(text: Self.sentence, explain: true, k: 2)
        #expect(s.flags == ["non_idiomatic"])
        let reasons = try #require(s.reasons["non_idiomatic"])
        #expect(reasons.map(\.feature) == ["n-gram `live on regression`", "word `regression`"])
        #expect(reasons[0].contribution > reasons[1].contribution)
        #expect(reasons[0].description.hasPrefix("n-gram `live on regression` (+"))
        #expect(reasons.allSatisfy { $0.contribution > 0 })
    }

    @Test func contributionIsWeightTimesValue() throws {
        var h = HandBuiltModel(bias: 0)
        try h.set("word `regression`", in: Self.sentence, label: "non_idiomatic", to: 2)
        let model = h.model
        let v = FeatureExtractor(config: HandBuiltModel.config).extract(text: Self.sentence, names: true)
        let value = v.values[v.names.firstIndex(of: "word `regression`")!]
        let reasons = Explanation.reasons(label: 0, vector: v, core: model.scoringCore, k: 5)
        #expect(reasons == [Reason(feature: "word `regression`", contribution: 2 * value)])
    }

    @Test func scriptIndicatorsExplainMixedPosts() throws {
        let text = "We should learn 中国 culture and 历史 today"
        var h = HandBuiltModel(bias: -1)
        try h.set("Han run inside English sentence", in: text, label: "mixed_zh_en", to: 1.2)
        let s = try Scorer(model: h.model).score(text: text, explain: true)
        #expect(s.flags == ["mixed_zh_en"])
        #expect(s.reasons["mixed_zh_en"]?.first?.description == "Han run inside English sentence (+1.20)")
    }

    @Test func reasonsForAnyLabelOnRequest() throws {
        var h = HandBuiltModel(bias: -10)
        try h.set("word `regression`", in: Self.sentence, label: "mixed_zh_en", to: 3)
        let scorer = try Scorer(model: h.model)
        #expect(scorer.score(text: Self.sentence).flags.isEmpty)
        #expect(scorer.reasons(text: Self.sentence, label: "mixed_zh_en")?.first?.feature == "word `regression`")
        #expect(scorer.reasons(text: Self.sentence, label: "off_topic") == nil)
        #expect(scorer.reasons(text: Self.sentence, parent: "why?", label: "off_topic") == [])
        #expect(scorer.reasons(text: Self.sentence, label: "nope") == nil)
    }

    @Test(arguments: [
        ("similarity to parent 0.02 (< 0.05)", "similarity to parent 0.02"),
        ("character overlap with parent 0.1 (≥ 0.05)", "character overlap with parent 0.1"),
        ("n-gram `a (b) c`", "n-gram `a (b) c`"),
        ("word `(<`", "word `(<`"),
        ("emoji", "emoji"),
    ])
    func thresholdSuffixesAreDropped(name: String, display: String) {
        #expect(Explanation.displayName(name) == display)
    }

    @Test(arguments: [(Float(0.844), "+0.84"), (1.2, "+1.20"), (-1.2, "-1.20"), (0.006, "+0.01"), (0, "+0.00"), (12.345, "+12.35"), (-0.07, "-0.07")])
    func contributionsAreSignedWithTwoDecimals(x: Float, text: String) {
        #expect(Explanation.signed(x) == text)
    }

    @Test func topFeaturesReadTheHeader() {
        var h = HandBuiltModel()
        h.header.topFeatures[0] = [NamedFeature(bucket: 1, weight: 0.5, name: "b"), NamedFeature(bucket: 2, weight: -2, name: "neg"),
                                   NamedFeature(bucket: 3, weight: 1.5, name: "a"), NamedFeature(bucket: 4, weight: 0.1, name: "c")]
        let model = h.model
        #expect(model.topFeatures(label: "non_idiomatic", k: 2).map(\.name) == ["a", "b"])
        #expect(model.topFeatures(label: "non_idiomatic", k: 5, negative: true).map(\.name) == ["neg"])
        #expect(model.topFeatures(label: "off_topic", k: 3).isEmpty)
        #expect(model.topFeatures(label: "unknown", k: 3).isEmpty)
    }
}
