import TelltaleIO
/// NB-weighted logistic regression (NBSVM-style, Wang & Manning 2012, with a logistic loss):
/// each feature is scaled by its naive-Bayes log-count ratio r_j, logistic regression is trained on
/// the scaled features, and r is folded back into the weights (w_j = w'_j · r_j), so the result is
/// a plain linear model over the original features like every other trainer's.
public struct NBLogisticTrainer: LinearTrainer {
    public var options: LogisticRegressionOptions
    /// Smoothing α of the log-count ratio.
    public var alpha: Double

    public init(options: LogisticRegressionOptions = LogisticRegressionOptions(), alpha: Double = 1) {
        self.options = options
        self.alpha = alpha
    }

    public var algorithm: String { "nblr" }
    public var settings: [String: String] { options.settings.merging(["alpha": String(alpha)]) { a, _ in a } }

    public func trainLabel(_ matrix: FeatureMatrix, label: Int, rows: [Int], validation: LabelValidation?,
                           progress: ProgressReporter) -> LabelWeights {
        let (pos, neg) = matrix.classCounts(label: label, rows: rows)
        guard pos > 0 && neg > 0 else {
            return singleClassFallback(label: matrix.labels[label], bucketCount: matrix.bucketCount, positives: pos, negatives: neg,
                                       rows: rows.count)
        }
        let weights = matrix.sourceRowWeights(label: label, rows: rows, weighting: options.sourceWeighting, scales: options.sourceScales)
        let r = NaiveBayesTrainer.logCountRatio(matrix, label: label, rows: rows, alpha: alpha, rowWeights: weights)
        return LogisticSGD(options: options).fit(matrix, label: label, rows: rows, validation: validation, featureScale: r,
                                                 progress: progress)
    }
}
