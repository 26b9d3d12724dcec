import Testing
@testable import TextFeatures

@Test func replyThatAnswersItsParentIsSimilar() {
    let s = FeatureExtractor().pairSimilarity(
        text: "Weight lifting builds muscle, which burns more fat; combine it with a calorie deficit to lose belly fat.",
        parent: "How do I lose belly fat through weight lifting?")
    #expect(s.cosine > 0.3)
    #expect(s.charCosine > 0.3)
    #expect(s.sharedWords >= 4)
    #expect(!s.scriptMismatch)
}

@Test func unrelatedReplyHasNoSimilarity() {
    let s = FeatureExtractor().pairSimilarity(
        text: "Chinese police strengthen international law enforcement cooperation",
        parent: "How do I lose belly fat through weight lifting?")
    #expect(s.cosine == 0)
    #expect(s.sharedWords == 0)
    #expect(s.charCosine < 0.1)
}

@Test func stemsMatchAcrossWordForms() {
    let s = FeatureExtractor().pairSimilarity(text: "Treating the symptom early helps.", parent: "What symptoms should be treated?")
    #expect(s.sharedWords == 2)
}

@Test func chineseReplySharesHanWords() {
    let s = FeatureExtractor().pairSimilarity(text: "减肥最有效的方法是控制饮食", parent: "如何减肥最有效？")
    #expect(s.sharedWords >= 1)
    #expect(s.cosine > 0)
}

@Test func englishReplyToChineseParentIsAScriptMismatch() {
    let s = FeatureExtractor().pairSimilarity(text: "Chinese police strengthen cooperation", parent: "如何减肥最有效？")
    #expect(s.scriptMismatch)
}

@Test func pairIndicatorsOnlyWithAParent() {
    let x = FeatureExtractor(config: FeatureConfig(families: [.pair]))
    #expect(x.extract(text: "some reply").count == 0)
    let v = x.extract(text: "Chinese police strengthen cooperation", parent: "How do I lose belly fat?", names: true)
    #expect(v.names.contains("reply to a parent"))
    #expect(v.names.contains("no content word in common with parent (similarity 0)"))
    let close = x.extract(text: "Lose belly fat with weight lifting.", parent: "How do I lose belly fat through weight lifting?", names: true)
    #expect(close.names.contains { $0.hasPrefix("similarity to parent") && $0.hasSuffix("(≥ 0.3)") })
}

@Test func documentFrequenciesDownWeightCommonWords() {
    var df = DocumentFrequencies(bits: 10)
    let common = FeatureHash.hash("common", seed: ContentWords.seed)
    let rare = FeatureHash.hash("rare", seed: ContentWords.seed)
    for _ in 0..<50 { df.add(document: [common, common]) }
    df.add(document: [rare])
    #expect(df.documents == 51)
    #expect(df.idf(rare) > df.idf(common))
    #expect(df.idf(common) >= 1)
}

@Test func contentWordsSkipStopwordsAndSpans() {
    var text = Array("The police and @someone said https://x.co it's crazy".utf8)
    let x = FeatureExtractor()
    let a = x.analyze(String(decoding: text, as: UTF8.self))
    var hashes: [UInt64] = [], stems: [Range<Int>] = []
    a.normalized.withUnsafeBufferPointer { ContentWords.collect($0, tokens: a.tokens, spans: a.spans, into: &hashes, stems: &stems) }
    let words = stems.map { String(decoding: a.normalized[$0], as: UTF8.self) }
    #expect(words == ["police", "said", "crazy"])
    text.removeAll()
}
