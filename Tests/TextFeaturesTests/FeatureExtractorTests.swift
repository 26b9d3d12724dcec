import Foundation
import Testing
@testable import TextFeatures
import Train

/// The text families only (word, chars, han): what evasion must not change.
let textFamilies = FeatureConfig(families: [.word, .chars, .han])

struct EvasionCase: CustomTestStringConvertible, Sendable {
    var name: String
    var clean: String
    var evasive: String
    var testDescription: String { name }
}

let evasionCases: [EvasionCase] = [
    .init(name: "full-width", clean: "police report from the border", evasive: "ｐｏｌｉｃｅ ｒｅｐｏｒｔ ｆｒｏｍ ｔｈｅ ｂｏｒｄｅｒ"),
    .init(name: "Cyrillic look-alikes", clean: "police report from the border", evasive: "p\u{043E}li\u{0441}e r\u{0435}port from th\u{0435} b\u{043E}rder"),
    .init(name: "Cyrillic capitals", clean: "make america great", evasive: "\u{041C}\u{0410}\u{041A}\u{0415} \u{0410}\u{041C}\u{0415}RI\u{0421}\u{0410} GREAT"),
    .init(name: "Greek look-alikes", clean: "vaccine", evasive: "\u{03BD}\u{03B1}cc\u{0399}ne"),
    .init(name: "zero-width characters", clean: "police report", evasive: "pol\u{200B}ice rep\u{200D}ort"),
    .init(name: "case", clean: "police report", evasive: "POLICE Report"),
    .init(name: "all at once", clean: "the police lied", evasive: "THE Ｐ\u{043E}L\u{200B}ICE ｌied"),
    .init(name: "full-width Chinese punctuation", clean: "美国的democracy,只是一个show!", evasive: "美国的ｄｅｍｏｃｒａｃｙ，只是一个ｓｈｏｗ！"),
]

@Test(arguments: evasionCases)
func evasiveVariantsGiveTheSameTextFeatures(_ c: EvasionCase) {
    let x = FeatureExtractor(config: textFamilies)
    let clean = x.extract(text: c.clean)
    let evasive = x.extract(text: c.evasive)
    #expect(clean.count > 0)
    #expect(clean == evasive)
}

@Test(arguments: evasionCases.filter { $0.name != "case" && $0.name != "full-width Chinese punctuation" })
func evasionShowsUpInNormalizationIndicators(_ c: EvasionCase) {
    let x = FeatureExtractor(config: FeatureConfig(families: [.normalization]), documentFrequencies: nil)
    #expect(x.extract(text: c.clean, names: true).names.isEmpty)
    let evasive = x.extract(text: c.evasive, names: true).names
    #expect(!evasive.isEmpty)
    #expect(evasive.allSatisfy { ["full-width Latin letters", "look-alike letters from another script", "invisible characters inside words"].contains($0) })
}

@Test func extractionIsDeterministicAcrossExtractorsAndReuse() {
    let texts = ["美国的 democracy 只是一个 show。", "I can't live on regression in America.", "", "#今日话题# 好评 https://t.cn/x"]
    let a = FeatureExtractor(), b = FeatureExtractor()
    let first = texts.map { a.extract(text: $0, parent: "a question?") }
    // Reuse `a` on other texts in between, then again on the same texts.
    _ = a.extract(text: String(repeating: "noise 噪音 ", count: 100))
    #expect(texts.map { a.extract(text: $0, parent: "a question?") } == first)
    #expect(texts.map { b.extract(text: $0, parent: "a question?") } == first)
    var v = FeatureVector()
    a.extract(text: texts[0], parent: "a question?", into: &v)
    #expect(v == first[0])
}

@Test func namesMatchIndicesOneToOne() {
    let x = FeatureExtractor()
    let v = x.extract(text: "The 美国 police said #China @user http://x.co 1,000 times!", parent: "What did the police say?", names: true)
    #expect(v.names.count == v.indices.count)
    #expect(v.values.count == v.indices.count)
    #expect(v.names.contains("word `police`"))
    #expect(v.names.contains("n-gram `the 美国 police`"))
    #expect(v.names.contains("word `‹hashtag›`"))
    #expect(v.names.contains("word `‹user›`"))
    #expect(v.names.contains("word `‹url›`"))
    #expect(v.names.contains("characters `<pol`"))
    #expect(v.names.contains("Han `美国`"))
    #expect(v.names.contains("Han run inside English sentence"))
    #expect(v.names.contains("reply to a parent"))
    // The same features with and without names.
    let plain = x.extract(text: "The 美国 police said #China @user http://x.co 1,000 times!", parent: "What did the police say?")
    #expect(plain.indices == v.indices && plain.values == v.values && plain.names.isEmpty)
}

