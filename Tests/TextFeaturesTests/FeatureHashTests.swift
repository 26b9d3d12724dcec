import Testing
@testable import TextFeatures

// The hash is part of the model format: these values were computed once and pinned, so any
// change to FeatureHash, the family seeds or how a family combines its tokens fails here.

@Test func fnv1aMatchesPublishedTestVectors() {
    #expect(FeatureHash.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(FeatureHash.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(FeatureHash.hash("foobar") == 0x8594_4171_f739_67e8)
}

@Test func familySeedsArePinned() {
    let seeds = FeatureFamily.allCases.map(\.seed)
    #expect(seeds == PINNED_SEEDS)
    #expect(Set(seeds).count == seeds.count)
    #expect(ContentWords.seed == PINNED_CONTENT_SEED)
}

@Test func combineAndBucketArePinned() {
    #expect(FeatureHash.combine(1, 2) == PINNED_COMBINE)
    #expect(FeatureHash.bucket(0x1234_5678_9abc_def0, bucketCount: 1 << 18) == PINNED_BUCKET)
    // Stepping byte by byte equals hashing the bytes.
    var h = FeatureHash.offsetBasis
    for b in "police".utf8 { h = FeatureHash.step(h, b) }
    #expect(h == FeatureHash.hash("police"))
}

@Test func featureBucketsOfFixedTextsArePinned() {
    let words = FeatureExtractor(config: FeatureConfig(families: [.word]))
    #expect(words.extract(text: "Police report").indices == PINNED_WORDS)
    let han = FeatureExtractor(config: FeatureConfig(families: [.han]))
    #expect(han.extract(text: "中国人").indices == PINNED_HAN)
    let chars = FeatureExtractor(config: FeatureConfig(families: [.chars]))
    #expect(chars.extract(text: "Cat").indices == PINNED_CHARS)
    let skeleton = FeatureExtractor(config: FeatureConfig(families: [.skeleton]))
    #expect(skeleton.extract(text: "We have made progress.").indices == PINNED_SKELETON)
    // Pair version 1 (models written before format 2) keeps its features exactly.
    let v1 = FeatureExtractor(config: FeatureConfig(pairVersion: 1)).extract(text: "美国的 democracy 只是一个 show。", parent: "What is democracy?")
    #expect(v1.count == PINNED_ALL_COUNT)
    #expect(Array(v1.indices.sorted().prefix(8)) == PINNED_ALL_PREFIX)
    // Pair version 2 (models written before pair version 3) keeps its features exactly.
    let v2 = FeatureExtractor(config: FeatureConfig(pairVersion: 2)).extract(text: "美国的 democracy 只是一个 show。", parent: "What is democracy?")
    #expect(v2.count == PINNED_ALL_COUNT_PAIR2)
    #expect(Array(v2.indices.sorted().prefix(8)) == PINNED_ALL_PREFIX_PAIR2)
    // Pair version 3 (models written before pair version 4) keeps its features exactly.
    let v3 = FeatureExtractor(config: FeatureConfig(pairVersion: 3)).extract(text: "美国的 democracy 只是一个 show。", parent: "What is democracy?")
    #expect(v3.count == PINNED_ALL_COUNT_PAIR3)
    #expect(Set(v3.indices).subtracting(v2.indices).sorted() == PINNED_PAIR3_ADDED)
    let all = FeatureExtractor().extract(text: "美国的 democracy 只是一个 show。", parent: "What is democracy?")
    #expect(all.count == PINNED_ALL_COUNT_PAIR4)
    #expect(Set(all.indices).subtracting(v3.indices).sorted() == PINNED_PAIR4_ADDED)
}
private let PINNED_SEEDS: [UInt64] = [8095498464603422525, 12047847492390991882, 3699722595226062020, 6801494594526287214, 12464980982266880842,
                                      5414505697763990346, 7938019069247444294, 245768396384803377,
                                      4186079969718750575]  // skelchars: FNV-1a of "skelchars", added with the family
private let PINNED_CONTENT_SEED: UInt64 = 4759308327122588290
private let PINNED_COMBINE: UInt64 = 11400714819323198550
private let PINNED_BUCKET: UInt32 = 34952
private let PINNED_WORDS: [UInt32] = [59569, 213804, 74509]
private let PINNED_HAN: [UInt32] = [220965, 222741, 224130, 220758, 65725]
private let PINNED_CHARS: [UInt32] = [41707, 142554, 84478, 95327, 222342, 165779, 21568, 99367, 252990, 78932]
private let PINNED_SKELETON: [UInt32] = [90472, 173155, 22383, 187642, 9237, 120827, 136712, 58099, 94425, 107309, 44366, 64481,
                                          142765, 48170, 174153]
private let PINNED_ALL_COUNT = 119
// Since the indicator region (indicatorBits 12): the smallest buckets are indicators, all < 4096.
private let PINNED_ALL_PREFIX: [UInt32] = [100, 137, 232, 326, 443, 705, 746, 839]
// Pair version 2 adds 9 indicators here (coverage, key word, word beginnings, opening word).
private let PINNED_ALL_COUNT_PAIR2 = 128
private let PINNED_ALL_PREFIX_PAIR2: [UInt32] = [100, 137, 232, 326, 443, 705, 746, 815]
// Pair version 3 adds 4 (coverage counting related words, at its four thresholds).
private let PINNED_ALL_COUNT_PAIR3 = 132
private let PINNED_PAIR3_ADDED: [UInt32] = [1542, 2487, 3232, 3650]
// Pair version 4 adds the meaning indicators (eight thresholds, close or far).
private let PINNED_ALL_COUNT_PAIR4 = 140
private let PINNED_PAIR4_ADDED: [UInt32] = [367, 384, 554, 1398, 1701, 1783, 2762, 3481]

@Test func indicatorKeysHashTheDocumentedKeyStrings() {
    let script = FeatureFamily.script.seed, shape = FeatureFamily.shape.seed
    let keys = IndicatorKeys(seeds: (script, FeatureFamily.normalization.seed, shape))
    #expect(keys.tokens.labels == ["0", "1", "2-3", "4-7", "8-15", "16-31", "32-63", "64+"])
    #expect(keys.han.labels == ["0", "1", "2-4", "5-19", "20+"])
    #expect(keys.han.index(0) == 0 && keys.han.index(4) == 2 && keys.han.index(5) == 3 && keys.han.index(500) == 4)
    #expect(keys.hanKeys[2] == FeatureHash.hash("han:2-4", seed: script))
    #expect(keys.mixedLatinWordKeys[4] == FeatureHash.hash("mixed-rule&latin-words:10+", seed: script))
    #expect(keys.spanKeys[Int(SpanKind.email.rawValue)] == FeatureHash.hash("span:email", seed: script))
    #expect(keys.tokenKeys[0] == FeatureHash.hash("tokens:0", seed: shape))
    #expect(keys.mostlyCaps == FeatureHash.hash("mostly-caps", seed: shape))
}
