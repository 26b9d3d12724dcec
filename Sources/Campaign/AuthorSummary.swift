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
    /// Posts that near-duplicate an earlier post of the same account.
    public var repeats: Int
    public var habits: PostingHabits
    public var firstTime: Double?
    public var lastTime: Double?
    /// The hand formula (always computed; the ranking when no account model is used).
    public var lead: LeadScore
    /// The account model's lead, when `telltale accounts` ran with one.
    public var learned: LearnedLead?

    /// What the account is ranked by: the account model's probability when there is one, else the
    /// hand formula.
    public var rankScore: Double { learned?.probability ?? lead.value }
}

/// Shares of an account's posts with each surface habit (`PostTraits`), and how they are spread
/// in time. Every share is in 0...1 (0 for an account without posts).
public struct PostingHabits: Equatable, Sendable {
    public var linkShare = 0.0
    public var mentionShare = 0.0
    public var replyShare = 0.0
    public var hashtagShare = 0.0
    public var retweetShare = 0.0
    /// Posts with at least two Han characters.
    public var hanShare = 0.0
    /// Latin letters over all letters (0 when the account wrote no letters).
    public var latinLetterShare = 0.0
    /// Mean of log(1 + characters) per post.
    public var meanLogLength = 0.0
    /// Posts that near-duplicate the account's own earlier post.
    public var repeatShare = 0.0
    /// Timed posts within 10 minutes of one of the account's previous posts.
    public var burstShare = 0.0

    public init() {}
}

/// The account model's verdict-free lead for one account: a calibrated probability that it
/// belongs with the state-linked accounts it was trained on, and the features that moved it most.
public struct LearnedLead: Equatable, Sendable {
    public var probability: Double
    /// The largest contributions (weight × standardised value, log-odds), strongest first.
    public var reasons: [AccountReason]

    public init(probability: Double, reasons: [AccountReason]) {
        self.probability = probability
        self.reasons = reasons
    }
}

/// One feature's push on an account's learned lead.
public struct AccountReason: Equatable, Sendable {
    public var feature: String
    public var value: Double
    /// Log-odds added to the account's score (positive: towards state-linked).
    public var contribution: Double

    public init(feature: String, value: Double, contribution: Double) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
    }
}

/// The ranking score: a lead for an analyst to look at, not a verdict about an account.
///
/// lead = (flag + workday + duplicate) / 3, each part in 0...1, or (workday + duplicate) / 2 when
/// the posts were not scored (`--no-scores`):
/// - flag: share of the account's posts with at least one flag (nil when not scored);
/// - workday: `WorkdayRhythm.score` (Beijing office hours, both halves of the day, lunch dip);
/// - duplicate: share of the account's posts in near-duplicate clusters shared with other accounts
///   (copied from them, or originals they copied) — an account that only pastes reaches 1.
public struct LeadScore: Equatable, Sendable {
    public var flag: Double?
    public var workday: Double
    public var duplicate: Double

    public init(flag: Double?, workday: Double, duplicate: Double) {
        self.flag = flag
        self.workday = workday
        self.duplicate = duplicate
    }

    /// The mean of the parts there are: three with scores, two without.
    public var value: Double {
        guard let flag else { return (workday + duplicate) / 2 }
        return (flag + workday + duplicate) / 3
    }

    /// The plain-language formula (for the report and README).
    public static let explanation = """
    hand lead = (flag + workday + duplicate) / 3, each in 0–1 ((workday + duplicate) / 2 with \
    --no-scores). flag: share of the account's posts with at \
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
        let n = Double(max(c.posts, 1))
        var habits = PostingHabits()
        habits.linkShare = Double(c.links) / n
        habits.mentionShare = Double(c.mentions) / n
        habits.replyShare = Double(c.replies) / n
        habits.hashtagShare = Double(c.hashtags) / n
        habits.retweetShare = Double(c.retweets) / n
        habits.hanShare = Double(c.hanPosts) / n
        habits.latinLetterShare = c.letters > 0 ? Double(c.latinLetters) / Double(c.letters) : 0
        habits.meanLogLength = c.logLengthSum / n
        habits.repeatShare = min(1, Double(c.repeats) / n)
        habits.burstShare = c.timedPosts > 0 ? Double(c.bursts) / Double(c.timedPosts) : 0
        return AuthorSummary(
            name: names[a], isUnknown: isUnknown(id), posts: c.posts,
            hours: zip(wd, we).map { Int($0) + Int($1) }, weekdayHours: wd.map { Int($0) },
            rhythm: rhythm, flagShare: flagShare, meanScore: meanScore, anyFlagShare: anyFlagShare,
            clusters: c.clusters, copies: c.copies, sharedPosts: c.sharedPosts, repeats: c.repeats, habits: habits,
            firstTime: c.firstTime, lastTime: c.lastTime,
            lead: LeadScore(flag: anyFlagShare, workday: rhythm.score, duplicate: duplicate), learned: nil)
    }
}