@Test func namedFeaturesHashToTheirBuckets() {
    // A word feature's name determines its bucket: recompute it from the name.
    let config = FeatureConfig(families: [.word])
    let v = FeatureExtractor(config: config).extract(text: "stop the war", names: true)
    for (index, name) in zip(v.indices, v.names) where name.hasPrefix("word `") {
        let word = String(name.dropFirst(6).dropLast())
        let h = FeatureHash.combine(FeatureFamily.word.seed, FeatureHash.hash(word))
        var bucket = FeatureHash.bucket(h, bucketCount: config.bucketCount)
        if bucket < 1 << config.indicatorBits { bucket |= 1 << config.indicatorBits }
        #expect(bucket == index)
    }
}

@Test func indicatorsAndTextNgramsNeverShareABucket() {
    // Indicators (script, shape, normalization, pair) live in [0, 2^indicatorBits); text n-grams
    // above it, so no label inherits an n-gram's weight on an indicator it never saw.
    let x = FeatureExtractor(config: FeatureConfig(bucketBits: 12, indicatorBits: 8))
    let region = UInt32(1 << 8)
    var texts = 0
    for i in 0..<300 {
        let v = x.extract(text: "word\(i) 字\(i) ｆｕｌｌ \(i) x\(i * 7)y!", parent: "parent \(i)?", names: true)
        for (index, name) in zip(v.indices, v.names) {
            let isText = ["word `", "n-gram `", "characters `", "Han `", "skeleton `"].contains { name.hasPrefix($0) }
            if isText { texts += 1; #expect(index >= region, "\(name)") } else { #expect(index < region, "\(name)") }
        }
    }
    #expect(texts > 1000)
}

@Test func configsWrittenBeforeTheIndicatorRegionDecodeAsOneSharedSpace() throws {
    let old = #"{"bucketBits":18,"families":["word"],"maxWordNgram":3,"minCharNgram":2,"maxCharNgram":5,"maxHanNgram":2}"#
    let config = try JSONDecoder().decode(FeatureConfig.self, from: Data(old.utf8))
    #expect(config.indicatorBits == 0)
    #expect(throws: FeatureConfigError.self) { try FeatureConfig(bucketBits: 12, indicatorBits: 11).validate() }
}

@Test func textFamiliesHaveUnitNormAndIndicatorsValueOne() {
    let v = FeatureExtractor(config: FeatureConfig(families: [.word])).extract(text: "one two three four")
    // 4 words + 3 bigrams + 2 trigrams
    #expect(v.count == 9)
    let norm = v.values.reduce(0) { $0 + $1 * $1 }
    #expect(abs(norm - 1) < 1e-5)
    let s = FeatureExtractor(config: FeatureConfig(families: [.shape, .script])).extract(text: "Hello there!")
    #expect(!s.values.isEmpty && s.values.allSatisfy { $0 == 1 })
}

@Test func linksHandlesAndHashtagsBecomePlaceholders() {
    let x = FeatureExtractor(config: textFamilies)
    #expect(x.extract(text: "read https://t.co/AbC123 now @alice") == x.extract(text: "read http://example.org/page now @bob_99"))
    #expect(x.extract(text: "love #China so much") == x.extract(text: "love #Taiwan so much"))
    // Han inside a hashtag gives no Han n-grams.
    #expect(x.extract(text: "#中国加油# 好") == x.extract(text: "#美国# 好"))
}

@Test func hanNgramsStopAtNonHanCharacters() {
    let x = FeatureExtractor(config: FeatureConfig(families: [.han]))
    #expect(x.extract(text: "中国").count == 3)   // 中, 国, 中国
    #expect(x.extract(text: "中 国").count == 2)  // no bigram across the space
    #expect(x.extract(text: "中，国").count == 2) // nor across punctuation
    #expect(x.extract(text: "中国人").count == 5) // 3 unigrams + 2 bigrams
    #expect(x.extract(text: "東京の").count == 3) // kana ends the run
}

@Test func charNgramsOnlyForLatinWords() {
    let x = FeatureExtractor(config: FeatureConfig(families: [.chars]))
    #expect(x.extract(text: "москва").count == 0)
    #expect(x.extract(text: "12345").count == 0)
    // `<ab>`: 3 bigrams, 2 trigrams, 1 four-gram
    #expect(x.extract(text: "ab").count == 6)
    #expect(x.extract(text: "café").count > 0)
    #expect(x.extract(text: String(repeating: "a", count: 41)).count == 0) // longer than 40 bytes: skipped
}

@Test func emptyAndWhitespaceTextsGiveOnlyIndicators() {
    let x = FeatureExtractor()
    for text in ["", "   ", "\n\n", "!!!"] {
        let v = x.extract(text: text, names: true)
        #expect(!v.names.contains { $0.hasPrefix("word") || $0.hasPrefix("characters") || $0.hasPrefix("Han") })
        #expect(v.names.contains("0 words"))
    }
}

@Test func lossyDecodedAndInvalidInputDoesNotCrash() {
    let broken: [UInt8] = [0x61, 0x62, 0xE4, 0xB8, 0x20, 0xE4, 0xB8, 0xAD, 0xE5, 0x9B, 0xBD, 0xFF, 0x70, 0xC3]
    let lossy = String(decoding: broken, as: UTF8.self)
    #expect(lossy.unicodeScalars.contains("\u{FFFD}"))
    let x = FeatureExtractor()
    let a = x.analyze(lossy)
    #expect(a.tokenStrings.contains("中国"))
    #expect(x.extract(text: lossy).count > 0)
    // The same bytes without the String decode step.
    var v = FeatureVector()
    broken.withUnsafeBufferPointer { x.extract(text: $0, parent: nil, into: &v) }
    #expect(v == x.extract(text: lossy))
}

@Test func oneMegabyteTextsScaleLinearly() {
    // Feature counts grow with the copies: nothing quadratic is hiding in the pipeline.
    let x = FeatureExtractor(config: textFamilies)
    for unit in ["The police said the report was wrong, don\u{2019}t believe it. ", "美国的 democracy 只是一个 show。我们 #话题# "] {
        let copies = (1 << 20) / unit.utf8.count
        let one = x.extract(text: unit).count
        let many = x.extract(text: String(repeating: unit, count: copies)).count
        // Word n-grams also span the copy boundaries: at most maxWordNgram - 1 + 1 extra per copy.
        #expect(many >= one * copies && many <= (one + 3) * copies)
    }
}

@Test func analysisReportsShape() {
    let a = FeatureExtractor().analyze("wow!! is this real?? 😀❤\u{FE0F}\nyes.")
    #expect(a.shape.exclamations == 2)
    #expect(a.shape.questions == 2)
    #expect(a.shape.emoji == 2)
    #expect(a.shape.newlines == 1)
    #expect(a.shape.startsLowercase)
    #expect(a.shape.endsWithPeriod)
}

@Test func configValidationNamesTheProblem() {
    #expect(throws: FeatureConfigError.invalid("bucketBits must be 10...24, got 30")) { try FeatureConfig(bucketBits: 30).validate() }
    #expect(throws: FeatureConfigError.self) { try FeatureConfig(minCharNgram: 4, maxCharNgram: 3).validate() }
    #expect(throws: Never.self) { try FeatureConfig().validate() }
}

@Test func emojiFastPathAgreesWithUnicodeProperties() {
    for v in UInt32(0x80)..<0x2_0000 {
        guard let s = Unicode.Scalar(v) else { continue }
        let expected = s.properties.isEmojiPresentation || (v >= 0x1F300 && v <= 0x1FAFF)
        if TextShape.isEmoji(v) != expected { Issue.record("U+\(String(v, radix: 16))"); break }
    }
}

@Test func shapeAndLetterCountsMatchANaiveCountOnRandomText() {
    // The eight-bytes-at-a-time paths against one scalar at a time.
    let pieces = ["a", "Q", "7", "!", "?", "\n", " ", "the Quick brown fox!? ", "中", "é", "😀", "\u{2019}", "Д", "#", "@x"]
    var rng = SplitMix64(seed: 5)
    let x = FeatureExtractor()
    for _ in 0..<600 {
        var s = ""
        for _ in 0..<Int(rng.next() % 30) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        let a = x.analyze(s)
        let scalars = s.unicodeScalars
        // Non-ASCII look-alike letters have a case too (TextShape.letterCase).
        #expect(a.shape.uppercase == scalars.filter { $0.value &- 0x41 < 26 || ($0.value >= 0x80 && TextShape.letterCase($0.value) == 1) }.count)
        #expect(a.shape.lowercase == scalars.filter { $0.value &- 0x61 < 26 || ($0.value >= 0x80 && TextShape.letterCase($0.value) == -1) }.count)
        #expect(a.shape.digits == scalars.filter { $0.value &- 0x30 < 10 }.count)
        #expect(a.shape.exclamations == scalars.filter { $0 == "!" }.count)
        #expect(a.shape.newlines == scalars.filter { $0 == "\n" }.count)
        // Latin letters outside spans: the normalised text minus the spans, counted naively.
        var outside = a.normalized
        for span in a.spans.reversed() { outside.removeSubrange(span.start..<span.end) }
        let latin = String(decoding: outside, as: UTF8.self).unicodeScalars.filter { Script.of($0.value) == .latin }.count
        #expect(a.profile.count(.latin) == latin, "\(s.debugDescription)")
    }
}
