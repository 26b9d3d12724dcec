import Classifier
import Foundation
import TextFeatures

/// A small model built by hand for CLI tests (no training involved): each label reacts to a
/// feature picked by its readable name, so expected outcomes are known.
///   non_idiomatic: word `regression` (+10; text features are scaled to unit norm), bias -2
///   mixed_zh_en:   "Han characters and English words together" (+6), bias -3
///   off_topic:     "no content word in common with parent" (+4), bias -2; needs a parent
enum TestModel {
    static let labels = ["non_idiomatic", "mixed_zh_en", "off_topic"]

    static let path: String = {
        let config = FeatureConfig(bucketBits: 12)
        let fx = FeatureExtractor(config: config)
        var w = LinearWeights(bucketCount: config.bucketCount, labelCount: 3)
        func bucket(_ text: String, parent: String? = nil, named name: String) -> Int {
            let v = fx.extract(text: text, parent: parent, names: true)
            guard let i = v.names.firstIndex(where: { $0.hasPrefix(name) }) else { return 0 }
            return Int(v.indices[i])
        }
        w.setWeight(10, bucket: bucket("live on regression", named: "word `regression`"), label: 0)
        w.setWeight(6, bucket: bucket("美国的 democracy", named: "Han characters and English words together"), label: 1)
        w.setWeight(4, bucket: bucket("police cooperation", parent: "belly fat lifting", named: "no content word in common"), label: 2)
        w.bias = [-2, -3, -2]
        let header = ModelHeader(labels: labels, features: config, needsParent: ["off_topic"])
        let model = Model(header: header, weights: w, documentFrequencies: nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-cli-test-\(ProcessInfo.processInfo.processIdentifier).model")
        do { try model.write(to: url.path) } catch { return "/nonexistent-test-model" }
        return url.path
    }()
}
