import Foundation
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

// Pair version 2: the same reply under its own question and under another question written in
// the same style (a same-site swap). Style is identical; only the pair measures can move.
@Test func pairMeasuresFollowTheQuestionNotTheStyle() {
    let x = FeatureExtractor()
    let reply = "Gout is a form of arthritis: uric acid crystals build up in a joint and cause sudden pain."
    let own = x.pairSimilarity(text: reply, parent: "What are the symptoms of gout arthritis?")
    let swap = x.pairSimilarity(text: reply, parent: "What are the symptoms of glaucoma?")
    #expect(own.parentCoverage > 0.5)
    #expect(swap.parentCoverage < own.parentCoverage)
    #expect(own.keyWordShared && !swap.keyWordShared)
    #expect(own.opensWithParentWord && !swap.opensWithParentWord)
    #expect(own.sharedPrefixes > swap.sharedPrefixes)
    #expect(own.cosine > swap.cosine)
}

@Test func forumStyleAnswerSharesWordBeginningsAndNumbers() {
    let x = FeatureExtractor()
    let reply = "u need the licence from traffic dept, bring 2 photos and pay 250 qr"
    let own = x.pairSimilarity(text: reply, parent: "Driving license fee? how much is the 250 QR license renewal")
    let swap = x.pairSimilarity(text: reply, parent: "Best beach for kids near the city? looking for a quiet place")
    #expect(own.sharedPrefixes >= 1)   // licence / license
    #expect(own.sharedNumbers == 1)    // 250
    #expect(swap.sharedPrefixes == 0 && swap.sharedNumbers == 0)
}

@Test func mixedChineseEnglishAnswerMatchesItsChineseQuestion() {
    let x = FeatureExtractor()
    let s = x.pairSimilarity(text: "减肥主要靠饮食控制，healthy diet比做多少sit-ups都重要。", parent: "怎样才能有效减肥？")
    #expect(!s.scriptMismatch)           // more Latin letters than Han, but Chinese is the parent's script
    #expect(s.keyWordShared)             // 减肥
    #expect(s.sharedWords >= 1)
    let unrelated = x.pairSimilarity(text: "中美两国警方深化合作，联合打击电信诈骗。", parent: "怎样才能有效减肥？")
    #expect(!unrelated.keyWordShared && unrelated.parentCoverage == 0)
}

@Test func chineseFunctionWordsAreNotContentAndLongWordsGiveBigrams() {
    var hashes: [UInt64] = [], stems: [Range<Int>] = []
    let x = FeatureExtractor()
    let a = x.analyze("我们如何减肥药")
    a.normalized.withUnsafeBufferPointer { ContentWords.collect($0, tokens: a.tokens, spans: a.spans, into: &hashes, stems: &stems) }
    let words = stems.map { String(decoding: a.normalized[$0], as: UTF8.self) }
    #expect(!words.contains("我们") && !words.contains("如何"))
    #expect(words.contains("减肥"))
}

@Test func questionTypeAndAnswerForm() {
    func type(_ q: String) -> QuestionType {
        let a = FeatureExtractor().analyze(q)
        return a.normalized.withUnsafeBufferPointer { QuestionType.of($0, tokens: a.tokens) }
    }
    #expect(type("Is it safe to swim in the sea in winter?") == .yesNo)
    #expect(type("How many days does a visa renewal take?") == .quantity)
    #expect(type("How do I renew my visa?") == .way)
    #expect(type("What is gout?") == .what)
    #expect(type("Where can I buy a bike?") == .place)
    #expect(type("Beach recommendations for the weekend") == .other)
    let yes = FeatureExtractor().pairSimilarity(text: "Yes, it is safe until November.", parent: "Is it safe to swim in the sea in winter?")
    #expect(yes.question == .yesNo && yes.answer.opensYesNo)
    let v = FeatureExtractor(config: FeatureConfig(families: [.pair])).extract(
        text: "Yes, it is safe until November.", parent: "Is it safe to swim in the sea in winter?", names: true)
    #expect(v.names.contains("yes/no question, reply opens with yes/no"))
    #expect(v.names.contains { $0.hasPrefix("reply uses the parent's key word `") })
}

@Test func modelsWrittenBeforePairVersion2KeepTheirFeatures() throws {
    let json = #"{"bucketBits":12,"families":["pair"],"maxWordNgram":2,"minCharNgram":2,"maxCharNgram":5,"maxHanNgram":2,"indicatorBits":8}"#
    let old = try JSONDecoder().decode(FeatureConfig.self, from: Data(json.utf8))
    #expect(old.pairVersion == 1)
    let v = FeatureExtractor(config: old).extract(text: "Yes, it is safe.", parent: "Is it safe to swim?", names: true)
    #expect(v.names.contains("reply to a parent"))
    #expect(!v.names.contains { $0.contains("key word") || $0.contains("yes/no") })
    var bad = FeatureConfig()
    bad.pairVersion = FeatureConfig.currentPairVersion + 1
    #expect(throws: FeatureConfigError.self) { try bad.validate() }
}

