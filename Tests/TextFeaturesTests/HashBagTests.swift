import Testing
@testable import TextFeatures
import Train

/// A small deterministic generator so failures reproduce.
@Test(arguments: [0, 1, 2, 15, 16, 17, 100, 1000])
func hashBagSortMatchesTheStandardLibrary(count: Int) {
    var rng = SplitMix64(seed: UInt64(count))
    for alphabet in [UInt64(3), 50, .max] { // many repeats, some, almost none
        var a = (0..<count).map { _ in UInt64.random(in: 0...alphabet, using: &rng) }
        let expected = a.sorted()
        a.withUnsafeMutableBufferPointer { HashBag.sort($0) }
        #expect(a == expected)
    }
    var descending = (0..<UInt64(count)).reversed().map { $0 }
    descending.withUnsafeMutableBufferPointer { HashBag.sort($0) }
    #expect(descending == (0..<UInt64(count)).map { $0 })
}

@Test func hashBagCountsAndComparesLikeDictionaries() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<200 {
        let a = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt64.random(in: 0...30, using: &rng) }
        let b = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt64.random(in: 0...30, using: &rng) }
        var ba = HashBag(), bb = HashBag()
        ba.fill(counting: a)
        bb.fill(counting: b)
        var da: [UInt64: Float] = [:], db: [UInt64: Float] = [:]
        for h in a { da[h, default: 0] += 1 }
        for h in b { db[h, default: 0] += 1 }
        #expect(ba.count == da.count)
        #expect(ba.keys == da.keys.sorted())
        #expect(ba.weights == da.keys.sorted().map { da[$0]! })
        #expect(ba.sharedCount(bb) == da.keys.filter { db[$0] != nil }.count)
        // Counts are small integers, so the cosine is exact whatever the summation order.
        let dot = da.reduce(Float(0)) { $0 + $1.value * (db[$1.key] ?? 0) }
        let na = da.values.reduce(0) { $0 + $1 * $1 }, nb = db.values.reduce(0) { $0 + $1 * $1 }
        let expected: Float = da.isEmpty || db.isEmpty ? 0 : dot / (na.squareRoot() * nb.squareRoot())
        #expect(ba.cosine(bb) == expected)
    }
}

@Test func hashBagScalesWeightsByKey() {
    var bag = HashBag()
    bag.fill(counting: [5, 3, 5, 5])
    bag.scaleWeights { Float($0) }
    #expect(bag.keys == [3, 5])
    #expect(bag.weights == [3, 15])
}

@Test func hashSetFindsExactlyItsMembers() {
    var rng = SplitMix64(seed: 3)
    let members = (0..<300).map { _ in rng.next() }
    let set = HashSet64(members + members.prefix(10)) // duplicates are harmless
    for m in members { #expect(set.contains(m)) }
    let reference = Set(members)
    for _ in 0..<5000 {
        let probe = rng.next() & 0xFFFF_0000_0000_FFFF // same low bits as many members
        #expect(set.contains(probe) == reference.contains(probe))
    }
    #expect(!HashSet64([]).contains(0))
}

@Test(arguments: [
    ("cats", "cat"), ("boss", "bos"), ("bosses", "boss"), ("class", "class"), ("police's", "police"),
    ("it's", "it'"), ("stories", "stori"), ("dies", "die"), ("running", "runn"), ("sing", "sing"),
    ("treated", "treat"), ("bed", "bed"), ("shed", "shed"), ("boxes", "box"), ("quickly", "quick"),
    ("only", "only"), ("fly", "fly"), ("is", "is"), ("gas", "gas"), ("has", "has"), ("news", "new"),
])
func stemsFollowTheSuffixRules(word: String, stem: String) {
    let bytes = Array(word.utf8)
    let end = bytes.withUnsafeBufferPointer { ContentWords.stemEnd($0, 0, $0.count) }
    #expect(String(decoding: bytes[0..<end], as: UTF8.self) == stem)
}

/// The first implementation (suffix by suffix), kept as the reference for the rewritten one.
private func referenceStemEnd(_ t: [UInt8], _ start: Int, _ end: Int) -> Int {
    func ends(_ s: String) -> Bool {
        let p = Array(s.utf8), n = p.count
        guard end - start > n + 2 else { return false }
        for k in 0..<n where t[end - n + k] != p[k] { return false }
        return true
    }
    if ends("'s") { return end - 2 }
    if ends("ing") { return end - 3 }
    if ends("ies") { return end - 2 }
    if ends("ed") { return end - 2 }
    if ends("es") { return end - 2 }
    if ends("ly") { return end - 2 }
    if ends("s") && !ends("ss") { return end - 1 }
    return end
}

@Test func stemsMatchTheReferenceOnEveryShortWord() {
    var rng = SplitMix64(seed: 11)
    let alphabet = Array("aeilngsdy'".utf8)
    for _ in 0..<20000 {
        let word = (0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
        let start = word.isEmpty ? 0 : Int.random(in: 0...min(2, word.count), using: &rng)
        let got = word.withUnsafeBufferPointer { ContentWords.stemEnd($0, start, $0.count) }
        #expect(got == referenceStemEnd(word, start, word.count), "\(String(decoding: word, as: UTF8.self)) from \(start)")
    }
}
