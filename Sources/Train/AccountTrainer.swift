#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Classifier
import Evaluation

/// Trains the account model (`AccountModel`) on labelled accounts and cross-validates it by
/// author: standardises each feature on the training rows, fits `DenseLogisticTrainer`, and
/// reports out-of-fold ROC-AUC, precision at the top 10/20 and log loss. Folds are stratified
/// (state-linked and other accounts are dealt out separately) and seeded with `SplitMix64`, so a
/// seed gives the same folds everywhere. The shipped calibration is Platt scaling fitted on the
/// out-of-fold raw scores (never on the scores of the rows a model was fitted on).
public struct AccountTrainer: Sendable {
    /// One labelled account: its feature values (in `features` order) and label.
    public struct Row: Sendable {
        public var name: String
        public var values: [Double]
        public var positive: Bool
        /// The hand-formula lead, for comparison.
        public var handLead: Double

        public init(name: String, values: [Double], positive: Bool, handLead: Double) {
            self.name = name
            self.values = values
            self.positive = positive
            self.handLead = handLead
        }
    }

    /// What a run produced: the model, and every account's out-of-fold probability.
    public struct Result: Sendable {
        public var model: AccountModel
        /// (account, out-of-fold calibrated probability, label), highest first.
        public var outOfFold: [(name: String, probability: Double, positive: Bool)]
    }

    public var features: [String]
    public var l2 = 10.0
    public var folds = 5
    public var seed: UInt64 = 1
    /// Standardised values are clipped to ±clip standard deviations.
    public var clip = 3.0

    public init(features: [String]) { self.features = features }

    /// Cross-validates, then fits the final model on every row. Needs both classes and at least
    /// `folds` accounts of each.
    public func train(_ rows: [Row], label: String, card base: AccountModelCard) throws(TrainingError) -> Result {
        let pos = rows.filter(\.positive).count, neg = rows.count - pos
        guard pos >= folds, neg >= folds else {
            throw TrainingError.noData("account training needs at least \(folds) accounts of each class (\(folds) folds); found \(pos) with \(label)=1 and \(neg) with \(label)=0")
        }
        let sorted = rows.sorted { $0.name < $1.name }
        let fold = assignFolds(sorted)
        var raw = [Double](repeating: 0, count: sorted.count)
        for f in 0..<folds {
            let trainRows = sorted.indices.filter { fold[$0] != f }
            let (model, _) = fit(trainRows.map { sorted[$0] })
            for i in sorted.indices where fold[i] == f { raw[i] = model.rawScore(sorted[i].values) }
        }
        let targets = sorted.map(\.positive)
        let platt = CalibrationFitter.fit(.platt, scores: raw, targets: targets).calibration
        let probabilities = raw.map { platt.probability(raw: $0) }
        let auc = Self.rocAUC(raw, targets)
        let logLoss = zip(raw, targets).map { z, t in
            let p = min(max(1 / (1 + exp(-z)), 1e-15), 1 - 1e-15)
            return t ? -log(p) : -log(1 - p)
        }.reduce(0, +) / Double(raw.count)
        let order = sorted.indices.sorted { raw[$0] != raw[$1] ? raw[$0] > raw[$1] : sorted[$0].name < sorted[$1].name }
        func precision(at k: Int) -> Double {
            let top = order.prefix(k)
            return Double(top.filter { sorted[$0].positive }.count) / Double(max(top.count, 1))
        }
        var (model, _) = fit(sorted)
        model.label = label
        model.calibration = platt
        var card = base
        card.authors = sorted.count
        card.positives = pos
        card.l2 = l2
        card.folds = folds
        card.seed = seed
        card.crossValidation = AccountCVFigures(rocAUC: auc, precisionAt10: precision(at: 10), precisionAt20: precision(at: 20), logLoss: logLoss)
        card.handFormulaROCAUC = Self.rocAUC(sorted.map(\.handLead), targets)
        card.strongestFeatures = model.features.indices.sorted {
            abs(model.weights[$0]) != abs(model.weights[$1]) ? abs(model.weights[$0]) > abs(model.weights[$1]) : $0 < $1
        }.prefix(8).map { (model.weights[$0] >= 0 ? "+" : "-") + model.features[$0] }
        model.card = card
        let oof = order.map { (name: sorted[$0].name, probability: probabilities[$0], positive: sorted[$0].positive) }
        return Result(model: model, outOfFold: oof)
    }

    /// Fold of each row: positives and negatives shuffled separately (seeded) and dealt in turn.
    func assignFolds(_ rows: [Row]) -> [Int] {
        var fold = [Int](repeating: 0, count: rows.count)
        for (stream, cls) in [true, false].enumerated() {
            var idx = rows.indices.filter { rows[$0].positive == cls }
            var g = SplitMix64.derived(seed: seed, stream: UInt64(stream))
            g.shuffle(&idx)
            for (k, i) in idx.enumerated() { fold[i] = k % folds }
        }
        return fold
    }

    /// Standardises on `rows` and fits; returns the model (identity calibration) and the fit.
    func fit(_ rows: [Row]) -> (AccountModel, DenseLogisticTrainer.Fit) {
        let d = features.count, n = Double(rows.count)
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for j in 0..<d {
            let m = rows.reduce(0) { $0 + $1.values[j] } / n
            let v = rows.reduce(0) { $0 + ($1.values[j] - m) * ($1.values[j] - m) } / n
            means[j] = m
            scales[j] = v > 1e-18 ? v.squareRoot() : 1
        }
        let x = rows.map { r in (0..<d).map { min(clip, max(-clip, (r.values[$0] - means[$0]) / scales[$0])) } }
        let f = DenseLogisticTrainer.fit(x: x, y: rows.map(\.positive), l2: l2)
        let card = AccountModelCard(trainedOn: "", authors: rows.count, positives: 0, posts: 0, postModel: nil, l2: l2, folds: folds,
                                    seed: seed, minPosts: 0, crossValidation: AccountCVFigures(rocAUC: .nan, precisionAt10: .nan, precisionAt20: .nan, logLoss: .nan),
                                    handFormulaROCAUC: nil, strongestFeatures: [])
        let model = AccountModel(label: "", features: features, means: means, scales: scales, weights: f.weights, bias: f.bias,
                                 clip: clip, calibration: .identity, card: card)
        return (model, f)
    }

    /// ROC-AUC with ties counted one half.
    static func rocAUC(_ scores: [Double], _ targets: [Bool]) -> Double {
        RankingMetrics.rocAUC(LabelledScores(scores: scores, targets: targets)).value ?? .nan
    }
}
