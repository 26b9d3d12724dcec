import TextFeatures

/// Finds a flagged label's reasons without naming every feature of the post (`--explain` used to
/// cost 12× plain scoring, and gigabytes on a long line, building and hashing one name per
/// feature). The result is exactly `Explanation.reasons` over a fully named vector:
///
/// 1. From the unnamed vector, each bucket's positive contribution P(b) = Σ max(0, weight × value)
///    over its features. A name's total is at most the P of its bucket: equal names hash alike,
///    so a name lives in one bucket (indicators and byte n-grams cut inside a character aside:
///    their names can span buckets, so they are always named).
/// 2. The buckets with the largest P are named (`FeatureExtractor.extract(namingBuckets:)`), and
///    totals are summed per name in feature order, as `Explanation.reasons` sums them.
/// 3. Those top `k` are the answer when the k-th total beats the largest P left unnamed (no other
///    name can reach it); otherwise (many hash collisions) the caller names everything.
///
/// Memory: one Float per bucket, reused (allocated on the first explanation).
struct ReasonSearch {
    private var positive: [Float] = []
    private var touched: [UInt32] = []
    /// A small open-addressing table bucket → sum for usual posts (slot keys are bucket + 1).
    private var slotKeys: [UInt32] = []
    private var slotSums: [Float] = []

