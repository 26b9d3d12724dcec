/// A multiset of 64-bit hashes as sorted distinct keys, each with a weight (its count, or a
/// tf-idf weight). Pair similarity builds four of these per reply: sorting a few hundred integers
/// and merging two sorted lists costs far less than hashing each hash again into a `Dictionary`,
/// and the buffers are reused, so nothing is allocated per post once they have grown.
struct HashBag {
    private(set) var keys: [UInt64] = []
    private(set) var weights: [Float] = []

    var isEmpty: Bool { keys.isEmpty }
    /// Distinct hashes.
    var count: Int { keys.count }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
    }

    /// Adds one occurrence of `h` (call `countOccurrences` once all are in).
    @inline(__always)
    mutating func append(_ h: UInt64) { keys.append(h) }

    /// Replaces the bag by the occurrences of `hashes`, counted.
    mutating func fill(counting hashes: [UInt64]) {
        removeAll()
        keys.append(contentsOf: hashes)
        countOccurrences()
    }

    /// Sorts the appended hashes and folds repeats into one key whose weight is its count.
    mutating func countOccurrences() {
        keys.withUnsafeMutableBufferPointer { HashBag.sort($0) }
        weights.removeAll(keepingCapacity: true)
        let n = keys.count
        guard n > 0 else { return }
        var distinct = 0
        keys.withUnsafeMutableBufferPointer { k in
            var i = 0
            while i < n {
                let key = k[i]
                var c: Float = 0
                while i < n && k[i] == key { c += 1; i += 1 }
                k[distinct] = key
                distinct += 1
                weights.append(c)
            }
        }
        keys.removeLast(n - distinct)
    }

    /// Sorts ascending in place: quicksort (median of three) with insertion sort below 16
    /// elements. Not stable, which does not matter for plain integers; about a third of the
    /// instructions of the standard library's generic stable sort on these small arrays.
    static func sort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        guard let base = a.baseAddress else { return }
        var lo = 0, hi = a.count - 1
        while hi - lo >= 16 {
            let mid = lo + (hi - lo) / 2
            if base[mid] < base[lo] { (base[mid], base[lo]) = (base[lo], base[mid]) }
            if base[hi] < base[lo] { (base[hi], base[lo]) = (base[lo], base[hi]) }
            if base[hi] < base[mid] { (base[hi], base[mid]) = (base[mid], base[hi]) }
            let pivot = base[mid]
            var i = lo, j = hi
            while i <= j {
                while base[i] < pivot { i += 1 }
                while base[j] > pivot { j -= 1 }
                if i <= j { (base[i], base[j]) = (base[j], base[i]); i += 1; j -= 1 }
            }
            // Recurse into the smaller side, loop on the larger (stack depth O(log n)).
            if j - lo < hi - i {
                sort(UnsafeMutableBufferPointer(start: base + lo, count: j - lo + 1))
                lo = i
            } else {
                sort(UnsafeMutableBufferPointer(start: base + i, count: hi - i + 1))
                hi = j
            }
        }
        if hi > lo {
            for k in (lo + 1)...hi {
                let x = base[k]
                var m = k
                while m > lo && base[m - 1] > x { base[m] = base[m - 1]; m -= 1 }
                base[m] = x
            }
        }
    }

    /// Multiplies each weight by `factor(key)` (term frequency → tf-idf).
    mutating func scaleWeights(_ factor: (UInt64) -> Float) {
        for i in weights.indices { weights[i] = weights[i] * factor(keys[i]) }
    }

    /// Whether `h` is one of the keys (binary search).
    func contains(_ h: UInt64) -> Bool {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == h
    }

    /// Keys present in both bags.
    func sharedCount(_ other: HashBag) -> Int {
        var shared = 0
        merge(other) { _, _ in shared += 1 }
        return shared
    }

    /// Cosine of the two weight vectors (0 when either is empty).
    func cosine(_ other: HashBag) -> Float {
        guard !isEmpty, !other.isEmpty else { return 0 }
        var dot: Float = 0
        merge(other) { v, w in dot += v * w }
        let na = weights.reduce(0) { $0 + $1 * $1 }, nb = other.weights.reduce(0) { $0 + $1 * $1 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    /// Calls `body(myWeight, otherWeight)` for every key in both bags, in key order.
    @inline(__always)
    private func merge(_ other: HashBag, _ body: (Float, Float) -> Void) {
        var i = 0, j = 0
        let a = keys, b = other.keys
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else {
                body(weights[i], other.weights[j])
                i += 1
                j += 1
            }
        }
    }
}

/// The reusable bags behind one pair similarity (owned by a `FeatureExtractor`).
struct PairScratch {
    var reply = HashBag()
    var parent = HashBag()
    /// Character 4-grams of sides over `PairCounts.exactLimit` grams.
    var replyGrams = HashBag()
    var parentGrams = HashBag()
    let marks = ConceptMarks()
    let counts = PairCounts()

    init() {}
}

/// A fixed set of 64-bit hashes for membership tests on the hot path (stopwords, function words):
/// open addressing over a power-of-two table at most an eighth full, probed with the hash's own low
/// bits; an empty slot holds 0 (a member 0 is kept aside), so a lookup is one load and compare per
/// probe instead of `Set`'s SipHash of the key.
struct HashSet64: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    private let hasZero: Bool

    init(_ members: [UInt64]) {
        var size = 16
        while size < members.count * 8 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        hasZero = members.contains(0)
        for h in members where h != 0 {
            var i = Self.start(h, mask)
            while slots[i] != 0 && slots[i] != h { i = (i + 1) & mask }
            slots[i] = h
        }
        self.slots = slots
    }

    @inline(__always)
    private static func start(_ h: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) & mask }

    @inline(__always)
    func contains(_ h: UInt64) -> Bool {
        if h == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { s in
            var i = Self.start(h, mask)
            while true {
                let v = s[i]
                if v == h { return true }
                if v == 0 { return false }
                i = (i + 1) & mask
            }
        }
    }
}
