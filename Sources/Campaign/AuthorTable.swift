#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// `recentTimeSlots` per author: its last post times in input order (NaN: none yet), to find
    /// bursts without keeping every time.
    var recentTimes: [Double] = []

    /// Last post times remembered per author for bursts.
    static let recentTimeSlots = 4
    /// Two posts of one account this close (seconds) are a burst.
    public static let burstSeconds = 600.0

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
        recentTimes.append(contentsOf: repeatElement(.nan, count: Self.recentTimeSlots))
        return id
    }

    /// Adds one post's time, scores and traits (`probabilities[k]` NaN: label not scored, e.g.
    /// off_topic without a parent; bit k of `flags`: label k flagged).
    func record(_ id: Int32, time: Double?, probabilities: UnsafeBufferPointer<Double>, flags: UInt64, traits: PostTraits) {
        let a = Int(id)
        counters[a].posts += 1
        counters[a].add(traits)
        if let t = time {
            if isBurst(a, t) { counters[a].bursts += 1 }
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

    /// Whether `t` is within `burstSeconds` of one of the author's last few post times (exact when
    /// an account's posts arrive in time order, as in exports; otherwise a lower bound); remembers `t`.
    private func isBurst(_ a: Int, _ t: Double) -> Bool {
        let base = a * Self.recentTimeSlots
        var near = false
        for i in 0..<Self.recentTimeSlots where abs(recentTimes[base + i] - t) < Self.burstSeconds { near = true }
        let slot = Int(counters[a].recentTimeNext)
        recentTimes[base + slot] = t
        counters[a].recentTimeNext = UInt8((slot + 1) % Self.recentTimeSlots)
        return near
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
    /// Posts that near-duplicate an earlier post of the same account.
    var repeats = 0
    /// Timed posts within `AuthorTable.burstSeconds` of one of the account's previous posts.
    var bursts = 0
    var links = 0
    var mentions = 0
    var replies = 0
    var hashtags = 0
    var retweets = 0
    /// Posts with at least two Han characters.
    var hanPosts = 0
    var letters = 0
    var latinLetters = 0
    /// Σ log(1 + length in characters).
    var logLengthSum = 0.0
    var firstTime: Double?
    var lastTime: Double?
    var recentNext: UInt8 = 0
    var recentTimeNext: UInt8 = 0

    mutating func add(_ t: PostTraits) {
        if t.hasLink { links += 1 }
        if t.hasMention { mentions += 1 }
        if t.isReply { replies += 1 }
        if t.hasHashtag { hashtags += 1 }
        if t.isRetweet { retweets += 1 }
        if t.han >= 2 { hanPosts += 1 }
        letters += t.letters
        latinLetters += t.latinLetters
        logLengthSum += log1p(Double(t.length))
    }
}
