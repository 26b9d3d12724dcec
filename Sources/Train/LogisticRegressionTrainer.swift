#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TelltaleIO

/// Options of logistic-regression training (also used by NB-weighted logistic regression).
public struct LogisticRegressionOptions: Sendable, Equatable {
    /// Per-coordinate step size.
    public enum Optimizer: String, Sendable, Codable, CaseIterable {
        /// Adagrad: step = learningRate / √(Σ past squared gradients), per weight.
        case adagrad
        /// Plain SGD with step learningRate / √epoch.
        case sgd
    }

    /// Maximum passes over the training rows.
    public var epochs: Int = 10
    public var learningRate: Double = 0.1
    /// L2 penalty (λ/2)·w², applied to each weight whenever a row using it is seen (sparse L2).
    public var l2: Double = 1e-6
    public var optimizer: Optimizer = .adagrad
    public var classWeighting: ClassWeighting = .none
    public var sourceWeighting: SourceWeighting = .none
    /// Multipliers of some sources' rows, after `sourceWeighting`.
    public var sourceScales: [SourceScale] = []
    /// Genre groups adjusted for while training and left out of the model (back-door adjustment):
    /// each group gets a weight of its own that absorbs what the genre alone says about the class
    /// (tweets are all native, essays all learners), so the feature weights learn what separates
    /// the classes within a genre. Scoring never sees the group weights. Empty = off.
    public var confounders: [SourceGroup] = []
    /// Value of a row's group feature (larger = the group weight is cheaper under L2 than feature weights).
    public var confounderValue: Float = 1
    /// Seed of the per-epoch shuffles (and of the early-stopping split).
    public var seed: UInt64 = 1
    /// Stop when the validation loss has not improved by `minDelta` for `patience` epochs, and keep
    /// the best epoch's weights. Needs validation rows: given to the trainer, or (when none are
    /// given) `validationFraction` of the label's training rows held out.
    public var earlyStopping: Bool = true
    public var patience: Int = 2
    public var minDelta: Double = 1e-4
    public var validationFraction: Double = 0.1

    public init(epochs: Int = 10, learningRate: Double = 0.1, l2: Double = 1e-6, optimizer: Optimizer = .adagrad,
                classWeighting: ClassWeighting = .none, sourceWeighting: SourceWeighting = .none, seed: UInt64 = 1,
                earlyStopping: Bool = true, patience: Int = 2, minDelta: Double = 1e-4, validationFraction: Double = 0.1) {
        self.sourceWeighting = sourceWeighting
        self.epochs = epochs
        self.learningRate = learningRate
        self.l2 = l2
        self.optimizer = optimizer
        self.classWeighting = classWeighting
        self.seed = seed
        self.earlyStopping = earlyStopping
        self.patience = patience
        self.minDelta = minDelta
        self.validationFraction = validationFraction
    }

    var settings: [String: String] {
        ["epochs": String(epochs), "learningRate": String(learningRate), "l2": String(l2), "optimizer": optimizer.rawValue,
         "classWeights": classWeighting.rawValue, "sourceWeights": sourceWeighting.rawValue, "earlyStopping": earlyStopping ? "patience \(patience), minDelta \(minDelta)" : "off",
         "validationFraction": String(validationFraction)]
            .merging(sourceScales.isEmpty ? [:] : ["sourceScales": SourceScale.describe(sourceScales)]) { a, _ in a }
            .merging(confounders.isEmpty ? [:] : ["confounders": confounders.map { "\($0.group)=\($0.pattern)" }.joined(separator: ","),
                                                  "confounderValue": String(confounderValue)]) { a, _ in a }
    }
}

/// Logistic regression by stochastic gradient descent (Adagrad by default) on the class-weighted
/// log loss with sparse L2, rows shuffled each epoch by a seeded SplitMix64. Single-threaded per
/// label, so the same data, seed and options give the same weights bit for bit.
public struct LogisticRegressionTrainer: LinearTrainer {
    public var options: LogisticRegressionOptions

    public init(options: LogisticRegressionOptions = LogisticRegressionOptions()) { self.options = options }

    public var algorithm: String { "lr" }
    public var settings: [String: String] { options.settings }

