/// A near-duplicate cluster: a representative post and every later post whose MinHash signature
/// matched it (estimated Jaccard similarity at least the threshold). Only counts, a capped list
/// of authors, the first/last time and one example text are kept — never all the texts.
public struct DuplicateCluster: Sendable {
    /// Creation order (0, 1, 2...): stable across runs on the same input.
    public var id: Int
    /// Posts in the cluster, the representative included.
    public var posts = 1
    /// The author of the representative post.
    public var founder: Int32
    /// Distinct authors in first-seen order, at most `NearDuplicateIndex.Config.authorsPerCluster`
    /// (empty while the cluster is a single post, whose only author is `founder`).
    public var authorIDs: [Int32] = []
    /// Distinct authors: exact unless `authorsEstimated` (see `CampaignAggregator`).
    public var distinctAuthors = 1
    /// More distinct authors than `authorIDs` can hold (the list is a sample).
    public var authorsTruncated = false
    /// Once `authorIDs` is full: every distinct author id, up to
    /// `CampaignAggregator.maxAuthorsPerSet` (4–8 bytes each, only for such large clusters).
    var authorSet: Set<Int32>?
    /// Beyond `maxAuthorsPerSet` authors, new authors are told apart by each author's recent
    /// clusters only, so `distinctAuthors` may count an author twice.
    public var authorsEstimated = false
    /// Earliest and latest post time (nil when no post had a readable time).
    public var firstTime: Double?
    public var lastTime: Double?
    /// Posts with at least one flag.
    public var flaggedPosts = 0
    /// Posts by the founder while it was the cluster's only author (credited to it as shared
    /// posts when a second account joins).
    var founderPosts = 1
    /// The text of the first copy (the representative's text is not kept, to keep single-post
    /// clusters small); clipped to `sampleChars`.
    public var sample: String?
    /// Input position of the last post (for retiring the least recently active clusters).
    var lastSeen: Int

    init(id: Int, founder: Int32, time: Double?, flagged: Bool, seen: Int) {
        self.id = id
        self.founder = founder
        firstTime = time
        lastTime = time
        flaggedPosts = flagged ? 1 : 0
        lastSeen = seen
    }

    /// True when `author` is known to be in the cluster (exactly, unless truncated).
    public func contains(author: Int32) -> Bool {
        authorIDs.isEmpty ? founder == author : authorIDs.contains(author)
    }

    /// Adds a post's time and flag.
    mutating func record(time: Double?, flagged: Bool, seen: Int) {
        posts += 1
        if flagged { flaggedPosts += 1 }
        if let t = time {
            firstTime = min(firstTime ?? t, t)
            lastTime = max(lastTime ?? t, t)
        }
        lastSeen = seen
    }
}
