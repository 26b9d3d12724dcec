import TextFeatures

/// What a `Scorer` says about one post, in the model's label order.
public struct PostScore: Sendable, Equatable {
    /// The model's labels (lane order); the arrays below follow it.
    public var labels: [String] = []
    /// Calibrated probability per label; nil for a label that needs a parent (`header.needsParent`)
    /// when the post has none, or whose gate sends such posts to null (`LabelGate.Outcome.null`) —
    /// never a guess. Exactly 0 for a label whose gate says a definite no.
    public var probabilities: [Double?] = []
    /// Raw linear score (log-odds before calibration) per label, computed even where the
    /// probability is nil (for calibration fitting and debugging).
    public var raw: [Float] = []
    /// Labels whose probability is at least their threshold, in label order.
    public var flags: [String] = []
    /// With `explain`: the top reasons for each flagged label (strongest first). Empty otherwise.
    public var reasons: [String: [Reason]] = [:]
    /// Per label: whether its gate (`ModelHeader.gates`) let the post through; `.applies` for a
    /// label without a gate. A gated label is never flagged.
    public var gates: [GateVerdict] = []
    /// With `explain`: why each gated label does not apply ("gate: Korean (hangul) text is not
    /// Mandarin"). Empty otherwise.
    public var gateReasons: [String: String] = [:]
    /// The script counts the gates decided on.
    public var script = ScriptSummary()

    public init() {}

    /// The probability of `label` (nil if the model has no such label or it needs a parent).
    public func probability(of label: String) -> Double? {
        labels.firstIndex(of: label).flatMap { probabilities[$0] }
    }

    /// Empties the arrays, keeping their storage for the next post.
    mutating func reset(labels: [String]) {
        self.labels = labels
        probabilities.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        gates.removeAll(keepingCapacity: true)
        if !reasons.isEmpty { reasons.removeAll(keepingCapacity: true) }
        if !gateReasons.isEmpty { gateReasons.removeAll(keepingCapacity: true) }
    }
}
