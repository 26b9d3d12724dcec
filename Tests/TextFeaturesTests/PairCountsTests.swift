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
