#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A logistic regression over named account features (`Campaign.AccountFeatures`): each feature is
/// standardised with the training mean and scale and clipped to ±`clip` standard deviations (an
/// account far outside the training accounts — e.g. one writing Chinese when every training
/// account wrote English — is not extrapolated into a huge push), weighted, summed with the bias
/// into log-odds, and mapped to a probability by the stored calibration. Small (tens of numbers) and
/// self-describing: the file (`AccountModelFile`) carries the feature names, the training recipe
/// and the cross-validated figures of its model card.
public struct AccountModel: Codable, Sendable, Equatable {
    /// What a positive account is (e.g. `state_linked`).
    public var label: String
    /// Feature names, in the order of `means`, `scales` and `weights`.
    public var features: [String]
    public var means: [Double]
    /// Standard deviations (1 for a feature that was constant in training).
    public var scales: [Double]
    public var weights: [Double]
    public var bias: Double
    /// Standardised values are clipped to −clip...clip (training and scoring alike).
    public var clip: Double
    public var calibration: Calibration
    /// How it was trained and how well it did (model card).
    public var card: AccountModelCard

    public init(label: String, features: [String], means: [Double], scales: [Double], weights: [Double], bias: Double,
                clip: Double, calibration: Calibration, card: AccountModelCard) {
        self.clip = clip
        self.label = label
        self.features = features
        self.means = means
        self.scales = scales
        self.weights = weights
        self.bias = bias
        self.calibration = calibration
        self.card = card
    }

    /// The standardised, clipped value of feature `j`.
    public func standardised(_ value: Double, _ j: Int) -> Double {
        min(clip, max(-clip, (value - means[j]) / scales[j]))
    }

    /// Per-feature contributions to the log-odds: weight × standardised value.
    public func contributions(_ values: [Double]) -> [Double] {
        (0..<features.count).map { weights[$0] * standardised(values[$0], $0) }
    }

    /// The raw log-odds of `values` (one per feature, in `features` order).
    public func rawScore(_ values: [Double]) -> Double {
        contributions(values).reduce(bias, +)
    }

    /// The calibrated probability of `values`.
    public func probability(_ values: [Double]) -> Double {
        calibration.probability(raw: rawScore(values))
    }

    /// Why the fields disagree (counts, non-finite numbers, non-positive scales), or nil.
    public var problem: String? {
        let n = features.count
        if n == 0 { return "it has no features" }
        if means.count != n || scales.count != n || weights.count != n {
            return "\(n) features but \(means.count) means, \(scales.count) scales and \(weights.count) weights"
        }
        if Set(features).count != n { return "a feature is listed twice" }
        for i in 0..<n {
            guard means[i].isFinite, weights[i].isFinite, scales[i].isFinite, scales[i] > 0 else {
                return "feature `\(features[i])` has a non-finite mean/weight or a scale that is not positive"
            }
        }
        if !bias.isFinite { return "the bias is not a finite number" }
        if !(clip > 0) { return "the clip \(clip) is not a positive number" }
        switch calibration {
        case .platt(let a, let b) where !a.isFinite || !b.isFinite || a < 0: return "the Platt calibration is not valid"
        case .isotonic(let x, let y) where x.count != y.count || x.isEmpty: return "the isotonic calibration is not valid"
        default: return nil
        }
    }
}

/// The account model's card: the training data, recipe and cross-validated figures.
public struct AccountModelCard: Codable, Sendable, Equatable {
    public var trainedOn: String
    public var authors: Int
    public var positives: Int
    public var posts: Int
    /// The post model whose scores fed the score features (file name and checksum).
    public var postModel: String?
    public var l2: Double
    public var folds: Int
    public var seed: UInt64
    public var minPosts: Int
    public var crossValidation: AccountCVFigures
    /// The hand formula on the same authors, for comparison.
    public var handFormulaROCAUC: Double?
    /// The features with the largest standardised weights, strongest first ("+name" / "-name").
    public var strongestFeatures: [String]

    public init(trainedOn: String, authors: Int, positives: Int, posts: Int, postModel: String?, l2: Double, folds: Int,
                seed: UInt64, minPosts: Int, crossValidation: AccountCVFigures, handFormulaROCAUC: Double?,
                strongestFeatures: [String]) {
        self.trainedOn = trainedOn
        self.authors = authors
        self.positives = positives
        self.posts = posts
        self.postModel = postModel
        self.l2 = l2
        self.folds = folds
        self.seed = seed
        self.minPosts = minPosts
        self.crossValidation = crossValidation
        self.handFormulaROCAUC = handFormulaROCAUC
        self.strongestFeatures = strongestFeatures
    }
}

/// Author-level figures of a cross-validation (out-of-fold probabilities of every author).
public struct AccountCVFigures: Codable, Sendable, Equatable {
    public var rocAUC: Double
    public var precisionAt10: Double
    public var precisionAt20: Double
    public var logLoss: Double

    public init(rocAUC: Double, precisionAt10: Double, precisionAt20: Double, logLoss: Double) {
        self.rocAUC = rocAUC
        self.precisionAt10 = precisionAt10
        self.precisionAt20 = precisionAt20
        self.logLoss = logLoss
    }
}
