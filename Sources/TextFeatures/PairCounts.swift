/// Counts of 64-bit keys (hashes, or exact keys such as `PairFeatures.gramKeys`) on the two sides
/// of a pair (reply, parent) in one open-addressing table, for the pair measures that need no key
/// order: the cosine of two count vectors and the number of keys both sides have. No sorting
/// (`HashBag` sorts); the table is reused, so nothing is allocated per post once it has grown. A
/// class holding its buffers, so the hot loop does no copy-on-write checks: one per
/// `FeatureExtractor` (in its `PairScratch`), never shared.
///
/// Use: `reset(capacity:)` with at least the number of keys to come, `add` each, then
/// `cosine()` or `sharedCount()` (either empties the table for the next use).
final class PairCounts {
    /// Keys (0: empty slot), then per slot the reply's and the parent's count, and the slots in
    /// use (to empty them afterwards).
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int32>
    private var used: UnsafeMutablePointer<Int32>
    private var usedCount = 0
    private var size: Int
    /// Counts of the hash 0 (an empty slot's key).
    private var zeroReply = 0, zeroParent = 0

    init() {
        size = 0
        keys = .allocate(capacity: 0)
        counts = .allocate(capacity: 0)
        used = .allocate(capacity: 0)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        used.deallocate()
    }

    /// Hashes per side up to which `cosine` equals `HashBag.cosine` bit for bit.
    static let exactLimit = 4096

    /// Makes room for `capacity` hashes (the table stays at most half full). Call on an empty table.
    func reset(capacity: Int) {
        var n = 64
        while n < capacity * 2 { n <<= 1 }
        guard n > size else { return }
        keys.deallocate()
        counts.deallocate()
        used.deallocate()
        keys = .allocate(capacity: n)
        keys.initialize(repeating: 0, count: n)
        counts = .allocate(capacity: 2 * n)
        counts.initialize(repeating: 0, count: 2 * n)
        used = .allocate(capacity: n)
        size = n
    }

    /// Counts one occurrence of `h` on the reply's side (`reply`) or the parent's.
    @inline(__always)
    func add(_ h: UInt64, reply: Bool) {
        if h == 0 {
            if reply { zeroReply += 1 } else { zeroParent += 1 }
            return
        }
        // Multiplied, so keys that differ only in their upper bytes (character grams) spread too.
        let mask = size - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let k = keys[i]
            if k == h { break }
            if k == 0 {
                keys[i] = h
                used[usedCount] = Int32(truncatingIfNeeded: i)
                usedCount += 1
                break
            }
            i = (i &+ 1) & mask
        }
        counts[2 * i + (reply ? 0 : 1)] += 1
    }

    /// Cosine of the two count vectors (0 when either side is empty), and empties the table.
    /// The sums are of integers, so they are the same in any order; they are exact in `Float`
    /// (as `HashBag.cosine` adds them) while at most 2^24, which holds when each side has at most
    /// `exactLimit` hashes (a sum of squares is at most the square of the sum).
    func cosine() -> Float {
        var rr = zeroReply * zeroReply, pp = zeroParent * zeroParent, rp = zeroReply * zeroParent
        for u in 0..<usedCount {
            let i = Int(used[u]), r = Int(counts[2 * i]), p = Int(counts[2 * i + 1])
            rr += r * r
            pp += p * p
            rp += r * p
        }
        empty()
        guard rr > 0, pp > 0 else { return 0 }
        let dot = Float(rp), na = Float(rr), nb = Float(pp)
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    /// Distinct hashes both sides have, and empties the table.
    func sharedCount() -> Int {
        var shared = zeroReply > 0 && zeroParent > 0 ? 1 : 0
        for u in 0..<usedCount {
            let i = Int(used[u])
            if counts[2 * i] > 0 && counts[2 * i + 1] > 0 { shared += 1 }
        }
        empty()
        return shared
    }

    private func empty() {
        for u in 0..<usedCount {
            let i = Int(used[u])
            keys[i] = 0
            counts[2 * i] = 0
            counts[2 * i + 1] = 0
        }
        usedCount = 0
        zeroReply = 0
        zeroParent = 0
    }
}
