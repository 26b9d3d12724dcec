import Testing
@testable import TextFeatures

/// The `skelchars` grams of `text` by readable name (inside the backticks), with `families`.
private func skelchars(_ text: String, families: [FeatureFamily] = [.skelchars]) -> [String] {
    let x = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: families))
    return x.extract(text: text, names: true).names.compactMap { name in
        name.hasPrefix("skeleton chars `") ? String(name.dropFirst("skeleton chars `".count).dropLast()) : nil
    }
}

@Test func skeletonCharsAreByteGramsOfTheSkeletonWrittenAsText() {
    // " we have made ‹w› ‹w› . " (a class is one byte): every 3–5 byte gram, by start then length.
    let names = skelchars("We have made great progress.")
    #expect(Array(names.prefix(6)) == [" we", " we ", " we h", "we ", "we h", "we ha"])
    #expect(names.contains("made ") && names.contains("ade ‹w›") && names.contains(" ‹w› ‹w› "))
    #expect(names.contains("‹w› . ") && names.last == " . ")
    // " we have made X X . " is 20 bytes: 18 + 17 + 16 grams.
    #expect(names.count == 51)
    for topic in ["great", "progress", "gre", "ess"] {
        #expect(!names.contains { $0.contains(topic) }, "\(topic) leaked into skeleton chars")
    }
}

@Test func skeletonCharsFollowTheSkeletonClassesPunctuationAndSpans() {
    let names = Set(skelchars("@someone They are developing 3 projects, quickly… #news https://example.com/x"))
    // developing → ‹-ing›, 3 → ‹num›, projects → ‹-s›, quickly → ‹-ly›, … → "."; no span survives.
    #expect(names.contains("are ‹-ing›") && names.contains("‹-ing› ‹num›") && names.contains("‹-s› , "), "\(names.sorted())")
    #expect(names.contains(" ‹-ly› .") && names.contains("‹-ly› . "), "\(names.sorted())")
    #expect(!names.contains { $0.contains("some") || $0.contains("news") || $0.contains("http") || $0.contains("‹url›") })
    // A run of Chinese words is one class byte.
    #expect(skelchars("中国人民") == [" ‹cjk› "])
}

@Test func skeletonCharsAreTheSameForTwoTopicsWithOneGrammar() {
    let x = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: [.skelchars]))
    let police = x.extract(text: "The police of our two countries have deepened cooperation.")
    let farmers = x.extract(text: "The people of our two villages have improved irrigation.")
    #expect(!police.indices.isEmpty && police.indices == farmers.indices)
    #expect(police.indices != x.extract(text: "Honestly the new album is a masterpiece, can't stop listening.").indices)
}

@Test func skeletonCharsAreOffByDefaultAndIndependentOfTheOtherFamilies() {
    #expect(!FeatureConfig().families.contains(.skelchars))
    #expect(FeatureConfig().families == FeatureFamily.allCases.filter { $0 != .skelchars })
    let text = "In addition, we should further strengthen the exchanges between the two sides!"
    #expect(!FeatureExtractor().extract(text: text, names: true).names.contains { $0.hasPrefix("skeleton chars") })
    // With or without the word family's token hashes and the skeleton family, the same grams.
    let alone = skelchars(text)
    #expect(!alone.isEmpty)
    #expect(skelchars(text, families: [.word, .skelchars]) == alone)
    #expect(skelchars(text, families: [.word, .chars, .skeleton, .skelchars]) == alone)
    // Adding skelchars leaves the skeleton family's features as they were.
    let skeletonOnly = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: [.word, .skeleton])).extract(text: text)
    let both = FeatureExtractor(config: FeatureConfig(bucketBits: 16, families: [.word, .skeleton, .skelchars])).extract(text: text)
    #expect(Array(both.indices.prefix(skeletonOnly.count)) == skeletonOnly.indices)
    #expect(both.count == skeletonOnly.count + alone.count)
}

@Test func skeletonCharsScoreTheSameWithAndWithoutNames() {
    let config = FeatureConfig(bucketBits: 16, families: [.word, .chars, .skeleton, .skelchars, .script])
    let x = FeatureExtractor(config: config)
    for text in ["We have made great progress.", "", "!!!", "a", "The 美国 police said #China 1,000 times…",
                 String(repeating: "the development of the economy, ", count: 60)] {
        let plain = x.extract(text: text)
        let named = x.extract(text: text, names: true)
        #expect(plain.indices == named.indices && plain.values == named.values, "\(text)")
        // Naming only some buckets, reusing the previous extraction: the same vector.
        let wanted = Array(Set(named.indices.suffix(5)))
        var filtered = FeatureVector()
        var t = text
        t.withUTF8 { x.extract(text: $0, parent: nil, into: &filtered, namingBuckets: wanted, previous: plain) }
        #expect(filtered.indices == plain.indices && filtered.values == plain.values, "\(text)")
    }
}

@Test func skeletonCharLengthsFollowTheConfiguration() {
    let text = "They are developing 3 projects, quickly."
    for (lo, hi) in [(4, 5), (2, 4), (3, 5), (5, 5)] {
        let config = FeatureConfig(bucketBits: 16, families: [.skelchars], minSkelcharNgram: lo, maxSkelcharNgram: hi)
        let x = FeatureExtractor(config: config)
        let named = x.extract(text: text, names: true)
        // " they are X X X , X . " is 22 bytes (a class is one byte).
        let expected = (lo...hi).reduce(0) { $0 + 22 - $1 + 1 }
        #expect(named.count == expected, "\(lo)-\(hi)")
        #expect(x.extract(text: text).indices == named.indices, "\(lo)-\(hi): the unrolled loop differs from the named one")
        if lo == 4 { #expect(Array(named.names.prefix(3)) == ["skeleton chars ` the`", "skeleton chars ` they`", "skeleton chars `they`"]) }
        if lo == 2 { #expect(Array(named.names.prefix(2)) == ["skeleton chars ` t`", "skeleton chars ` th`"]) }
    }
    #expect(throws: FeatureConfigError.self) { try FeatureConfig(minSkelcharNgram: 4, maxSkelcharNgram: 3).validate() }
    #expect(throws: FeatureConfigError.self) { try FeatureConfig(minSkelcharNgram: 0, maxSkelcharNgram: 3).validate() }
}
