import Testing
@testable import TextFeatures
import Train

/// One `PairCounts`, reused as the pair features reuse it, against two `HashBag`s: the same
/// cosine bit for bit and the same shared count (hash 0 and heavy repeats included).
@Test func pairCountsGiveTheHashBagsCosineAndSharedCount() {
    var rng = SplitMix64(seed: 11)
    let counts = PairCounts()
    func check(_ a: [UInt64], _ b: [UInt64]) {
        var ba = HashBag(), bb = HashBag()
        ba.fill(counting: a)
        bb.fill(counting: b)
        counts.reset(capacity: a.count + b.count)
        for h in a { counts.add(h, reply: true) }
        for h in b { counts.add(h, reply: false) }
        #expect(counts.cosine().bitPattern == ba.cosine(bb).bitPattern)
        counts.reset(capacity: a.count + b.count)
        for h in a { counts.add(h, reply: true) }
        for h in b { counts.add(h, reply: false) }
        #expect(counts.sharedCount() == ba.sharedCount(bb))
    }
    for round in 0..<300 {
        let n = round % 3 == 0 ? 400 : 40
        let alphabet = UInt64(round % 2 == 0 ? 30 : 1000)
        let a = (0..<Int.random(in: 0...n, using: &rng)).map { _ in UInt64.random(in: 0...alphabet, using: &rng) }
        let b = (0..<Int.random(in: 0...n, using: &rng)).map { _ in UInt64.random(in: 0...alphabet, using: &rng) }
        check(a, b)
    }
    // Sides of exactLimit hashes with heavy repeats: the sums reach 2^24 and stay exact.
    let limit = PairCounts.exactLimit
    check([UInt64](repeating: 9, count: limit), [UInt64](repeating: 9, count: limit))
    check([UInt64](repeating: 9, count: limit), (0..<UInt64(limit)).map { $0 % 7 })
    check((0..<limit).map { _ in rng.next() }, (0..<limit).map { _ in rng.next() % 5 })
}

/// The character grams and word beginnings counted by exact keys (`gramKeys`, `prefixes`) give
/// the cosine the FNV hashes of the same grams give in sorted bags, bit for bit, and the shared
/// beginnings counted from the bytes: stems of 1 to 12 bytes, repeats, shared and unshared grams.
@Test func exactGramKeysGiveTheCosineOfHashedGrams() {
    var rng = SplitMix64(seed: 5)
    let counts = PairCounts()
    let letters = Array("abcdeé".utf8)
    for _ in 0..<300 {
        // One text holding both sides' stems: random words over a small alphabet (many shared grams).
        var text: [UInt8] = []
        var sides: ([Range<Int>], [Range<Int>]) = ([], [])
        for w in 0..<Int.random(in: 0...30, using: &rng) {
            let start = text.count
            for _ in 0..<Int.random(in: 1...12, using: &rng) { text.append(letters[Int.random(in: 0..<letters.count, using: &rng)]) }
            if w % 2 == 0 { sides.0.append(start..<text.count) } else { sides.1.append(start..<text.count) }
            text.append(0x20)
        }
        text.withUnsafeBufferPointer { t in
            var a = HashBag(), b = HashBag()
            PairFeatures.charGrams(t, sides.0, into: &a)
            PairFeatures.charGrams(t, sides.1, into: &b)
            counts.reset(capacity: PairFeatures.gramCount(sides.0) + PairFeatures.gramCount(sides.1))
            PairFeatures.gramKeys(t, sides.0) { counts.add($0, reply: true) }
            PairFeatures.gramKeys(t, sides.1) { counts.add($0, reply: false) }
            #expect(counts.cosine().bitPattern == a.cosine(b).bitPattern)
            counts.reset(capacity: sides.0.count + sides.1.count)
            PairFeatures.prefixes(t, sides.0) { counts.add($0, reply: true) }
            PairFeatures.prefixes(t, sides.1) { counts.add($0, reply: false) }
            func beginnings(_ stems: [Range<Int>]) -> Set<[UInt8]> { Set(stems.filter { $0.count >= 5 }.map { Array(t[$0.lowerBound..<($0.lowerBound + 5)]) }) }
            #expect(counts.sharedCount() == beginnings(sides.0).intersection(beginnings(sides.1)).count)
        }
    }
}
