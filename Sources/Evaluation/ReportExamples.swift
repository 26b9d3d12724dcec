import Reporting

/// A row the model got wrong, as shown in a report: where it came from, an excerpt of its text,
/// its score and the features that pushed the score up.
public struct ReportExample: Codable, Sendable, Equatable {
    /// 1-based position among the rows read (all data files together).
    public var row: Int
    public var id: String?
    public var source: String?
    /// One-line excerpt of the text (see `ReportFormat.excerpt`).
    public var text: String
    /// Excerpt of the parent post, for reply labels.
    public var parent: String?
    /// The label's probability.
    public var score: Double
    /// Strongest positive contributions ("n-gram `x` (+0.84)"), strongest first.
    public var reasons: [String]

    public init(row: Int, id: String?, source: String?, text: String, parent: String?, score: Double, reasons: [String]) {
        self.row = row
        self.id = id
        self.source = source
        self.text = text
        self.parent = parent
        self.score = score
        self.reasons = reasons
    }
}

/// The `capacity` worst mistakes of one kind seen so far, kept while streaming: for false
/// positives the highest-scoring negatives, for false negatives the lowest-scoring positives.
/// On equal scores the earlier row stays. A candidate is checked in O(1) against the current
/// cut-off before anything about it is built, so examples (and their reasons) are only made for
/// rows that enter the list.
public struct WorstExamples: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Negatives ranked by score, highest first.
        case falsePositives
        /// Positives ranked by score, lowest first.
        case falseNegatives
    }

    public let kind: Kind
    public let capacity: Int
    /// Worst first.
    public private(set) var examples: [ReportExample] = []

    public init(kind: Kind, capacity: Int) {
        self.kind = kind
        self.capacity = max(capacity, 0)
    }

    /// `a` is a worse mistake than `b` (strictly).
    private func worse(_ a: Double, than b: Double) -> Bool {
        kind == .falsePositives ? a > b : a < b
    }

    /// Whether a mistake with this score would enter the list.
    public func wouldKeep(score: Double) -> Bool {
        guard capacity > 0 else { return false }
        guard examples.count == capacity, let last = examples.last else { return true }
        return worse(score, than: last.score)
    }

    /// Adds the example made by `make` if its score enters the list.
    public mutating func offer(score: Double, _ make: () -> ReportExample) {
        guard wouldKeep(score: score) else { return }
        let example = make()
        // After every kept example at least as bad (earlier rows win ties).
        var i = examples.count
        while i > 0 && worse(score, than: examples[i - 1].score) { i -= 1 }
        examples.insert(example, at: i)
        if examples.count > capacity { examples.removeLast() }
    }
}
