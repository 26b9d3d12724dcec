#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TelltaleIO

/// Multinomial naive Bayes as a linear model. Per label, on the rows where it is known:
/// weight_j = log((α + c₁ⱼ) / (α·V + S₁)) − log((α + c₀ⱼ) / (α·V + S₀)) (the log-count ratio,
/// cₖⱼ = sum of feature j's values over class-k rows, Sₖ = Σⱼ cₖⱼ, V = bucket count) and
/// bias = log(n₁ / n₀) (class priors; 0 with balanced class weights).
public struct NaiveBayesTrainer: LinearTrainer {
    /// Laplace/Lidstone smoothing α (> 0).
    public var alpha: Double
    public var classWeighting: ClassWeighting
    public var sourceWeighting: SourceWeighting
    /// Multipliers of some sources' rows, after `sourceWeighting`.
    public var sourceScales: [SourceScale] = []

    public init(alpha: Double = 1, classWeighting: ClassWeighting = .none, sourceWeighting: SourceWeighting = .none) {
        self.alpha = alpha
        self.sourceWeighting = sourceWeighting
        self.classWeighting = classWeighting
    }

    public var algorithm: String { "nb" }
    public var settings: [String: String] {
        ["alpha": String(alpha), "classWeights": classWeighting.rawValue, "sourceWeights": sourceWeighting.rawValue]
            .merging(sourceScales.isEmpty ? [:] : ["sourceScales": SourceScale.describe(sourceScales)]) { a, _ in a }
    }

    public func trainLabel(_ matrix: FeatureMatrix, label: Int, rows: [Int], validation: LabelValidation?,
                           progress: ProgressReporter) -> LabelWeights {
        let name = matrix.labels[label]
        let (pos, neg) = matrix.classCounts(label: label, rows: rows)
        guard pos > 0 && neg > 0 else {
            return singleClassFallback(label: name, bucketCount: matrix.bucketCount, positives: pos, negatives: neg, rows: rows.count)
        }
        let weights = matrix.sourceRowWeights(label: label, rows: rows, weighting: sourceWeighting, scales: sourceScales)
        let ratio = NaiveBayesTrainer.logCountRatio(matrix, label: label, rows: rows, alpha: alpha, rowWeights: weights)
        let bias = classWeighting == .balanced ? 0 : Float(log(Double(pos) / Double(neg)))
        progress.line("\(name): naive Bayes on \(rows.count) rows (\(pos) positive)")
        return LabelWeights(weights: ratio, bias: bias,
                            report: LabelTrainingReport(label: name, trainingRows: rows.count, positives: pos, negatives: neg,
                                                        validationRows: validation?.rows.count ?? 0))
    }

    /// The NB log-count ratio r per bucket for `label` over `rows` (sums in Double, in row order),
    /// each row's values multiplied by `rowWeights[row]` when given.
    public static func logCountRatio(_ matrix: FeatureMatrix, label: Int, rows: [Int], alpha: Double,
                                     rowWeights: [Float]? = nil) -> [Float] {
        let v = matrix.bucketCount
        var c1 = [Double](repeating: 0, count: v), c0 = [Double](repeating: 0, count: v)
        var s1 = 0.0, s0 = 0.0
        let t = matrix.targets[label]
        for r in rows {
            let positive = t[r] == 1
            let rw = Double(rowWeights?[r] ?? 1)
            for k in matrix.range(ofRow: r) {
                let j = Int(matrix.indices[k]), x = Double(matrix.values[k]) * rw
                if positive { c1[j] += x; s1 += x } else { c0[j] += x; s0 += x }
            }
        }
        let d1 = log(alpha * Double(v) + s1), d0 = log(alpha * Double(v) + s0)
        var r = [Float](repeating: 0, count: v)
        for j in 0..<v { r[j] = Float((log(alpha + c1[j]) - d1) - (log(alpha + c0[j]) - d0)) }
        return r
    }
}