// Pair version 3: related words (WordNet concepts, `WordConcepts`).
@Test func relatedWordsShareAConcept() {
    func related(_ a: String, _ b: String) -> Bool {
        let x = WordConcepts.concepts(ofStem: a), y = WordConcepts.concepts(ofStem: b)
        return x.contains { y.contains($0) }
    }
    #expect(related("pregnant", "pregnancy"))
    #expect(related("automobile", "car"))
    #expect(related("medicine", "medical"))
    #expect(!related("pregnant", "airline"))
    #expect(!related("automobile", "pregnancy"))
    #expect(WordConcepts.concepts(ofStem: "qwzx").isEmpty)
    #expect(WordConcepts.count > 50_000)
}

@Test func replyAnsweringWithRelatedWordsCoversMoreOfItsParent() {
    let x = FeatureExtractor()
    let reply = "During pregnancy most airlines let you board until week 36; bring a note from your doctor."
    let own = x.pairSimilarity(text: reply, parent: "Can a pregnant woman fly?")
    let swap = x.pairSimilarity(text: reply, parent: "Which automobile dealer is the cheapest?")
    #expect(own.relatedWords >= 1)
    #expect(own.keyWordRelated || own.relatedCoverage > own.parentCoverage)
    #expect(own.relatedCoverage > own.parentCoverage)
    #expect(swap.relatedWords == 0 && swap.relatedCoverage == swap.parentCoverage)
}

@Test func relatedWordIndicatorsOnlyFromPairVersion3() {
    let reply = "Buy your car from the showroom near the airport."
    let parent = "Which automobile dealer is the cheapest?"
    let v3 = FeatureExtractor(config: FeatureConfig(families: [.pair])).extract(text: reply, parent: parent, names: true)
    #expect(v3.names.contains("reply uses a word related to the parent's `automobile`"))
    #expect(v3.names.contains { $0.hasPrefix("reply uses or relates to ") })
    let v2 = FeatureExtractor(config: FeatureConfig(families: [.pair], pairVersion: 2)).extract(text: reply, parent: parent, names: true)
    #expect(!v2.names.contains { $0.contains("related") || $0.contains("relates") })
    #expect(v2.names.contains { $0.hasPrefix("reply does not use the parent's key word") })
    let v2Keys = Set(v2.indices)
    #expect(Set(v3.indices).isSuperset(of: v2Keys), "version 3 only adds indicators")
}

// Pair version 4: closeness in meaning (`WordVectors`, distilled from a sentence encoder).
private func contentHashes(_ text: String) -> [UInt64] {
    let x = FeatureExtractor()
    var a = TextAnalysis()
    var t = text
    t.withUTF8 { x.analyze($0, into: &a) }
    var words: [UInt64] = [], stems: [Range<Int>] = []
    a.normalized.withUnsafeBufferPointer { ContentWords.collect($0, tokens: a.tokens, spans: a.spans, into: &words, stems: &stems) }
    return words
}

@Test func wordVectorsPlaceAnAnswerNearItsQuestionWithoutSharedWords() throws {
    let question = contentHashes("Any affordable gym in Doha? I want to lose belly fat.")
    let answer = contentHashes("Try the fitness centre near the mall: cheap monthly membership and good trainers.")
    let propaganda = contentHashes("The police cooperated with the people to keep our streets safe and harmonious.")
    let close = try #require(WordVectors.cosine(answer, question))
    let far = try #require(WordVectors.cosine(propaganda, question))
    #expect(close > far + 0.2, "answer \(close), propaganda \(far)")
    #expect(WordVectors.cosine(answer, answer).map { abs($0 - 1) < 1e-4 } == true)
    #expect(WordVectors.cosine(contentHashes("qwzx vbnmq"), question) == nil, "no known word: no measure")
    #expect(WordVectors.contains(stem: "gym") && WordVectors.contains(stem: "police"))
    #expect(!WordVectors.contains(stem: "qwzx"))
    #expect(WordVectors.dimensions == 128, "WordVectors.Sum adds eight SIMD16 lanes")
}

@Test func meaningIndicatorsOnlyFromPairVersion4() {
    let reply = "Try the fitness centre near the mall: cheap monthly membership and good trainers."
    let parent = "Any affordable gym in Doha? I want to lose belly fat."
    let v4 = FeatureExtractor(config: FeatureConfig(families: [.pair])).extract(text: reply, parent: parent, names: true)
    #expect(v4.names.contains { $0.hasPrefix("meaning close to the parent's ") })
    let v3 = FeatureExtractor(config: FeatureConfig(families: [.pair], pairVersion: 3)).extract(text: reply, parent: parent, names: true)
    #expect(!v3.names.contains { $0.hasPrefix("meaning") })
    #expect(Set(v4.indices).isSuperset(of: Set(v3.indices)), "version 4 only adds indicators")
    let unknown = FeatureExtractor(config: FeatureConfig(families: [.pair])).extract(text: "Qwzx vbnmq zzyzx.", parent: parent, names: true)
    #expect(unknown.names.contains("no word with a known meaning to compare with the parent"))
}

