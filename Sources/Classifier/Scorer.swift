import TextFeatures

/// Scores posts with one model: extracts features (`FeatureExtractor` configured from the model
/// header), runs the scoring core, calibrates each label, applies thresholds and, on request,
/// explains the flags. Reuses its buffers, so scoring allocates little; use one `Scorer` per
/// thread (they can share one `Model`).
public final class Scorer {
    public let model: Model
    /// Flag threshold per label (label order): the model's defaults unless overridden.
    public private(set) var thresholds: [Double]
    private let extractor: FeatureExtractor
    private let core: ScoringCore
    private let needsParent: [Bool]
    private let gates: [LabelGate?]
    private let hasGates: Bool
    private var vector = FeatureVector()
    private var rawScores: [Float] = []
    private var search = ReasonSearch()
    /// The post's features again, with names for the buckets `ReasonSearch` asked for.
    private var namedVector = FeatureVector()
    private var explainLanes: [Int] = []
    /// How often `ReasonSearch` could not decide a label's reasons from the buckets it named and
    /// had to name more (for tests: hash collisions make it happen).
    private(set) var reasonSearchRetries = 0

    /// A scorer for `model`; `thresholds` overrides the model's default threshold for some labels
    /// (e.g. from `--threshold off_topic=0.8`).
    public init(model: Model, thresholds overrides: [String: Double] = [:]) throws(ScorerError) {
        self.model = model
        thresholds = model.header.thresholds
        extractor = FeatureExtractor(config: model.header.features, documentFrequencies: model.documentFrequencies)
        core = model.scoringCore
        needsParent = model.labels.map(model.header.needsParent.contains)
        gates = model.header.laneGates
        hasGates = gates.contains { $0 != nil }
        for (label, value) in overrides.sorted(by: { $0.key < $1.key }) { try setThreshold(value, for: label) }
    }

    /// Sets the flag threshold (a probability in 0...1) of `label`.
    public func setThreshold(_ threshold: Double, for label: String) throws(ScorerError) {
        guard let lane = model.labelIndex(label) else { throw .unknownLabel(label, known: model.labels) }
        guard threshold >= 0, threshold <= 1 else { throw .invalidThreshold(label, threshold) }
        thresholds[lane] = threshold
    }

    /// Scores `text` (replying to `parent` when given); with `explain`, adds the top `k` reasons
    /// for every flagged label.
    public func score(text: String, parent: String? = nil, explain: Bool = false, k: Int = 3) -> PostScore {
        var result = PostScore()
        var t = text
        t.withUTF8 { tb in
            if var p = parent {
                p.withUTF8 { pb in score(text: tb, parent: pb, explain: explain, k: k, into: &result) }
            } else {
                score(text: tb, parent: nil, explain: explain, k: k, into: &result)
            }
        }
        return result
    }

    /// Scores UTF-8 `text` (replying to UTF-8 `parent` when non-nil).
    public func score(text: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?,
                      explain: Bool = false, k: Int = 3) -> PostScore {
        var result = PostScore()
        score(text: text, parent: parent, explain: explain, k: k, into: &result)
        return result
    }

