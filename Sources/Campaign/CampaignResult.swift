/// The finished roll-up of a run, ready to render: every account (highest lead first), every
/// cluster of two or more posts (most authors first), the totals and the settings used.
public struct CampaignResult: Sendable {
    public var labels: [String]
    public var authors: [AuthorSummary]
    public var clusters: [DuplicateCluster]
    /// Author names by id (for cluster author lists); nil for the unknown author.
    public var authorNames: [String?]
    public var posts: Int
    public var timedPosts: Int
    /// Posts long enough to be compared for copy-paste.
    public var signedPosts: Int
    /// Posts that were near-duplicates of an earlier post.
    public var duplicatePosts: Int
    /// Single posts forgotten / clusters retired to bound memory (0 unless `maxClusters` was hit).
    public var forgottenSingles: Int
    public var retiredClusters: Int
    public var settings: Settings

    /// What the run was asked to do (shown in reports).
    public struct Settings: Sendable {
        public var input: String
        public var model: String?
        public var similarity: Double
        public var maxClusters: Int
        public var minPosts: Int
        public var top: Int
        /// The account model file the lead came from; nil: the hand formula.
        public var accountModel: String?

        public init(input: String, model: String?, similarity: Double, maxClusters: Int, minPosts: Int, top: Int,
                    accountModel: String? = nil) {
            self.input = input
            self.model = model
            self.accountModel = accountModel
            self.similarity = similarity
            self.maxClusters = maxClusters
            self.minPosts = minPosts
            self.top = top
        }
    }

    /// The roll-up of `agg`; with `leads`, every account also gets its learned lead and accounts
    /// are ranked by it (else by the hand formula).
    public init(aggregator agg: CampaignAggregator, settings: Settings, leads: AccountLeadScorer? = nil) {
        labels = agg.labels
        var authors = agg.authorSummaries()
        if let leads {
            for i in authors.indices { authors[i].learned = leads.lead(authors[i]) }
            authors.sort {
                if $0.rankScore != $1.rankScore { return $0.rankScore > $1.rankScore }
                if $0.posts != $1.posts { return $0.posts > $1.posts }
                return $0.name < $1.name
            }
        }
        self.authors = authors
        clusters = agg.duplicateClusters()
        authorNames = (0..<agg.authors.count).map { agg.authors.isUnknown(Int32($0)) ? nil : agg.authors.name(Int32($0)) }
        posts = agg.posts
        timedPosts = agg.timedPosts
        signedPosts = agg.signedPosts
        duplicatePosts = agg.duplicatePosts
        forgottenSingles = agg.index.forgottenSingles
        retiredClusters = agg.index.retired.count
        self.settings = settings
    }

    /// Accounts ranked in tables and reports: real accounts with at least `minPosts` posts.
    public var rankedAuthors: [AuthorSummary] {
        authors.filter { !$0.isUnknown && $0.posts >= settings.minPosts }
    }

    /// How the accounts were ranked, in one line.
    public var leadDescription: String {
        if let m = settings.accountModel { return "lead = the account model's probability (\(m)); reasons = its largest contributions (log-odds)" }
        return settings.model == nil ? "lead = (work + dup) / 2 (hand formula, texts not scored)" : "lead = (flag + work + dup) / 3 (hand formula)"
    }

    /// Clusters shared by two or more accounts.
    public var crossAccountClusters: Int { clusters.filter { $0.distinctAuthors >= 2 }.count }

    /// The display name of an author id ("(unknown)" for posts without one).
    public func authorName(_ id: Int32) -> String {
        authorNames[Int(id)] ?? "(unknown)"
    }
}
