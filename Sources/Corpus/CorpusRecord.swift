import TextFeatures

/// One labelled example read from a corpus. A label missing from `labels` is unknown (not
/// negative): the trainers of that label skip the record.
public struct CorpusRecord: Sendable, Equatable {
    public var id: String?
    public var text: String
    public var parent: String?
    /// label name → 0 or 1
    public var labels: [String: Int]
    public var source: String?

    /// The parent a reply label can be judged against: nil when there is none or it is blank
    /// (empty or white space only), as `telltale score` treats it.
    public var replyParent: String? { parent.flatMap { BlankText.isBlank($0) ? nil : $0 } }

    public init(id: String? = nil, text: String, parent: String? = nil, labels: [String: Int], source: String? = nil) {
        self.id = id
        self.text = text
        self.parent = parent
        self.labels = labels
        self.source = source
    }
}
