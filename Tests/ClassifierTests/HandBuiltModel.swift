import TextFeatures
@testable import Classifier

/// Small models whose weights are set by hand on named features, to check scoring end to end.
struct HandBuiltModel {
    static let config = FeatureConfig(bucketBits: 16)
    var header: ModelHeader
    var weights: LinearWeights
    private let extractor = FeatureExtractor(config: HandBuiltModel.config)

    init(labels: [String] = TestModels.labels, stride: Int? = nil, bias: Float = -3, needsParent: [String] = ["off_topic"]) {
        header = ModelHeader(labels: labels, features: HandBuiltModel.config, needsParent: needsParent)
        let s = stride ?? LinearWeights.stride(forLabels: labels.count)
        weights = LinearWeights(bucketCount: HandBuiltModel.config.bucketCount, labelCount: labels.count, stride: s,
                                weights: [Float](repeating: 0, count: HandBuiltModel.config.bucketCount * s),
                                bias: [Float](repeating: bias, count: labels.count))
    }

    /// The bucket of the feature called `name` when extracting `text` (and `parent`).
    func bucket(of name: String, in text: String, parent: String? = nil) -> UInt32? {
        let v = extractor.extract(text: text, parent: parent, names: true)
        return v.names.firstIndex(of: name).map { v.indices[$0] }
    }

    struct NoSuchFeature: Error { var name: String }

    /// Sets the weight of the feature `name` (as seen in `text`) for `label`; throws if `text` has no such feature.
    mutating func set(_ name: String, in text: String, parent: String? = nil, label: String, to w: Float) throws {
        guard let b = bucket(of: name, in: text, parent: parent), let l = header.labels.firstIndex(of: label) else {
            throw NoSuchFeature(name: name)
        }
        weights.setWeight(w, bucket: Int(b), label: l)
    }

    var model: Model { Model(header: header, weights: weights, documentFrequencies: nil) }
}