/// Content words found with the word family's token hashes (the reply's path) are those found by
/// hashing each word: stopwords of every length up to the longest (`yourselves`), words just
/// longer than it, spans (whose placeholder hashes must not be read) and Han words.
@Test func contentWordsFromTokenHashesMatchHashingEachWord() {
    let text = "Yourselves themselves shouldn't THEMSELVESX however howeverish @themselves https://x.co/yourselves "
        + "减肥药 we should strengthen the cooperation, cooperations and cooperating in 2024"
    let a = FeatureExtractor().analyze(text)
    #expect(ContentWords.longestStopword == "yourselves".utf8.count)
    for version in 1...FeatureConfig.currentPairVersion {
        var plain: [UInt64] = [], plainStems: [Range<Int>] = [], known: [UInt64] = [], knownStems: [Range<Int>] = []
        a.normalized.withUnsafeBufferPointer { t in
            ContentWords.collect(t, tokens: a.tokens, spans: a.spans, into: &plain, stems: &plainStems, version: version)
            // Span tokens get a stopword's hash (as the word family gives them a placeholder's).
            let hashes = a.tokens.map { tok in
                a.spans.contains { $0.start <= Int(tok.start) && Int(tok.end) <= $0.end }
                    ? FeatureHash.hash("the") : FeatureHash.hash(UnsafeBufferPointer(rebasing: t[tok.range]))
            }
            ContentWords.collect(t, tokens: a.tokens, spans: a.spans, tokenHashes: hashes, into: &known, stems: &knownStems, version: version)
        }
        #expect(known == plain && knownStems == plainStems)
        let words = plainStems.map { String(decoding: a.normalized[$0], as: UTF8.self) }
        #expect(!words.contains("yourselves") && !words.contains("themselves") && !words.contains("however"))
        #expect(words.contains("themselvesx") && words.contains("howeverish") && words.contains("strengthen"))
    }
}

/// Scoring gathers the pair indicators in a buffer, naming emits them one by one: the same
/// indices and values, in every pair version, with and without an indicator region.
@Test func pairIndicatorsWithoutNamesAreThoseWithNames() {
    let pairs = [("Lift heavy twice a week; 3 sets of 8.", "How many sets should I lift to lose belly fat?"),
                 ("Yes, it is safe after the first trimester.", "Is it safe to fly while pregnant?"),
                 ("The police strengthen cooperation.", "怎样才能有效减肥？"),
                 ("减肥主要靠饮食控制，healthy diet比做多少sit-ups都重要。", "怎样才能有效减肥？"),
                 ("", "What is gout?")]
    for version in 1...FeatureConfig.currentPairVersion {
        for indicatorBits in [0, 12] {
            let x = FeatureExtractor(config: FeatureConfig(families: [.word, .pair], indicatorBits: indicatorBits, pairVersion: version))
            for (reply, parent) in pairs {
                let plain = x.extract(text: reply, parent: parent)
                let named = x.extract(text: reply, parent: parent, names: true)
                #expect(plain.indices == named.indices && plain.values == named.values, "version \(version): \(reply)")
                #expect(!plain.indices.isEmpty)
            }
        }
    }
}

/// A pair-v4 model records the fingerprints of the word tables it was trained with; a telltale
/// with other tables refuses it instead of scoring it with features it was not trained on.
@Test func pairVersion4ModelsRecordTheirWordTables() throws {
    let current = FeatureConfig()
    #expect(current.pairTables == WordConcepts.tableDigest + "-" + WordVectors.tableDigest)
    try current.validate()
    #expect(FeatureConfig(pairVersion: 3).pairTables == nil, "models before pair version 4 record no tables")
    var other = current
    other.pairTables = "0000000000000000-0000000000000000"
    #expect(throws: FeatureConfigError.self) { try other.validate() }
    do { try other.validate() } catch {
        #expect(error.description.contains("trained with word tables 0000000000000000-0000000000000000"), "\(error)")
    }
    let json = #"{"bucketBits":12,"families":["pair"],"maxWordNgram":2,"minCharNgram":2,"maxCharNgram":5,"maxHanNgram":2,"pairVersion":4}"#
    let unrecorded = try JSONDecoder().decode(FeatureConfig.self, from: Data(json.utf8))
    #expect(throws: FeatureConfigError.self) { try unrecorded.validate() }
}
