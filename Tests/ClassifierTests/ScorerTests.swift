import Foundation
import Testing
import TextFeatures
@testable import Classifier

@Suite struct ScorerTests {
    static let sentence = "I can't live on regression in America."

    @Test func labelsThatNeedAParentAreNilWithoutOne() throws {
        let scorer = try Scorer(model: HandBuiltModel().model)
        let alone = scorer.score(text: "Chinese police strengthen cooperation")
        #expect(alone.labels == TestModels.labels)
        #expect(alone.probabilities[2] == nil)
        #expect(alone.probability(of: "off_topic") == nil)
        #expect(alone.probabilities[0] != nil && alone.probabilities[1] != nil)
        #expect(!alone.flags.contains("off_topic"))
        let reply = scorer.score(text: "Chinese police strengthen cooperation", parent: "How do I lose belly fat?")
        #expect(reply.probability(of: "off_topic") != nil)
    }

    @Test func nilLabelIsNeverFlaggedEvenWithAHugeBias() throws {
        var h = HandBuiltModel(bias: -5)
        h.weights.bias[2] = 20
        let scorer = try Scorer(model: h.model)
        #expect(scorer.score(text: "hello there").flags == [])
        #expect(scorer.score(text: "hello there", parent: "what time is it?").flags == ["off_topic"])
    }

    @Test func probabilitiesAreTheCalibratedRawScores() throws {
        let base = TestModels.random(seed: 21, bucketBits: 12)
        var header = base.header
        header.features = FeatureConfig(bucketBits: 12)
        let model = Model(header: header, weights: base.weights, documentFrequencies: base.documentFrequencies)
        let scorer = try Scorer(model: model)
        let s = scorer.score(text: "美国的 democracy 只是一个 show。", parent: "What do you think of elections?")
        let v = FeatureExtractor(config: header.features, documentFrequencies: base.documentFrequencies)
            .extract(text: "美国的 democracy 只是一个 show。", parent: "What do you think of elections?")
        var raw: [Float] = []
        model.scoringCore.score(v, into: &raw)
        #expect(s.raw == raw)
        for l in 0..<3 {
            #expect(s.probabilities[l] == header.calibration[l].probability(raw: Double(raw[l])))
            #expect(s.flags.contains(header.labels[l]) == (s.probabilities[l]! >= header.thresholds[l]))
        }
    }

    @Test func thresholdsDefaultFromTheHeaderAndCanBeOverridden() throws {
        var h = HandBuiltModel(bias: 0)
        h.header.thresholds = [0.4, 0.9, 0.5]
        let model = h.model // every probability is 0.5 (zero weights, zero bias)
        #expect(try Scorer(model: model).score(text: "ok").flags == ["non_idiomatic"])
        #expect(try Scorer(model: model, thresholds: ["non_idiomatic": 0.6, "mixed_zh_en": 0.5]).score(text: "ok").flags == ["mixed_zh_en"])
        #expect(throws: ScorerError.unknownLabel("spam", known: TestModels.labels)) { try Scorer(model: model, thresholds: ["spam": 0.5]) }
        #expect(throws: ScorerError.invalidThreshold("off_topic", 1.5)) { try Scorer(model: model, thresholds: ["off_topic": 1.5]) }
        #expect(throws: ScorerError.self) { try Scorer(model: model, thresholds: ["off_topic": .nan]) }
    }

    @Test func utf8EntryPointMatchesStrings() throws {
        let scorer = try Scorer(model: TestModels.random(seed: 22, bucketBits: 10).rebuilt(bucketBits: 10))
        let text = "美国的 democracy 只是一个 show。", parent = "Is this true?"
        let viaString = scorer.score(text: text, parent: parent, explain: true)
        var t = text, p = parent
        let viaBytes = t.withUTF8 { tb in p.withUTF8 { pb in scorer.score(text: tb, parent: pb, explain: true) } }
        #expect(viaString == viaBytes)
        var reused = PostScore()
        for _ in 0..<3 {
            t.withUTF8 { tb in scorer.score(text: tb, parent: nil, explain: false, k: 3, into: &reused) }
            #expect(reused == scorer.score(text: text))
        }
    }

    @Test func explainingDoesNotChangeScores() throws {
        let scorer = try Scorer(model: TestModels.random(seed: 23).rebuilt(bucketBits: 10))
        for text in [Self.sentence, "美国的 democracy 只是一个 show。", "", "😀😀", "ｐｏｌｉｃｅ роlice"] {
            let plain = scorer.score(text: text, parent: "parent post here")
            let explained = scorer.score(text: text, parent: "parent post here", explain: true)
            #expect(plain.probabilities == explained.probabilities, "\(text)")
            #expect(plain.flags == explained.flags)
            #expect(Set(explained.reasons.keys) == Set(explained.flags))
        }
    }

    @Test func loadedModelScoresLikeTheModelInMemory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: 24).rebuilt(bucketBits: 10)
        try model.write(to: dir.file("m.ttl"))
        let a = try Scorer(model: model), b = try Scorer(model: Model.load(path: dir.file("m.ttl")))
        for text in [Self.sentence, "美国的 democracy 只是一个 show。", "@someone look https://x.example/a #话题"] {
            #expect(a.score(text: text, parent: "what?", explain: true) == b.score(text: text, parent: "what?", explain: true))
        }
    }
}

extension Model {
    /// The same model with its header's feature config set to `bucketBits` (test models use random headers).
    func rebuilt(bucketBits: Int) -> Model {
        var h = header
        h.features = FeatureConfig(bucketBits: bucketBits)
        return Model(header: h, weights: weights, documentFrequencies: documentFrequencies)
    }
}
