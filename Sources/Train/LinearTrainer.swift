#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Classifier
import TelltaleIO

/// A training algorithm whose output is a linear model: one weight per (hash bucket, label) plus
/// a bias per label (`LinearWeights`), so naive Bayes, logistic regression and NB-weighted
/// logistic regression share one scoring core, calibration and explanations.
///
/// Implement `trainLabel`; `train` (an extension) runs it for every label, one label per thread
/// (deterministic: each label's result does not depend on the others or on timing).
public protocol LinearTrainer: Sendable {
    /// Short name for provenance ("nb", "lr", "nblr").
    var algorithm: String { get }
    /// The trainer's options as text, for provenance.
    var settings: [String: String] { get }
    /// Trains label `label` of `matrix` on `rows` (all with a known target for that label),
    /// optionally watching `validation` (rows of another matrix, or held-out rows of the same one).
    func trainLabel(_ matrix: FeatureMatrix, label: Int, rows: [Int], validation: LabelValidation?,
                    progress: ProgressReporter) -> LabelWeights
}

/// How to weigh the two classes in the loss.
public enum ClassWeighting: String, Sendable, Codable, CaseIterable {
    /// Every row counts once.
    case none
    /// Each class counts as much in total: weight n / (2 · n_class). For naive Bayes: equal priors.
    case balanced
}

/// How to weigh the rows of one class that come from different `source`s.
public enum SourceWeighting: String, Sendable, Codable, CaseIterable {
    /// Every row counts once: a large source dominates its class.
    case none
    /// Within each class every source counts as much in total (a row of a source with n rows in a
    /// class of N rows from k sources weighs N / (k · n)), so a small source (learner essays,
    /// native news of one year) is not drowned by a large one and the class totals stay as they are.
    case balanced
}

/// A multiplier for the rows of some training sources, applied after `SourceWeighting`: a row
/// whose `source` contains `pattern` weighs `factor` times as much when training `label` (every
/// label when nil; the first matching scale wins). Used to let a source that teaches one class by
/// its genre alone (native answers are all native, so "formal and medical" would read as
/// "native") count for less without dropping it.
public struct SourceScale: Sendable, Equatable, Codable {
    public var label: String?
    public var pattern: String
    public var factor: Double

    public init(label: String? = nil, pattern: String, factor: Double) {
        self.label = label
        self.pattern = pattern
        self.factor = factor
    }

    /// `non_idiomatic:own-answer=0.25` → label `non_idiomatic`, pattern `own-answer`, factor 0.25
    /// (`own-answer=0.25`: every label); nil unless `[label:]pattern=factor` with a finite factor ≥ 0.
    public init?(parsing s: String) {
        let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let f = Double(parts[1]), f.isFinite, f >= 0 else { return nil }
        let target = parts[0].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (label, pattern) = target.count == 2 ? (target[0], target[1]) : (nil, target[0])
        guard !pattern.isEmpty, label?.isEmpty != true else { return nil }
        self.init(label: label, pattern: pattern, factor: f)
    }

    /// `[label:]pattern=factor,...` for provenance.
    static func describe(_ scales: [SourceScale]) -> String {
        scales.map { "\($0.label.map { "\($0):" } ?? "")\($0.pattern)=\($0.factor)" }.joined(separator: ",")
    }
}

/// A group of training sources that share a genre (news, tweets, essays ...), given to logistic
/// regression as a confounder: a row whose `source` contains `pattern` belongs to `group`.
public struct SourceGroup: Sendable, Equatable, Codable {
    public var group: String
    public var pattern: String

    public init(group: String, pattern: String) {
        self.group = group
        self.pattern = pattern
    }

    /// `news=wmt2` → group `news`, pattern `wmt2`; nil when it is not `group=pattern`.
    public init?(parsing s: String) {
        let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(group: parts[0], pattern: parts[1])
    }

    /// The distinct group names, in first-appearance order (one weight each: a group may have
    /// several patterns).
    static func names(_ groups: [SourceGroup]) -> [String] {
        var seen = Set<String>()
        return groups.map(\.group).filter { seen.insert($0).inserted }
    }

    /// The index (in `names`, which is `names(groups)`) of the group of the first pattern that
    /// occurs in `source`, or -1.
    static func index(of source: String?, in groups: [SourceGroup], names: [String]) -> Int32 {
        guard let source, let g = groups.first(where: { source.contains($0.pattern) }) else { return -1 }
        return Int32(names.firstIndex(of: g.group) ?? -1)
    }

    /// The same, with the names worked out here (for one-off look-ups).
    static func index(of source: String?, in groups: [SourceGroup]) -> Int32 {
        index(of: source, in: groups, names: names(groups))
    }
}

/// Held-out rows used to watch training (early stopping): rows of `matrix` (nil = all rows).
/// Its labels are matched to the training matrix's labels by name.
public struct ValidationSet: Sendable {
    public var matrix: FeatureMatrix
    public var rows: [Int]?

    public init(matrix: FeatureMatrix, rows: [Int]? = nil) {
        self.matrix = matrix
        self.rows = rows
    }

    /// The rows and target lane of `labelName`, or nil when the matrix lacks that label or has no known row.
    public func forLabel(_ labelName: String) -> LabelValidation? {
        guard let l = matrix.labels.firstIndex(of: labelName) else { return nil }
        let known = matrix.knownRows(label: l, among: rows)
        return known.isEmpty ? nil : LabelValidation(matrix: matrix, label: l, rows: known)
    }
}

/// The validation rows of one label (all with a known target).
public struct LabelValidation: Sendable {
    public var matrix: FeatureMatrix
    public var label: Int
    public var rows: [Int]
}