    public func trainLabel(_ matrix: FeatureMatrix, label: Int, rows: [Int], validation: LabelValidation?,
                           progress: ProgressReporter) -> LabelWeights {
        LogisticSGD(options: options).fit(matrix, label: label, rows: rows, validation: validation, featureScale: nil,
                                          progress: progress)
    }
}

/// The SGD loop shared by logistic regression and NB-weighted logistic regression (which passes a
/// per-bucket `featureScale`: the model is trained on x_j·s_j and the returned weights are w_j·s_j,
/// a plain linear model over the original features).
struct LogisticSGD {
    let options: LogisticRegressionOptions

    func fit(_ matrix: FeatureMatrix, label: Int, rows allRows: [Int], validation given: LabelValidation?,
             featureScale: [Float]?, progress: ProgressReporter) -> LabelWeights {
        let name = matrix.labels[label]
        var rows = allRows
        var validation = given
        var rng = SplitMix64.derived(seed: options.seed, stream: UInt64(label))
        if options.earlyStopping && validation == nil && options.validationFraction > 0 {
            let held = Int((Double(rows.count) * options.validationFraction).rounded(.down))
            if held >= 10 && rows.count - held >= 10 {
                rng.shuffle(&rows)
                validation = LabelValidation(matrix: matrix, label: label, rows: Array(rows[(rows.count - held)...]).sorted())
                rows = Array(rows[..<(rows.count - held)]).sorted()
            }
        }
        let (pos, neg) = matrix.classCounts(label: label, rows: rows)
        guard pos > 0 && neg > 0 else {
            return singleClassFallback(label: name, bucketCount: matrix.bucketCount, positives: pos, negatives: neg, rows: rows.count)
        }
        let n = Double(rows.count)
        let (wPos, wNeg): (Float, Float) = options.classWeighting == .balanced
            ? (Float(n / (2 * Double(pos))), Float(n / (2 * Double(neg)))) : (1, 1)
        let rowWeights = matrix.sourceRowWeights(label: label, rows: rows, weighting: options.sourceWeighting,
                                                 scales: options.sourceScales) ?? []
        let groupNames = SourceGroup.names(options.confounders)
        let groupOf: [Int32] = options.confounders.isEmpty ? []
            : matrix.sources.map { SourceGroup.index(of: $0, in: options.confounders, names: groupNames) }
        var groupWeight = [Float](repeating: 0, count: groupNames.count)
        var groupG2 = [Float](repeating: 0, count: groupNames.count)
        let cv = options.confounderValue
        var w = [Float](repeating: 0, count: matrix.bucketCount)
        var g2 = [Float](repeating: 0, count: options.optimizer == .adagrad ? matrix.bucketCount : 0)
        var bias: Float = options.classWeighting == .balanced ? 0 : Float(log(Double(pos) / Double(neg)))
        var biasG2: Float = 0
        var best: (w: [Float], bias: Float, epoch: Int, loss: Double)? = nil
        var history: [EpochStats] = []
        var sinceBest = 0
        var stoppedEarly = false
        let scale = featureScale ?? []
        let scaled = featureScale != nil
        let lr = Float(options.learningRate), l2 = Float(options.l2)
        let targets = matrix.targets[label]

        for epoch in 1...max(1, options.epochs) {
            rng.shuffle(&rows)
            let step: Float = options.optimizer == .sgd ? lr / Float(epoch).squareRoot() : lr
            var lossSum = 0.0, weightSum = 0.0
            matrix.indices.withUnsafeBufferPointer { idx in
                matrix.values.withUnsafeBufferPointer { val in
                    w.withUnsafeMutableBufferPointer { w in
                        g2.withUnsafeMutableBufferPointer { g2 in
                            scale.withUnsafeBufferPointer { s in
                                for r in rows {
                                    let lo = matrix.rowOffsets[r], hi = matrix.rowOffsets[r + 1]
                                    var z = bias
                                    if scaled {
                                        for k in lo..<hi { let j = Int(idx[k]); z += w[j] * val[k] * s[j] }
                                    } else {
                                        for k in lo..<hi { z += w[Int(idx[k])] * val[k] }
                                    }
                                    let gi = groupOf.isEmpty ? -1 : Int(groupOf[r])
                                    if gi >= 0 { z += groupWeight[gi] * cv }
                                    let y: Float = targets[r] == 1 ? 1 : 0
                                    let cw = (y == 1 ? wPos : wNeg) * (rowWeights.isEmpty ? 1 : rowWeights[r])
                                    let p = 1 / (1 + expf(-z))
                                    lossSum += Double(cw) * LogisticSGD.logLoss(p: p, positive: y == 1)
                                    weightSum += Double(cw)
                                    let g = cw * (p - y)
                                    for k in lo..<hi {
                                        let j = Int(idx[k])
                                        let x = scaled ? val[k] * s[j] : val[k]
                                        let grad = g * x + l2 * w[j]
                                        if g2.count > 0 {
                                            g2[j] += grad * grad
                                            w[j] -= step * grad / (g2[j].squareRoot() + 1e-6)
                                        } else {
                                            w[j] -= step * grad
                                        }
                                    }
                                    if gi >= 0 {
                                        let gg = g * cv + l2 * groupWeight[gi]
                                        groupG2[gi] += gg * gg
                                        groupWeight[gi] -= (g2.count > 0 ? step / (groupG2[gi].squareRoot() + 1e-6) : step) * gg
                                    }
                                    if g2.count > 0 {
                                        biasG2 += g * g
                                        bias -= step * g / (biasG2.squareRoot() + 1e-6)
                                    } else {
                                        bias -= step * g
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var stats = EpochStats(epoch: epoch, trainingLoss: lossSum / max(weightSum, 1e-12), validationLoss: nil)
            if let v = validation {
                let vl = LogisticSGD.validationLoss(v, weights: w, bias: bias, featureScale: featureScale)
                stats.validationLoss = vl
                if let b = best, vl >= b.loss - options.minDelta {
                    sinceBest += 1
                } else {
                    best = (w, bias, epoch, vl)
                    sinceBest = 0
                }
            }
            history.append(stats)
            progress.update(force: true) {
                "\(name): epoch \(epoch)/\(options.epochs) loss \(LogisticSGD.fmt(stats.trainingLoss))"
                    + (stats.validationLoss.map { " validation \(LogisticSGD.fmt($0))" } ?? "")
            }
            if options.earlyStopping && validation != nil && sinceBest >= options.patience {
                stoppedEarly = epoch < options.epochs
                break
            }
        }
        if options.earlyStopping, let b = best {
            w = b.w
            bias = b.bias
        }
        if let s = featureScale {
            for j in w.indices { w[j] *= s[j] }
        }
        let report = LabelTrainingReport(
            label: name, trainingRows: rows.count, positives: pos, negatives: neg, validationRows: validation?.rows.count ?? 0,
            epochs: history, bestEpoch: options.earlyStopping ? best?.epoch : nil, stoppedEarly: stoppedEarly)
        if !options.confounders.isEmpty {
            progress.line("\(name): confounder weights (left out of the model) "
                + zip(groupNames, groupWeight).map { "\($0) \(LogisticSGD.fmt(Double($1 * cv)))" }.joined(separator: ", "))
        }
        progress.line("\(name): \(history.count) epochs, training loss \(LogisticSGD.fmt(history.last?.trainingLoss ?? 0))"
            + (best.map { ", best validation loss \(LogisticSGD.fmt($0.loss)) at epoch \($0.epoch)" } ?? ""))
        return LabelWeights(weights: w, bias: bias, report: report)
    }

    /// Log loss of one prediction, with p clipped away from 0 and 1.
    @inline(__always)
    static func logLoss(p: Float, positive: Bool) -> Double {
        let q = Double(positive ? p : 1 - p)
        return -log(max(q, 1e-7))
    }

    /// Mean (unweighted) log loss of the current weights on the validation rows.
    static func validationLoss(_ v: LabelValidation, weights: [Float], bias: Float, featureScale: [Float]?) -> Double {
        var sum = 0.0
        let t = v.matrix.targets[v.label]
        weights.withUnsafeBufferPointer { w in
            for r in v.rows {
                var z = bias
                for k in v.matrix.range(ofRow: r) {
                    let j = Int(v.matrix.indices[k])
                    z += w[j] * v.matrix.values[k] * (featureScale?[j] ?? 1)
                }
                sum += logLoss(p: 1 / (1 + expf(-z)), positive: t[r] == 1)
            }
        }
        return sum / Double(max(v.rows.count, 1))
    }

    /// `x` rounded to 4 decimals, for progress lines.
    static func fmt(_ x: Double) -> String { String(Double(Int((x * 10000).rounded())) / 10000) }
}
