import Testing
@testable import Campaign

private let base = "The government always protects the people, and the economy grows every single year."

@Test(arguments: [
    ("upper case", "THE GOVERNMENT ALWAYS PROTECTS THE PEOPLE, AND THE ECONOMY GROWS EVERY SINGLE YEAR."),
    ("full-width", "Ｔｈｅ ｇｏｖｅｒｎｍｅｎｔ ａｌｗａｙｓ ｐｒｏｔｅｃｔｓ ｔｈｅ ｐｅｏｐｌｅ， ａｎｄ ｔｈｅ ｅｃｏｎｏｍｙ ｇｒｏｗｓ ｅｖｅｒｙ ｓｉｎｇｌｅ ｙｅａｒ。"),
    ("Cyrillic look-alikes", "The gоvеrnmеnt always prоtесts the pеоplе, and the есоnоmy grоws еvеry single year."),
    ("zero-width", "The gov\u{200B}ernment al\u{200D}ways protects the peo\u{FEFF}ple, and the economy grows every single year."),
    ("spacing", "The  g o v e r n m e n t always protects thepeople ,and the economy grows every single year ."),
    ("link, handle, emoji", "@someone The government always protects the people, and the economy grows every single year 🇨🇳 https://t.co/Xy12ab"),
])
func evasionsReduceToTheSameStream(name: String, variant: String) {
    let s = Shingler()
    #expect(s.stream(of: variant) == "thegovernmentalwaysprotectsthepeopleandtheeconomygrowseverysingleyear", "\(name)")
    #expect(s.shingles(variant) == s.shingles(base), "\(name)")
}

@Test func chineseUsesFiveCharacterWindowsAndIgnoresSpacesAndPunctuation() {
    let s = Shingler()
    let a = "美国的民主只是一场表演，普通人根本没有发言权。"
    let b = "美国 的 民主 只是一场表演 普通人根本没有发言权!!"
    #expect(s.stream(of: a) == "美国的民主只是一场表演普通人根本没有发言权")
    #expect(s.shingles(a) == s.shingles(b))
    #expect(s.shingles(a).count == 21 - Shingler.cjkWindow + 1)  // 21 Han characters
}

@Test func shortPostsGiveNoShingles() {
    let s = Shingler()
    #expect(s.shingles("Thank you!").isEmpty)           // 8 letters < 2 × 8
    #expect(s.shingles("https://t.co/abc @user 🙂").isEmpty)
    #expect(s.shingles("Thank you so much!").isEmpty)   // 14 letters < 16
    #expect(s.shingles("Thank you very much indeed").count == 22 - Shingler.latinWindow + 1)
}

@Test func minHashEstimatesJaccardSimilarity() {
    let a = (0..<200).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
    let b = (100..<300).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }        // J = 100/300
    let c = (1000..<1200).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }      // J = 0
    let sa = MinHash.signature(of: a)
    #expect(MinHash.similarity(sa, MinHash.signature(of: a)) == 1)
    #expect(MinHash.similarity(sa, MinHash.signature(of: a.reversed() + a)) == 1)
    #expect(abs(MinHash.similarity(sa, MinHash.signature(of: b)) - 1.0 / 3) < 0.2)
    #expect(MinHash.similarity(sa, MinHash.signature(of: c)) < 0.1)
}

/// Signatures of texts, with the shingler the command uses.
struct Signer {
    let shingler = Shingler()
    func callAsFunction(_ text: String) -> [UInt32]? {
        let sh = shingler.shingles(text)
        return sh.isEmpty ? nil : MinHash.signature(of: sh)
    }
}

/// Reproducible "unrelated" sentences: random words from a vocabulary.
struct SentenceMaker {
    var state: UInt64
    static let words = ("river market window teacher simple orange yesterday football quickly garden music travel "
        + "winter silver engine coffee history morning number planet station library camera doctor forest "
        + "ticket weather kitchen summer village picture museum bicycle airport pocket island rabbit castle").split(separator: " ")
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 27)
    }
    mutating func sentence(words n: Int = 14) -> String {
        (0..<n).map { _ in String(Self.words[Int(next() % UInt64(Self.words.count))]) }.joined(separator: " ")
    }
}

@Test func indexGroupsCopiesAndKeepsUnrelatedPostsApart() throws {
    let sign = Signer()
    let index = NearDuplicateIndex()
    var maker = SentenceMaker(state: 1)
    let copies = [base, base.uppercased(), "The gоvеrnmеnt always protects the people and the economy grows every single year!!"]
    let other = "Our village museum opens a new photography exhibition about the old railway station next week."
    var slots: [Int] = []
    for (i, text) in (copies + [other, other + " Come along."] + (0..<30).map { _ in maker.sentence() }).enumerated() {
        let (slot, _) = index.assign(signature: try #require(sign(text)), author: Int32(i), time: nil, flagged: false, seen: i)
        slots.append(slot)
    }
    #expect(slots[0] == slots[1] && slots[1] == slots[2])
    #expect(slots[3] == slots[4] && slots[3] != slots[0])
    #expect(Set(slots[5...]).count == 30)
    let clusters = index.clusters(minPosts: 2)
    #expect(clusters.map(\.posts) == [3, 2])
    #expect(index.liveCount == 32)
}

@Test func boundedIndexForgetsOldSinglesButKeepsClustersWithCopies() throws {
    let sign = Signer()
    let index = NearDuplicateIndex(config: .init(maxLiveClusters: 10))
    var maker = SentenceMaker(state: 7)
    let pasted = "Western media keep lying about our country while ordinary people live happy and peaceful lives."
    var seen = 0
    func add(_ text: String) throws -> Bool {
        defer { seen += 1 }
        return index.assign(signature: try #require(sign(text)), author: Int32(seen), time: Double(seen), flagged: false, seen: seen).joined
    }
    #expect(try add(pasted) == false)
    #expect(try add(pasted) == true)
    for _ in 0..<40 { _ = try add(maker.sentence()) }
    #expect(index.liveCount <= 10)
    #expect(index.forgottenSingles >= 30)
    // The cluster with copies survived (or was retired and is still reported) and can grow while live.
    #expect(try add(pasted.uppercased()) == true)
    let top = try #require(index.clusters(minPosts: 2).first)
    #expect(top.posts == 3)
    #expect(top.firstTime == 0 && top.lastTime == 42)
}

@Test func bandTableReturnsEverySlotStoredUnderAKey() {
    var t = BandTable(capacity: 2)
    for slot in 0..<100 { t.insert(key: UInt32(slot % 7 + 1), slot: Int32(slot)) }
    var found: [Int32] = []
    t.forEach(key: 3) { found.append($0) }
    #expect(found.sorted() == (0..<100).filter { $0 % 7 == 2 }.map(Int32.init))
    #expect(t.count == 100)
}

extension NearDuplicateIndex {
    func assign(signature: [UInt32], author: Int32, time: Double?, flagged: Bool, seen: Int) -> (slot: Int, joined: Bool) {
        signature.withUnsafeBufferPointer { assign(signature: $0, author: author, time: time, flagged: flagged, seen: seen) }
    }
}
