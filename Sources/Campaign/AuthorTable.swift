/// Per-author accumulators, a fixed amount of memory per author however many posts it has:
/// counters, a 48-bin Beijing hour histogram (24 weekday + 24 weekend hours), per-label score sums
/// and flag counts, and the last few clusters it joined. Stored in flat arrays (no allocation per
/// post). Memory grows with distinct authors (~400 bytes each with the name), not with posts.
public final class AuthorTable {
    /// Recent clusters remembered per author (to avoid counting a cluster twice for an author
    /// once the cluster's own author list is full).
    static let recentClusterSlots = 4

    public let labelCount: Int
    private var index: [String: Int32] = [:]
    private(set) var names: [String] = []
    private(set) var unknownID: Int32?
    var counters: [AuthorCounters] = []
    /// 48 per author: weekday hours 0...23, then weekend hours 0...23 (Beijing clock).
    var hours: [UInt32] = []
    /// `labelCount` per author.
    var scoreSums: [Double] = []
    var scored: [UInt32] = []
    var flagged: [UInt32] = []
    var recentClusters: [Int32] = []

    public init(labelCount: Int) {
        self.labelCount = labelCount
    }

    public var count: Int { names.count }

    /// The id of `name`, created on first use; nil names the "unknown" author (posts without an
    /// author field), which is kept apart from any real account name.
    public func id(for name: String?) -> Int32 {
        if let name {
            if let id = index[name] { return id }
            let id = append(name)
            index[name] = id
            return id
        }
        if let u = unknownID { return u }
        let id = append("(unknown)")
        unknownID = id
        return id
    }

    public func name(_ id: Int32) -> String { names[Int(id)] }
    public func isUnknown(_ id: Int32) -> Bool { id == unknownID }

    private func append(_ name: String) -> Int32 {
        let id = Int32(names.count)
        names.append(name)
        counters.append(AuthorCounters())
        hours.append(contentsOf: repeatElement(0, count: 48))
        scoreSums.append(contentsOf: repeatElement(0, count: labelCount))
        scored.append(contentsOf: repeatElement(0, count: labelCount))
        flagged.append(contentsOf: repeatElement(0, count: labelCount))
        recentClusters.append(contentsOf: repeatElement(-1, count: Self.recentClusterSlots))
        return id
    }

    /// Adds one post's time and scores (`probabilities[k]` NaN: label not scored, e.g. off_topic
    /// without a parent; bit k of `flags`: label k flagged).
    func record(_ id: Int32, time: Double?, probabilities: UnsafeBufferPointer<Double>, flags: UInt64) {
        let a = Int(id)
        counters[a].posts += 1
        if let t = time {
            counters[a].timedPosts += 1
            counters[a].firstTime = min(counters[a].firstTime ?? t, t)
            counters[a].lastTime = max(counters[a].lastTime ?? t, t)
            let clock = BeijingTime(epochSeconds: t)
            hours[a * 48 + (clock.isWeekday ? 0 : 24) + clock.hour] += 1
        }
        if flags != 0 { counters[a].anyFlagged += 1 }
        for k in 0..<min(labelCount, probabilities.count) {
            let p = probabilities[k]
            guard !p.isNaN else { continue }
            scoreSums[a * labelCount + k] += p
            scored[a * labelCount + k] += 1
            if flags & (1 << UInt64(k)) != 0 { flagged[a * labelCount + k] += 1 }
        }
    }

    /// Whether `cluster` is among the author's recently joined clusters; remembers it if not.
    func rememberCluster(_ id: Int32, cluster: Int) -> Bool {
        let base = Int(id) * Self.recentClusterSlots
        let c = Int32(truncatingIfNeeded: cluster)
        for i in 0..<Self.recentClusterSlots where recentClusters[base + i] == c { return true }
        let slot = Int(counters[Int(id)].recentNext)
        recentClusters[base + slot] = c
        counters[Int(id)].recentNext = UInt8((slot + 1) % Self.recentClusterSlots)
        return false
    }
}

/// Plain counters of one author.
struct AuthorCounters {
    var posts = 0
    var timedPosts = 0
    var anyFlagged = 0
    /// Posts that were near-duplicates of another account's earlier post.
    var copies = 0
    /// Clusters with at least two distinct authors this author took part in.
    var clusters = 0
    /// Posts in clusters shared with other accounts: `copies` plus the first post of every
    /// cluster this author started that other accounts then copied.
    var sharedPosts = 0
    var firstTime: Double?
    var lastTime: Double?
    var recentNext: UInt8 = 0
}
