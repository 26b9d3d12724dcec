import Testing
@testable import TextFeatures

/// The skeleton n-grams of `text`, by readable name (the `skeleton` family only).
private func skeleton(_ text: String) -> [String] {
    let x = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: [.skeleton]))
    return x.extract(text: text, names: true).names.map { String($0.dropFirst("skeleton `".count).dropLast()) }
}

@Test func skeletonKeepsFunctionWordsAndReplacesContentWordsByTheirClass() {
    let names = skeleton("The epidemic prevention and control work has achieved remarkable results, said the officials.")
    #expect(names.contains("‹s› the ‹-al› ‹-tion›"))
    // Default lengths 2–4: no unigrams.
    #expect(!names.contains("the") && !names.contains("‹-tion›"))
    #expect(names.contains("and ‹w› ‹w› has"))
    #expect(names.contains("has ‹-ed› ‹-al› ‹-s›"))
    #expect(names.contains("‹-s› , ‹w› the"))
    #expect(names.contains("‹-s› . ‹s›"))
    // No content word survives.
    for topic in ["epidemic", "prevention", "control", "results", "officials"] {
        #expect(!names.contains { $0.contains(topic) }, "\(topic) leaked into the skeleton")
    }
}

@Test func skeletonIsTheSameForTwoTopicsWithOneGrammar() {
    let a = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: [.skeleton]))
    let police = a.extract(text: "The police of our two countries have deepened cooperation.")
    let farmers = a.extract(text: "The people of our two villages have improved irrigation.")
    #expect(police.indices == farmers.indices)
    let native = a.extract(text: "Honestly the new album is a masterpiece, can't stop listening.")
    #expect(police.indices != native.indices)
}

@Test func skeletonLeavesOutLinksHandlesAndHashtags() {
    let plain = skeleton("We support the new policy.")
    let decorated = skeleton("@someone We support the new policy. #news https://example.com/x")
    #expect(plain == decorated)
    #expect(!decorated.contains { $0.contains("‹url›") || $0.contains("‹user›") || $0.contains("‹hashtag›") })
}

@Test func skeletonPunctuationIgnoresTypographyAndRepeats() {
    // Curly and straight quotes, an ellipsis and three dots, one or three exclamation marks.
    #expect(skeleton("He said “no” again…") == skeleton("He said \"no\" again..."))
    #expect(skeleton("Great work!!!") == skeleton("Great work!"))
    // A run of Chinese words (中国 / 人民) is one ‹cjk›.
    #expect(skeleton("中国人民") == ["‹s› ‹cjk›", "‹s› ‹cjk› ‹s›", "‹cjk› ‹s›"])
}

@Test func skeletonWordClassesFollowTheSuffix() {
    func cls(_ w: String) -> SkeletonClass { var s = w; return s.withUTF8 { SkeletonClass.of(latin: $0) } }
    #expect(cls("developing") == .ing && cls("actively") == .ly && cls("deepened") == .ed)
    #expect(cls("cooperation") == .nominal && cls("development") == .nominal && cls("harmony") == .word)
    #expect(cls("economic") == .adjective && cls("effective") == .adjective && cls("farmers") == .plural)
    #expect(cls("teacher") == .agent && cls("class") == .word && cls("bus") == .word && cls("sing") == .word)
}

@Test func characterNgramsOfFunctionWordsCanBeLeftOut() {
    func chars(_ text: String, functionWords: Bool, families: [FeatureFamily]) -> Set<String> {
        let config = FeatureConfig(bucketBits: 16, families: families, charsOfFunctionWords: functionWords)
        let names = FeatureExtractor(config: config).extract(text: text, names: true).names
        return Set(names.filter { $0.hasPrefix("characters `") })
    }
    for families: [FeatureFamily] in [[.word, .chars], [.chars]] {  // with and without the word family's hashes
        let all = chars("The cat sat on the mat", functionWords: true, families: families)
        let content = chars("The cat sat on the mat", functionWords: false, families: families)
        #expect(all.contains("characters `<the>`") && all.contains("characters `<on`"))
        #expect(!content.contains("characters `<the>`") && !content.contains("characters `<on`"))
        #expect(content.contains("characters `<cat>`") && content.contains("characters `mat>`"))
        #expect(content.isSubset(of: all))
    }
}

@Test func blankTextIsOnlyWhiteSpace() {
    for blank in ["", " ", "\n\t\r ", "\u{00A0}\u{3000}\u{200B}\u{FEFF}"] { #expect(BlankText.isBlank(blank), "\(blank.debugDescription)") }
    for text in ["a", " . ", "\u{3000}中", "🙂", " x "] { #expect(!BlankText.isBlank(text), "\(text.debugDescription)") }
}