    /// The hot path: scores UTF-8 `text` into `result`, reusing its arrays (no allocation per post
    /// once they have grown, unless `explain` is on). Gates (`ModelHeader.gates`) are applied
    /// after the linear score: a gated label gets 0 or nil and is never flagged. With `explain`, a
    /// flagged post is extracted a second time, naming only the features that can be reasons
    /// (`ReasonSearch`); scores are the same with and without it.
    public func score(text: UnsafeBufferPointer<UInt8>, parent given: UnsafeBufferPointer<UInt8>?,
                      explain: Bool, k: Int, into result: inout PostScore) {
        // An empty or white-space-only parent is no parent: a reply label is `null`, not a guess.
        let blankParent = given.map(BlankText.isBlank) ?? false
        let parent = blankParent ? nil : given
        // The vector and scores are worked on as locals (moved out and back): each access to a
        // class's stored property costs a dynamic exclusivity check.
        var vector = FeatureVector(), rawScores: [Float] = []
        swap(&vector, &self.vector)
        swap(&rawScores, &self.rawScores)
        extractor.extract(text: text, parent: parent, into: &vector, names: false)
        core.score(vector, into: &rawScores)
        if explain { explainLanes.removeAll(keepingCapacity: true) }
        result.reset(labels: model.labels)
        result.script = hasGates ? extractor.scriptSummary : ScriptSummary()
        let thresholds = self.thresholds
        for lane in 0..<model.labelCount {
            let raw = rawScores[lane]
            result.raw.append(raw)
            let verdict = gates[lane]?.verdict(result.script) ?? .applies
            result.gates.append(verdict)
            guard parent != nil || !needsParent[lane] else {
                result.probabilities.append(nil)
                if explain && blankParent { result.gateReasons[model.labels[lane]] = "no parent: the parent post is empty" }
                continue
            }
            if verdict != .applies, let gate = gates[lane] {
                result.probabilities.append(gate.outside == .zero ? 0 : nil)
                // A `null` always says why; a gated 0 only when the model alone would have flagged
                // the post (so plain English posts do not all carry "no Han character").
                if explain && (gate.outside != .zero
                               || model.header.calibration[lane].probability(raw: Double(raw)) >= thresholds[lane]) {
                    result.gateReasons[model.labels[lane]] = gate.reason(verdict, result.script)
                }
                continue
            }
            let p = model.header.calibration[lane].probability(raw: Double(raw))
            result.probabilities.append(p)
            if p >= thresholds[lane] {
                result.flags.append(model.labels[lane])
                if explain { explainLanes.append(lane) }
            }
        }
        swap(&vector, &self.vector)
        swap(&rawScores, &self.rawScores)
        if explain && !explainLanes.isEmpty { explainFlags(text: text, parent: parent, k: k, into: &result) }
    }

    /// Fills `result.reasons` for the labels in `explainLanes`; `vector` holds the post's features.
    private func explainFlags(text: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?, k: Int,
                              into result: inout PostScore) {
        var lanes = explainLanes
        // Name the likeliest buckets; if collisions leave a label undecided, name more, then all.
        for candidates in [k + 2, 16 * (k + 4)] {
            let found = search.candidates(labels: lanes, vector: vector, core: core, count: candidates)
            let buckets = found.flatMap(\.buckets)
            let bounds = found.map(\.bound)
            extractor.extract(text: text, parent: parent, into: &namedVector, namingBuckets: buckets, previous: vector)
            var undecided: [Int] = []
            for (lane, bound) in zip(lanes, bounds) {
                if let reasons = ReasonSearch.reasons(label: lane, vector: namedVector, core: core, k: k, bound: bound) {
                    result.reasons[model.labels[lane]] = reasons
                } else {
                    undecided.append(lane)
                }
            }
            lanes = undecided
            if lanes.isEmpty { return }
            reasonSearchRetries += lanes.count
        }
        extractor.extract(text: text, parent: parent, into: &vector, names: true)
        for lane in lanes {
            result.reasons[model.labels[lane]] = Explanation.reasons(label: lane, vector: vector, core: core, k: k)
        }
    }

    /// Why `label` does not apply to the post `score` describes ("gate: Korean (hangul) text is
    /// not Mandarin"), or nil when it applies or has no gate.
    public func gateReason(label: String, in score: PostScore) -> String? {
        guard let lane = model.labelIndex(label), lane < score.gates.count, let gate = gates[lane] else { return nil }
        return gate.reason(score.gates[lane], score.script)
    }

    /// The top `k` reasons for `label` on this post, flagged or not (nil: unknown label, or the
    /// label needs a parent and there is none).
    public func reasons(text: String, parent: String? = nil, label: String, k: Int = 3) -> [Reason]? {
        let parent = parent.flatMap { BlankText.isBlank($0) ? nil : $0 }
        guard let lane = model.labelIndex(label), parent != nil || !needsParent[lane] else { return nil }
        extractor.extract(text: text, parent: parent, into: &vector, names: true)
        return Explanation.reasons(label: lane, vector: vector, core: core, k: k)
    }
}

/// A scorer setting that does not fit the model.
public enum ScorerError: Error, Equatable, CustomStringConvertible {
    /// A threshold was given for a label the model does not have.
    case unknownLabel(String, known: [String])
    /// A threshold outside 0...1.
    case invalidThreshold(String, Double)

    public var description: String {
        switch self {
        case .unknownLabel(let l, let known):
            return "unknown label `\(l)`: this model's labels are \(known.joined(separator: ", "))"
        case .invalidThreshold(let l, let t):
            return "threshold \(t) for `\(l)` is not a probability: give a value between 0 and 1"
        }
    }
}