/// One label's trained weights (dense over buckets) and how training went.
public struct LabelWeights: Sendable, Equatable {
    public var weights: [Float]
    public var bias: Float
    public var report: LabelTrainingReport
}

/// What happened while training one label.
public struct LabelTrainingReport: Sendable, Equatable, Codable {
    public var label: String
    public var trainingRows: Int
    public var positives: Int
    public var negatives: Int
    public var validationRows: Int
    /// Per epoch (empty for naive Bayes).
    public var epochs: [EpochStats]
    /// Epoch whose weights were kept (1-based), when validation was watched.
    public var bestEpoch: Int?
    public var stoppedEarly: Bool
    /// Warnings, e.g. a label with a single class.
    public var notes: [String]

    public init(label: String, trainingRows: Int, positives: Int, negatives: Int, validationRows: Int = 0,
                epochs: [EpochStats] = [], bestEpoch: Int? = nil, stoppedEarly: Bool = false, notes: [String] = []) {
        self.label = label
        self.trainingRows = trainingRows
        self.positives = positives
        self.negatives = negatives
        self.validationRows = validationRows
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.stoppedEarly = stoppedEarly
        self.notes = notes
    }
}

/// Loss after one pass over the training rows.
public struct EpochStats: Sendable, Equatable, Codable {
    public var epoch: Int
    /// Mean (class-weighted) log loss over the epoch, measured before each row's update.
    public var trainingLoss: Double
    /// Mean log loss on the validation rows after the epoch.
    public var validationLoss: Double?
}

/// All labels' weights in the interleaved layout, plus per-label reports.
public struct TrainedWeights: Sendable, Equatable {
    public var weights: LinearWeights
    public var reports: [LabelTrainingReport]
}

extension LinearTrainer {
    /// Trains every label of `matrix` on `rows` (nil = all rows; each label uses those where it is
    /// known), one label per thread, and interleaves the results into `LinearWeights`.
    public func train(_ matrix: FeatureMatrix, rows: [Int]? = nil, validation: ValidationSet? = nil, threads: Int = 1,
                      progress: ProgressReporter = .silent) -> TrainedWeights {
        let perLabel = WorkerThreads.map(count: matrix.labels.count, threads: threads) { l in
            trainLabel(matrix, label: l, rows: matrix.knownRows(label: l, among: rows),
                       validation: validation?.forLabel(matrix.labels[l]), progress: progress)
        }
        var w = LinearWeights(bucketCount: matrix.bucketCount, labelCount: matrix.labels.count)
        w.weights.withUnsafeMutableBufferPointer { out in
            for (l, lw) in perLabel.enumerated() {
                for b in 0..<matrix.bucketCount { out[b * w.stride + l] = lw.weights[b] }
            }
        }
        w.bias = perLabel.map(\.bias)
        return TrainedWeights(weights: w, reports: perLabel.map(\.report))
    }
}

extension FeatureMatrix {
    /// Positive and negative counts of `label` over `rows`.
    /// Per-row weights (indexed by row, 1 for rows not in `rows`) that give every source of a class
    /// the same total weight among `rows` for `label` (`SourceWeighting.balanced`).
    /// Per-row weights of `label`'s training rows under `weighting` and then `scales`; nil when
    /// every row counts once (no balancing, no scale).
    func sourceRowWeights(label: Int, rows: [Int], weighting: SourceWeighting, scales: [SourceScale]) -> [Float]? {
        let scales = scales.filter { $0.label == nil || $0.label == labels[label] }
        guard weighting == .balanced || !scales.isEmpty else { return nil }
        var w = weighting == .balanced ? balancedSourceWeights(label: label, rows: rows) : [Float](repeating: 1, count: rowCount)
        guard !scales.isEmpty else { return w }
        for r in rows {
            let source = sources[r] ?? ""
            if let s = scales.first(where: { source.contains($0.pattern) }) { w[r] *= Float(s.factor) }
        }
        return w
    }

    func balancedSourceWeights(label: Int, rows: [Int]) -> [Float] {
        var count: [Int8: [String: Int]] = [0: [:], 1: [:]]
        let t = targets[label]
        for r in rows { count[t[r], default: [:]][sources[r] ?? "", default: 0] += 1 }
        let classRows = count.mapValues { $0.values.reduce(0, +) }
        var w = [Float](repeating: 1, count: rowCount)
        for r in rows {
            let bySource = count[t[r]]!
            w[r] = Float(Double(classRows[t[r]]!) / (Double(bySource.count) * Double(bySource[sources[r] ?? ""]!)))
        }
        return w
    }

    func classCounts(label: Int, rows: [Int]) -> (positives: Int, negatives: Int) {
        var p = 0
        for r in rows where targets[label][r] == 1 { p += 1 }
        return (p, rows.count - p)
    }

    /// Linear score bias + Σ w[j]·x_j of row `r` for dense per-label weights.
    func score(row r: Int, weights: UnsafeBufferPointer<Float>, bias: Float) -> Float {
        var z = bias
        for k in range(ofRow: r) { z += weights[Int(indices[k])] * values[k] }
        return z
    }
}

/// Bias for a label that has only one class (or none): smoothed prior log-odds, no weights.
func singleClassFallback(label: String, bucketCount: Int, positives: Int, negatives: Int, rows: Int) -> LabelWeights {
    let what = positives == 0 && negatives == 0 ? "no training rows" : (positives == 0 ? "no positive rows" : "no negative rows")
    let bias = Float(log(Double(positives + 1) / Double(negatives + 1)))
    return LabelWeights(weights: [Float](repeating: 0, count: bucketCount), bias: bias,
                        report: LabelTrainingReport(label: label, trainingRows: rows, positives: positives, negatives: negatives,
                                                    notes: ["\(what): the label cannot be learned; it gets a constant score"]))
}