    /// Per label of `labels`: the `count` buckets with the largest positive contribution to it in
    /// `vector`, and the largest positive contribution of any other bucket (0 when there is none).
    mutating func candidates(labels: [Int], vector: FeatureVector, core: ScoringCore, count: Int) -> [(buckets: [UInt32], bound: Float)] {
        let mask = core.bucketCount - 1
        let n = min(vector.indices.count, vector.values.count)
        let w = core.weights
        let stride = core.stride
        let lanes = labels.count
        var sums = [[(bucket: UInt32, sum: Float)]](repeating: [], count: lanes)
        touched.removeAll(keepingCapacity: true)
        if n < core.bucketCount / 8 {
            // A usual post: a table a few times its feature count, in L1 cache, one pass for every
            // label (a bucket-sized array would cost a cache miss per feature).
            var size = 64
            while size < 2 * n { size *= 2 }
            if slotKeys.count < size || slotSums.count < size * lanes {
                slotKeys = [UInt32](repeating: 0, count: size)
                slotSums = [Float](repeating: 0, count: size * lanes)
            }
            let slotMask = size - 1
            slotKeys.withUnsafeMutableBufferPointer { keys in
                slotSums.withUnsafeMutableBufferPointer { table in
                    labels.withUnsafeBufferPointer { labels in
                        vector.indices.withUnsafeBufferPointer { indices in
                            vector.values.withUnsafeBufferPointer { values in
                                if lanes == 1 {
                                    // The usual case (one flagged label): one multiply per feature.
                                    let label = labels[0]
                                    for i in 0..<n {
                                        let bucket = Int(indices[i]) & mask
                                        let c = w[bucket * stride + label] * values[i]
                                        guard c > 0 else { continue }
                                        let key = UInt32(truncatingIfNeeded: bucket + 1)
                                        var slot = Int((UInt32(truncatingIfNeeded: bucket) &* 0x9E37_79B1) >> 16) & slotMask
                                        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & slotMask }
                                        if keys[slot] == 0 {
                                            keys[slot] = key
                                            touched.append(UInt32(truncatingIfNeeded: slot))
                                        }
                                        table[slot] += c
                                    }
                                    return
                                }
                                for i in 0..<n {
                                    let bucket = Int(indices[i]) & mask
                                    let base = bucket * stride
                                    var any = false
                                    for l in 0..<lanes where w[base + labels[l]] * values[i] > 0 { any = true; break }
                                    guard any else { continue }
                                    let key = UInt32(bucket + 1)
                                    var slot = Int((UInt32(truncatingIfNeeded: bucket) &* 0x9E37_79B1) >> 16) & slotMask
                                    while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & slotMask }
                                    if keys[slot] == 0 {
                                        keys[slot] = key
                                        touched.append(UInt32(slot))
                                    }
                                    for l in 0..<lanes {
                                        let c = w[base + labels[l]] * values[i]
                                        if c > 0 { table[slot * lanes + l] += c }
                                    }
                                }
                            }
                        }
                    }
                    for l in 0..<lanes { sums[l].reserveCapacity(touched.count) }
                    for slot in touched.map({ Int($0) }) {
                        for l in 0..<lanes {
                            let sum = table[slot * lanes + l]
                            if sum > 0 { sums[l].append((keys[slot] - 1, sum)) }
                            table[slot * lanes + l] = 0
                        }
                        keys[slot] = 0
                    }
                }
            }
        } else {
            // A long post: one sum per bucket, label by label.
            if positive.count != core.bucketCount { positive = [Float](repeating: 0, count: core.bucketCount) }
            for (l, label) in labels.enumerated() {
                touched.removeAll(keepingCapacity: true)
                positive.withUnsafeMutableBufferPointer { p in
                    for i in 0..<n {
                        let bucket = Int(vector.indices[i]) & mask
                        let c = w[bucket * stride + label] * vector.values[i]
                        guard c > 0 else { continue }
                        if p[bucket] == 0 { touched.append(UInt32(bucket)) }
                        p[bucket] += c
                    }
                }
                for b in touched {
                    sums[l].append((b, positive[Int(b)]))
                    positive[Int(b)] = 0
                }
            }
        }
        return sums.map { Self.largest($0, count: count) }
    }

    /// The buckets of the `count` largest sums, largest first (ties keep the earlier bucket), and
    /// the largest of the other sums (0 when there is none).
    static func largest(_ sums: [(bucket: UInt32, sum: Float)], count: Int) -> (buckets: [UInt32], bound: Float) {
        var top: [(bucket: UInt32, sum: Float)] = []
        top.reserveCapacity(count + 1)
        var bound: Float = 0
        for (b, sum) in sums {
            if top.count == count, let last = top.last, !(sum > last.sum) {
                bound = max(bound, sum)
                continue
            }
            var i = top.count
            while i > 0 && top[i - 1].sum < sum { i -= 1 }
            top.insert((b, sum), at: i)
            if top.count > count { bound = max(bound, top.removeLast().sum) }
        }
        return (top.map(\.bucket), bound)
    }

    /// The top `k` reasons for `label` from a vector named by `extract(namingBuckets:)`, or nil
    /// when a name left unnamed could still be among them (more than `bound` was not ruled out).
    static func reasons(label: Int, vector: FeatureVector, core: ScoringCore, k: Int, bound: Float) -> [Reason]? {
        guard k > 0, label >= 0, label < core.labelCount else { return [] }
        let mask = core.bucketCount - 1
        // Several table entries can share a display name (threshold variants of one pair feature):
        // sum per display name in feature order, exactly as `Explanation.reasons` does.
        var displayIDs: [Int] = []
        var displayNames: [String] = []
        displayIDs.reserveCapacity(vector.nameTable.count)
        // Table names are distinct; only names that lose a threshold suffix can meet another.
        var merged: [String: Int] = [:]
        for name in vector.nameTable {
            let shown = Explanation.displayName(name)
            if shown.utf8.count != name.utf8.count {
                if let id = merged[shown] { displayIDs.append(id); continue }
                merged[shown] = displayNames.count
            }
            displayIDs.append(displayNames.count)
            displayNames.append(shown)
        }
        if !merged.isEmpty {
            // An unsuffixed name equal to a stripped one is the same reason.
            for (i, name) in displayNames.enumerated() {
                if let id = merged[name], id != i { for j in displayIDs.indices where displayIDs[j] == i { displayIDs[j] = id } }
            }
        }
        var totals = [Float](repeating: 0, count: displayNames.count)
        var seen = [Bool](repeating: false, count: displayNames.count)
        for (position, id) in zip(vector.namedPositions, vector.nameIDs) {
            let bucket = Int(vector.indices[position]) & mask
            let contribution = core.weights[bucket * core.stride + label] * vector.values[position]
            guard contribution != 0 else { continue }
            let shown = displayIDs[Int(id)]
            seen[shown] = true
            totals[shown] += contribution
        }
        // The k best by total (ties by name), as `Explanation.reasons` sorts them.
        var top: [(key: String, value: Float)] = []
        for i in displayNames.indices where seen[i] && totals[i] > 0 {
            let entry = (key: displayNames[i], value: totals[i])
            var at = top.count
            while at > 0 && (top[at - 1].value < entry.value || (top[at - 1].value == entry.value && top[at - 1].key > entry.key)) { at -= 1 }
            guard at < k else { continue }
            top.insert(entry, at: at)
            if top.count > k { top.removeLast() }
        }
        // A bucket's sum is added in another order than a name's total: allow for rounding.
        let decided = top.count == k ? top.last!.value > bound + bound.ulp * 64 : bound <= 0
        return decided ? top.map { Reason(feature: $0.key, contribution: $0.value) } : nil
    }
}
