/// Everything reported about one account, computed from its accumulators at the end of a run.
public struct AuthorSummary: Sendable {
    public var name: String
    /// The pseudo-account of posts without an author field.
    public var isUnknown: Bool
    public var posts: Int
    /// Posts per Beijing hour (weekday + weekend), 24 values.
    public var hours: [Int]
    /// Weekday-only posts per Beijing hour, 24 values.
    public var weekdayHours: [Int]
    public var rhythm: WorkdayRhythm
    /// Per label (model order): share of the posts scored for that label that were flagged, and
    /// the mean probability; nil when no post could be scored for it (off_topic without parents,
    /// or `--no-scores`).
    public var flagShare: [Double?]
    public var meanScore: [Double?]
    /// Share of posts with at least one flag; nil when nothing was scored.
    public var anyFlagShare: Double?
    /// Near-duplicate clusters with two or more accounts that this account took part in.
    public var clusters: Int
    /// Posts that were near-duplicates of another account's earlier post.
    public var copies: Int
    /// Posts in clusters shared with other accounts (copies + originals that others copied).
    public var sharedPosts: Int
    public var firstTime: Double?
    public var lastTime: Double?
    public var lead: LeadScore
}

/// The ranking score: a lead for an analyst to look at, not a verdict about an account.
///
/// lead = (flag + workday + duplicate) / 3, each part in 0...1:
/// - flag: share of the account's posts with at least one flag (0 when not scored);
/// - workday: `WorkdayRhythm.score` (Beijing office hours, both halves of the day, lunch dip);
/// - duplicate: share of the account's posts in near-duplicate clusters shared with other accounts
///   (copied from them, or originals they copied) — an account that only pastes reaches 1.
public struct LeadScore: Equatable, Sendable {
    public var flag: Double
    public var workday: Double
    public var duplicate: Double

    public init(flag: Double, workday: Double, duplicate: Double) {
        self.flag = flag
        self.workday = workday
        self.duplicate = duplicate
    }

    public var value: Double { (flag + workday + duplicate) / 3 }

    /// The plain-language formula (for the report and README).
    public static let explanation = """
    lead = (flag + workday + duplicate) / 3, each in 0–1. flag: share of the account's posts with at \
    least one flag. workday: Beijing office-hours share (Mon–Fri 09:00–18:00, UTC+8) × balance of \
    morning and afternoon activity × (1 + lunch dip) / 2 — an office day with a lunch break scores \
    high, evening posters from other time zones that land in one half of the Beijing day do not. \
    duplicate: share of the account's posts that are near-duplicates shared with other accounts \
    (copied from them, or first posted and then copied by them). \
    A lead for an analyst to check, not a verdict about an account.
    """
}

extension AuthorTable {
    /// The summary of author `id`.
    func summary(_ id: Int32) -> AuthorSummary {
        let a = Int(id)
        let c = counters[a]
        let wd = hours[a * 48..<a * 48 + 24], we = hours[a * 48 + 24..<a * 48 + 48]
        let rhythm = WorkdayRhythm(weekday: wd, weekend: we)
        var flagShare: [Double?] = [], meanScore: [Double?] = []
        for k in 0..<labelCount {
            let n = scored[a * labelCount + k]
            flagShare.append(n > 0 ? Double(flagged[a * labelCount + k]) / Double(n) : nil)
            meanScore.append(n > 0 ? scoreSums[a * labelCount + k] / Double(n) : nil)
        }
        let anyScored = (0..<labelCount).contains { scored[a * labelCount + $0] > 0 }
        let anyFlagShare = anyScored && c.posts > 0 ? Double(c.anyFlagged) / Double(c.posts) : nil
        let duplicate = c.posts > 0 ? min(1, Double(c.sharedPosts) / Double(c.posts)) : 0
        return AuthorSummary(
            name: names[a], isUnknown: isUnknown(id), posts: c.posts,
            hours: zip(wd, we).map { Int($0) + Int($1) }, weekdayHours: wd.map { Int($0) },
            rhythm: rhythm, flagShare: flagShare, meanScore: meanScore, anyFlagShare: anyFlagShare,
            clusters: c.clusters, copies: c.copies, sharedPosts: c.sharedPosts, firstTime: c.firstTime, lastTime: c.lastTime,
            lead: LeadScore(flag: anyFlagShare ?? 0, workday: rhythm.score, duplicate: duplicate))
    }
}
