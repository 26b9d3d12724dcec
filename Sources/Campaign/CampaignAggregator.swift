/// Rolls scored posts up to accounts and near-duplicate clusters in one streaming pass. Feed it
/// posts in input order with `add`; it keeps fixed-size state per author (`AuthorTable`) and a
/// bounded cluster index (`NearDuplicateIndex`), never the texts. Not thread-safe: scoring and
/// signatures can be computed on many threads, `add` is called from one.
///
/// Copy-paste per author: `copies` counts its posts that near-duplicate another account's earlier
/// post; `sharedPosts` adds, for each cluster it started that others then copied, its posts in
/// that cluster made before the first copy (so both are exact, whatever the input order).
/// Cluster participation per author: an author is credited once per cluster that has at least two
/// distinct authors (the founder when the second author arrives, every later new author when it
/// joins). A cluster lists its first `authorsPerCluster` authors; past that it keeps a set of all
/// its author ids (exact, memory grows with the distinct authors of large clusters only) up to
/// `maxAuthorsPerSet`; beyond that, whether an author is new is decided by the author's last few
/// clusters, so `distinctAuthors` and the credit may then count an author twice.
public final class CampaignAggregator {
    /// Distinct authors tracked exactly per cluster.
    public static let maxAuthorsPerSet = 1 << 20

    public let labels: [String]
    public let authors: AuthorTable
    public let index: NearDuplicateIndex
    /// Posts added, with a time, and with a signature (long enough to be clustered).
    public private(set) var posts = 0
    public private(set) var timedPosts = 0
    public private(set) var signedPosts = 0
    /// Posts that were a near-duplicate of an earlier post (any author).
    public private(set) var duplicatePosts = 0

    public init(labels: [String], clusters: NearDuplicateIndex.Config = .init()) {
        self.labels = labels
        authors = AuthorTable(labelCount: labels.count)
        index = NearDuplicateIndex(config: clusters)
    }

    /// Adds one post. `probabilities`: one per label, NaN where the label was not scored; `flags`:
    /// bit k set when label k is flagged; `signature`: its MinHash signature, nil when the text is
    /// too short to be clustered; `text`: the original UTF-8 text (kept only as a cluster's example);
    /// `traits`: its links, mentions, script mix... (`PostTraits(text:)` when nil).
    public func add(author: String?, time: Double?, probabilities: UnsafeBufferPointer<Double>, flags: UInt64,
                    signature: UnsafeBufferPointer<UInt32>?, text: UnsafeBufferPointer<UInt8>, traits: PostTraits? = nil) {
        let seen = posts
        posts += 1
        if time != nil { timedPosts += 1 }
        let a = authors.id(for: author)
        authors.record(a, time: time, probabilities: probabilities, flags: flags, traits: traits ?? PostTraits(text: text))
        guard let signature else { return }
        signedPosts += 1
        let (slot, joined) = index.assign(signature: signature, author: a, time: time, flagged: flags != 0, seen: seen)
        guard joined else { return }
        duplicatePosts += 1
        let cap = index.config.authorsPerCluster
        let sampleChars = index.config.sampleChars
        index.withCluster(slot) { c in
            if c.sample == nil { c.sample = Self.clip(text, sampleChars) }
            if c.authorIDs.isEmpty { c.authorIDs = [c.founder] }
            let hadOtherAuthor = c.distinctAuthors > 1 || c.founder != a
            if !hadOtherAuthor { c.founderPosts += 1 }
            if hadOtherAuthor {
                authors.counters[Int(a)].copies += 1
                authors.counters[Int(a)].sharedPosts += 1
            }
            let recentlySeen = authors.rememberCluster(a, cluster: c.id)
            let isNew: Bool
            if c.authorIDs.contains(a) {
                isNew = false
            } else if !c.authorsTruncated {
                isNew = true
                if c.authorIDs.count < cap {
                    c.authorIDs.append(a)
                } else {
                    c.authorsTruncated = true
                    c.authorSet = Set(c.authorIDs + [a])
                }
            } else if c.authorSet != nil, c.authorSet!.count < Self.maxAuthorsPerSet {
                isNew = c.authorSet!.insert(a).inserted
            } else {
                c.authorsEstimated = true
                isNew = !recentlySeen
            }
            guard isNew else {
                authors.counters[Int(a)].repeats += 1
                return
            }
            c.distinctAuthors += 1
            if c.distinctAuthors == 2 {
                authors.counters[Int(c.founder)].clusters += 1
                authors.counters[Int(c.founder)].sharedPosts += c.founderPosts
            }
            authors.counters[Int(a)].clusters += 1
        }
    }

    /// Every author's summary, highest lead score first (ties: more posts, then name).
    public func authorSummaries() -> [AuthorSummary] {
        (0..<authors.count).map { authors.summary(Int32($0)) }.sorted {
            if $0.lead.value != $1.lead.value { return $0.lead.value > $1.lead.value }
            if $0.posts != $1.posts { return $0.posts > $1.posts }
            return $0.name < $1.name
        }
    }

    /// Clusters with at least two posts, most authors first.
    public func duplicateClusters() -> [DuplicateCluster] {
        index.clusters(minPosts: 2)
    }

    /// Text of `bytes` (valid UTF-8) cut to `limit` characters, with an ellipsis when cut.
    static func clip(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        return s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }
}
