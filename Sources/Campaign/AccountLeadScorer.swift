import Classifier

/// Applies an account model to account summaries: checks its features are ones this build
/// computes for the post model's labels, then gives every account its learned lead and reasons.
public struct AccountLeadScorer: Sendable {
    public let model: AccountModel
    public let labels: [String]
    /// Position of each model feature in `AccountFeatures.names(labels:)`.
    private let columns: [Int]
    /// Reasons kept per account.
    public var reasonCount = 3

    /// Fails with a message naming the features this build or this post model cannot compute.
    public init(model: AccountModel, labels: [String], modelPath: String) throws(AccountModelError) {
        let known = AccountFeatures.names(labels: labels)
        var columns: [Int] = []
        var missing: [String] = []
        for f in model.features {
            if let i = known.firstIndex(of: f) { columns.append(i) } else { missing.append(f) }
        }
        if !missing.isEmpty {
            let hint = missing.contains { $0.contains(":") } && labels.isEmpty
                ? "it needs post scores: drop --no-scores or pass --hand-lead"
                : "it was trained with another post model or a newer telltale: pass the post model it was trained with (--model) or retrain it"
            throw .invalid(path: modelPath, reason: "it uses features this run cannot compute (\(missing.prefix(5).joined(separator: ", "))); \(hint)")
        }
        self.model = model
        self.labels = labels
        self.columns = columns
    }

    /// The learned lead of one account.
    public func lead(_ a: AuthorSummary) -> LearnedLead {
        let all = AccountFeatures.values(a, labels: labels)
        let x = columns.map { all[$0] }
        let c = model.contributions(x)
        let p = model.calibration.probability(raw: c.reduce(model.bias, +))
        let order = c.indices.sorted { (i: Int, j: Int) -> Bool in
            let a = abs(c[i]), b = abs(c[j])
            return a != b ? a > b : i < j
        }
        var reasons: [AccountReason] = []
        for i in order.prefix(reasonCount) where c[i] != 0 {
            reasons.append(AccountReason(feature: model.features[i], value: x[i], contribution: c[i]))
        }
        return LearnedLead(probability: p, reasons: reasons)
    }
}
