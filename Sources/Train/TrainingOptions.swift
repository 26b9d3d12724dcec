import Classifier
import Foundation
import TelltaleIO
import TextFeatures
import Corpus
import Evaluation

/// Everything that decides how a model is trained. The same data and the same options give a
/// byte-identical model file (unless `trainedAt` is set to a clock time).
public struct TrainingOptions: Sendable, Equatable {
    /// The trainer.
    public enum Algorithm: String, Sendable, Codable, CaseIterable {
        /// Multinomial naive Bayes.
        case nb
        /// Logistic regression.
        case lr
        /// NB-weighted logistic regression (NBSVM-style).
        case nblr
    }

    /// Which held-out rows early stopping watches.
    public enum EarlyStoppingSource: String, Sendable, Codable, CaseIterable {
        /// No early stopping: every epoch runs.
        case off
        /// The calibration hold-out of the training data (or, without one, a split the trainer makes).
        case holdout
        /// The dev files (falls back to `holdout` when none is given).
        case dev
    }

    public var algorithm: Algorithm = .nblr
    /// Labels to train, in weight-lane order; empty = every label found in the data (sorted).
    public var labels: [String] = []
    /// Seeds the hold-out split, shuffles, the early-stopping split and the top-feature sample.
    public var seed: UInt64 = 1
    public var epochs: Int = 10
    /// Adagrad step size of `lr` and `nblr` (the value `telltale train` uses by default).
    public var learningRate: Double = 0.2
    public var l2: Double = 1e-6
    public var optimizer: LogisticRegressionOptions.Optimizer = .adagrad
    public var classWeights: ClassWeighting = .none
    /// How the sources of one class are weighed against each other (`source` field of the rows).
    public var sourceWeights: SourceWeighting = .none
    /// Multipliers of some sources' rows, applied after `sourceWeights`.
    public var sourceScales: [SourceScale] = []
    /// Genre groups of sources adjusted for in logistic training and left out of the model
    /// (`LogisticRegressionOptions.confounders`).
    public var confounders: [SourceGroup] = []
    public var confounderValue: Double = 1
    /// Smoothing α of naive Bayes and of the NB ratio in `nblr`.
    public var alpha: Double = 1
    public var earlyStopping: EarlyStoppingSource = .holdout
    /// Epochs without improvement before stopping.
    public var patience: Int = 2
    /// Feature families, bucket count and n-gram ranges (bucketBits 10...24).
    public var features = FeatureConfig()
    /// log2 of the document-frequency table used by pair features.
    public var documentFrequencyBits = 16
    /// Share of the training rows held out (seeded) to fit calibration and thresholds and to
    /// watch early stopping; 0 = none (identity calibration, fixed thresholds).
    public var holdoutFraction: Double = 0.1
    public var calibration: CalibrationMethod = .platt
    /// Files to fit calibration and thresholds on instead of the random hold-out of the training
    /// data. Use a file split like the data it must generalise to: a random row hold-out shares
    /// near-duplicates with training (e.g. one sentence translated by several systems) and makes
    /// calibration overconfident.
    public var calibrationFiles: [String] = []
    public var threshold: ThresholdChoice = .fixed(0.5)
    /// Applicability gate per label name, written into the model (`ModelHeader.gates`); nil =
    /// `LabelGate.defaults` for the labels trained (mixed_zh_en, non_idiomatic), `[:]` = no gates.
    /// Gates of labels the model does not have are dropped.
    /// Gated rows are left out of calibration and thresholds (their score is fixed), not out of
    /// training.
    public var gates: [String: LabelGate]? = nil
    /// Readable features kept per label and sign in the model (for `inspect` and explanations).
    public var topFeatures: Int = 20
    /// Training texts re-extracted with names to label the top features.
    public var topFeatureSampleRows: Int = 5000
    /// Stop at the first bad corpus line instead of skipping it.
    public var strict = false
    /// Longest corpus line accepted (`--max-line-bytes`); a longer line is a bad line. Not part of
    /// the recorded options (it cannot change a model, only which lines are refused).
    public var maxLineBytes = LineReader.defaultMaxLineBytes
    /// Threads for feature extraction and for training (one label per thread).
    public var threads: Int = 2
    /// Corpus format for every file; nil = from each file's extension.
    public var format: CorpusFormat? = nil
    /// Provenance time; nil = a fixed string derived from the data hash, so the same data gives a
    /// byte-identical model.
    public var trainedAt: String? = nil
    /// Progress on standard error; nil = only when it is a terminal.
    public var progress: Bool? = nil
    /// Metrics computed on the dev files.
    public var evaluation = EvaluationOptions()

