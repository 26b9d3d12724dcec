import TextFeatures

/// A trained Telltale model: header (labels, feature configuration, calibration, provenance,
/// metrics), linear weights and the document frequencies used by pair features.
///
/// Built in memory by a trainer (`init(header:weights:documentFrequencies:)`, which keeps one
/// aligned copy of the weights) or loaded from a model file (`Model.load(path:)`, which scores
/// straight from the memory-mapped file). Immutable and safe to share between threads; give each
/// thread its own `Scorer`.
public final class Model: @unchecked Sendable {
    public let header: ModelHeader
    public let documentFrequencies: DocumentFrequencies?
    /// Hash buckets (a power of two, = `header.features.bucketCount`).
    public let bucketCount: Int
    /// Real labels (= `header.labels.count`).
    public let labelCount: Int
    /// Lanes per bucket in the weights (a multiple of 4, ≥ `labelCount`).
    public let stride: Int
    /// Weights and bias the scoring core reads (an owned copy or a file mapping).
    let storage: WeightStorage
    /// The trainer's own weights, kept for models built in memory (nil for loaded models).
    private let ownedWeights: LinearWeights?

    /// A model built in memory. The shapes must agree (labels, buckets, stride, bias, calibration,
    /// thresholds, top features, document-frequency counts): a mismatch is a programming error and
    /// stops the program with a message naming it (see `Model.shapeProblem`).
    public init(header: ModelHeader, weights: LinearWeights, documentFrequencies: DocumentFrequencies?) {
        if let problem = Model.shapeProblem(header: header, weights: weights, documentFrequencies: documentFrequencies) {
            preconditionFailure("inconsistent Model: \(problem)")
        }
        self.header = header
        self.documentFrequencies = documentFrequencies
        bucketCount = weights.bucketCount
        labelCount = weights.labelCount
        stride = weights.stride
        storage = WeightStorage(copying: weights)
        ownedWeights = weights
    }

    /// A model whose weights live in `storage` (the file loader).
    init(header: ModelHeader, storage: WeightStorage, bucketCount: Int, labelCount: Int, stride: Int,
         documentFrequencies: DocumentFrequencies?) {
        self.header = header
        self.documentFrequencies = documentFrequencies
        self.bucketCount = bucketCount
        self.labelCount = labelCount
        self.stride = stride
        self.storage = storage
        ownedWeights = nil
    }

    /// Label names in weight-lane order.
    public var labels: [String] { header.labels }

    /// Lane of `label`, or nil if the model has no such label.
    public func labelIndex(_ label: String) -> Int? { header.labels.firstIndex(of: label) }

    /// The weights as a `LinearWeights` value. For a loaded model this COPIES them out of the
    /// mapping (bucketCount × stride floats): fine for inspection and retraining, but score through
    /// `Scorer` or `scoringCore`, which read the mapping directly.
    public var weights: LinearWeights {
        if let ownedWeights { return ownedWeights }
        return LinearWeights(bucketCount: bucketCount, labelCount: labelCount, stride: stride,
                             weights: Array(storage.weights), bias: Array(storage.bias))
    }

    /// The scoring core over this model's weights. It keeps the model's storage (and so the file
    /// mapping) alive for as long as it exists.
    public var scoringCore: ScoringCore {
        ScoringCore(validated: storage.weights, bias: storage.bias, bucketCount: bucketCount,
                    labelCount: labelCount, stride: stride, owner: storage)
    }

    /// What is wrong with these parts as one model, or nil if they fit together. Checked when a
    /// model is built, written and loaded.
    public static func shapeProblem(header: ModelHeader, weights: LinearWeights,
                                    documentFrequencies: DocumentFrequencies?) -> String? {
        if let p = shapeProblem(bucketCount: weights.bucketCount, labelCount: weights.labelCount, stride: weights.stride) {
            return p
        }
        if weights.weights.count != weights.bucketCount * weights.stride {
            return "weights hold \(weights.weights.count) floats, expected bucketCount × stride = \(weights.bucketCount * weights.stride)"
        }
        if weights.bias.count != weights.labelCount {
            return "bias holds \(weights.bias.count) floats, expected one per label (\(weights.labelCount))"
        }
        return headerProblem(header, bucketCount: weights.bucketCount, labelCount: weights.labelCount)
            ?? documentFrequencies.flatMap(dfProblem)
    }

    static func shapeProblem(bucketCount: Int, labelCount: Int, stride: Int) -> String? {
        if bucketCount < 1 || bucketCount > 1 << 24 || bucketCount & (bucketCount - 1) != 0 {
            return "bucket count \(bucketCount) is not a power of two between 1 and 2^24"
        }
        if labelCount < 1 || labelCount > 256 { return "label count \(labelCount) is not between 1 and 256" }
        if stride < labelCount || stride % 4 != 0 || stride > 256 {
            return "stride \(stride) is not a multiple of 4 between the label count (\(labelCount)) and 256"
        }
        return nil
    }

    static func headerProblem(_ h: ModelHeader, bucketCount: Int, labelCount: Int) -> String? {
        let n = h.labels.count
        if n != labelCount { return "header lists \(n) labels but the weights have \(labelCount)" }
        if Set(h.labels).count != n { return "header lists a label twice: \(h.labels)" }
        if h.features.bucketCount != bucketCount {
            return "feature config has \(h.features.bucketCount) buckets (bucketBits \(h.features.bucketBits)) but the weights have \(bucketCount)"
        }
        if h.calibration.count != n { return "header has \(h.calibration.count) calibrations for \(n) labels" }
        if h.thresholds.count != n { return "header has \(h.thresholds.count) thresholds for \(n) labels" }
        if h.topFeatures.count != n { return "header has \(h.topFeatures.count) top-feature lists for \(n) labels" }
        if let unknown = h.needsParent.first(where: { !h.labels.contains($0) }) {
            return "needsParent names `\(unknown)`, which is not a label (\(h.labels.joined(separator: ", ")))"
        }
        for (label, gate) in (h.gates ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !h.labels.contains(label) { return "gates names `\(label)`, which is not a label (\(h.labels.joined(separator: ", ")))" }
            if let p = gate.problem { return "gate of `\(label)`: \(p)" }
        }
        if let i = h.thresholds.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            return "threshold \(h.thresholds[i]) of `\(h.labels[i])` is not a probability between 0 and 1"
        }
        for (i, c) in h.calibration.enumerated() {
            if let p = c.problem { return "calibration of `\(h.labels[i])`: \(p)" }
        }
        return nil
    }

    static func dfProblem(_ df: DocumentFrequencies) -> String? {
        if df.bits < 0 || df.bits > 24 { return "document-frequency bits \(df.bits) not between 0 and 24" }
        if df.counts.count != 1 << df.bits {
            return "document frequencies hold \(df.counts.count) counts, expected 2^\(df.bits)"
        }
        return nil
    }
}
