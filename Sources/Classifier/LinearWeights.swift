import TextFeatures

/// The one thing every trainer produces: a weight per (hashed feature, label) plus a bias per
/// label, stored feature-major with labels interleaved and padded to `stride` (a multiple of the
/// SIMD width), so one SIMD load per active feature updates every label at once.
///
/// `weights[bucket * stride + labelIndex]`; padding lanes are zero.
public struct LinearWeights: Sendable, Equatable {
    /// Number of hash buckets (a power of two, = `FeatureConfig.bucketCount`).
    public var bucketCount: Int
    /// Number of real labels.
    public var labelCount: Int
    /// Labels padded to this many lanes (4 or 8).
    public var stride: Int
    /// bucketCount × stride floats.
    public var weights: [Float]
    /// One bias per label (labelCount).
    public var bias: [Float]

    /// Smallest SIMD-friendly stride that holds `labels` labels.
    public static func stride(forLabels labels: Int) -> Int { labels <= 4 ? 4 : ((labels + 7) / 8) * 8 }

    /// All-zero weights.
    public init(bucketCount: Int, labelCount: Int) {
        self.bucketCount = bucketCount
        self.labelCount = labelCount
        stride = LinearWeights.stride(forLabels: labelCount)
        weights = [Float](repeating: 0, count: bucketCount * stride)
        bias = [Float](repeating: 0, count: labelCount)
    }

    public init(bucketCount: Int, labelCount: Int, stride: Int, weights: [Float], bias: [Float]) {
        self.bucketCount = bucketCount
        self.labelCount = labelCount
        self.stride = stride
        self.weights = weights
        self.bias = bias
    }

    @inlinable
    public func weight(bucket: Int, label: Int) -> Float { weights[bucket * stride + label] }

    @inlinable
    public mutating func setWeight(_ w: Float, bucket: Int, label: Int) { weights[bucket * stride + label] = w }
}

/// Maps a raw linear score (log-odds) to a calibrated probability, fitted per label on held-out data.
public enum Calibration: Codable, Sendable, Equatable {
    /// Plain logistic: p = 1 / (1 + exp(-z)).
    case identity
    /// Platt scaling: p = 1 / (1 + exp(-(a·z + b))).
    case platt(a: Double, b: Double)
    /// Isotonic regression: piecewise-linear through (x[i], y[i]), x ascending (raw scores).
    case isotonic(x: [Double], y: [Double])
}

/// One of a model's strongest features for a label, with its readable name (for `inspect` and for
/// explanations when the post's own names are not recorded).
public struct NamedFeature: Codable, Sendable, Equatable {
    public var bucket: UInt32
    public var weight: Float
    public var name: String

    public init(bucket: UInt32, weight: Float, name: String) {
        self.bucket = bucket
        self.weight = weight
        self.name = name
    }
}

/// Where a model came from: enough to rebuild it byte for byte.
public struct Provenance: Codable, Sendable, Equatable {
    /// Training files with their SHA-256 (or FNV-1a-64 hex) and row counts.
    public var data: [DataFile]
    public var algorithm: String
    public var seed: UInt64
    /// Trainer options as text (epochs, l2, learning rate, class weights...).
    public var options: [String: String]
    /// ISO 8601 time of training; scripts that need byte-identical models set it from the data.
    public var trainedAt: String
    /// Telltale and ICU versions.
    public var software: [String: String]

    public struct DataFile: Codable, Sendable, Equatable {
        public var path: String
        public var hash: String
        public var rows: Int
        public init(path: String, hash: String, rows: Int) {
            self.path = path
            self.hash = hash
            self.rows = rows
        }
    }

    public init(data: [DataFile] = [], algorithm: String = "", seed: UInt64 = 0, options: [String: String] = [:],
                trainedAt: String = "", software: [String: String] = [:]) {
        self.data = data
        self.algorithm = algorithm
        self.seed = seed
        self.options = options
        self.trainedAt = trainedAt
        self.software = software
    }
}

/// Everything in a model file besides the weights and document frequencies (the JSON header).
public struct ModelHeader: Codable, Sendable, Equatable {
    /// Label names in weight-lane order.
    public var labels: [String]
    public var features: FeatureConfig
    /// Per label (same order as `labels`).
    public var calibration: [Calibration]
    /// Default flag threshold per label (probability).
    public var thresholds: [Double]
    /// Strongest features per label (same order as `labels`), positive and negative.
    public var topFeatures: [[NamedFeature]]
    public var provenance: Provenance
    /// Dev-set metrics per label, e.g. ["non_idiomatic": ["roc_auc": 0.93, ...]].
    public var metrics: [String: [String: Double]]
    /// Labels that need a parent (pair features); they score null without one.
    public var needsParent: [String]
    /// Applicability gate per label name (`LabelGate`): outside it a label scores 0 or null. Optional
    /// in the file: models written before gates existed have none, and score every label on every post.
    public var gates: [String: LabelGate]?

    public init(labels: [String], features: FeatureConfig, calibration: [Calibration]? = nil, thresholds: [Double]? = nil,
                topFeatures: [[NamedFeature]]? = nil, provenance: Provenance = Provenance(),
                metrics: [String: [String: Double]] = [:], needsParent: [String] = [], gates: [String: LabelGate]? = nil) {
        self.labels = labels
        self.features = features
        self.calibration = calibration ?? labels.map { _ in .identity }
        self.thresholds = thresholds ?? labels.map { _ in 0.5 }
        self.topFeatures = topFeatures ?? labels.map { _ in [] }
        self.provenance = provenance
        self.metrics = metrics
        self.needsParent = needsParent
        self.gates = gates
    }

    /// The gate of each label in lane order (nil: none).
    public var laneGates: [LabelGate?] { labels.map { gates?[$0] } }
}