    public init() {}

    /// What is wrong with these options, or nil (the message says what to change).
    public func problem() -> String? {
        do { try features.validate() } catch { return error.description }
        if epochs < 1 { return "epochs must be at least 1, got \(epochs)" }
        if !(learningRate > 0) || !learningRate.isFinite { return "learning rate must be a positive number, got \(learningRate)" }
        if !(l2 >= 0) || !l2.isFinite { return "l2 must be 0 or more, got \(l2)" }
        if !(alpha > 0) || !alpha.isFinite { return "alpha must be positive, got \(alpha)" }
        if !labels.isEmpty, let s = sourceScales.first(where: { $0.label.map { !labels.contains($0) } ?? false }) {
            return "source weight `\(SourceScale.describe([s]))` names label `\(s.label ?? "")`, which is not trained (labels: \(labels.joined(separator: ", ")))"
        }
        if !(holdoutFraction >= 0 && holdoutFraction < 1) { return "holdout fraction must be in [0, 1), got \(holdoutFraction)" }
        if case .fixed(let t) = threshold, !(t >= 0 && t <= 1) { return "threshold must be in [0, 1], got \(t)" }
        if threads < 1 { return "threads must be at least 1, got \(threads)" }
        if patience < 1 { return "patience must be at least 1, got \(patience)" }
        if !(0...24).contains(documentFrequencyBits) { return "document-frequency bits must be 0...24, got \(documentFrequencyBits)" }
        if Set(labels).count != labels.count { return "a label is listed twice: \(labels.joined(separator: ", "))" }
        if topFeatures < 0 || topFeatureSampleRows < 0 { return "top-feature counts must not be negative" }
        for (label, gate) in (gates ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let p = gate.problem { return "gate of `\(label)`: \(p)" }
        }
        return nil
    }

    /// The gates of a model over `labels` (only labels it has; none when there are none).
    public func gates(for labels: [String]) -> [String: LabelGate]? {
        let chosen = (gates ?? LabelGate.defaults).filter { labels.contains($0.key) }
        return chosen.isEmpty ? nil : chosen
    }

    /// The trainer these options describe.
    public func trainer() -> any LinearTrainer {
        let lr = LogisticRegressionOptions(
            epochs: epochs, learningRate: learningRate, l2: l2, optimizer: optimizer, classWeighting: classWeights,
            sourceWeighting: sourceWeights, seed: seed,
            earlyStopping: earlyStopping != .off, patience: patience)
        var lrOptions = lr
        lrOptions.sourceScales = sourceScales
        lrOptions.confounders = confounders
        lrOptions.confounderValue = Float(confounderValue)
        switch algorithm {
        case .nb:
            var nb = NaiveBayesTrainer(alpha: alpha, classWeighting: classWeights, sourceWeighting: sourceWeights)
            nb.sourceScales = sourceScales
            return nb
        case .lr: return LogisticRegressionTrainer(options: lrOptions)
        case .nblr: return NBLogisticTrainer(options: lrOptions, alpha: alpha)
        }
    }

    /// Options as text for provenance (only those that affect the model).
    public var provenanceOptions: [String: String] {
        var o = trainer().settings
        o["labels"] = labels.joined(separator: ",")
        o["holdoutFraction"] = String(holdoutFraction)
        o["calibration"] = calibration.rawValue
        if !calibrationFiles.isEmpty { o["calibrationFiles"] = calibrationFiles.map { ($0 as NSString).lastPathComponent }.joined(separator: ",") }
        switch threshold {
        case .fixed(let t): o["threshold"] = "fixed \(t)"
        case .maxF1: o["threshold"] = "max F1 on hold-out"
        }
        o["earlyStoppingOn"] = earlyStopping.rawValue
        o["documentFrequencyBits"] = String(documentFrequencyBits)
        o["topFeatures"] = "\(topFeatures) from \(topFeatureSampleRows) rows"
        o["strict"] = String(strict)
        if let format { o["format"] = format.rawValue }
        return o
    }
}
