import Classifier
import TextFeatures

/// Writes the seed model files for the FuzzModel target into the directory given as argument:
/// the smallest valid models (2^10 buckets), with and without document frequencies.
let dir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
let config = FeatureConfig(bucketBits: 10)
for (name, labels, withDF) in [("one-label-df.ttl", ["non_idiomatic"], true),
                               ("three-labels.ttl", ["non_idiomatic", "mixed_zh_en", "off_topic"], false)] {
    var w = LinearWeights(bucketCount: config.bucketCount, labelCount: labels.count)
    for b in stride(from: 0, to: config.bucketCount, by: 37) {
        for l in 0..<labels.count { w.setWeight(Float((b * 7 + l) % 11) - 5, bucket: b, label: l) }
    }
    w.bias = labels.map { _ in -1 }
    var header = ModelHeader(labels: labels, features: config, needsParent: labels.contains("off_topic") ? ["off_topic"] : [])
    if labels.count == 3 { header.calibration = [.identity, .platt(a: 1.5, b: -0.5), .isotonic(x: [-2, 0, 2], y: [0.1, 0.5, 0.9])] }
    let df = withDF ? DocumentFrequencies(bits: 4, documents: 100, counts: (0..<16).map { UInt32($0 * 3) }) : nil
    do {
        try Model(header: header, weights: w, documentFrequencies: df).write(to: dir + "/" + name)
        print("wrote \(dir)/\(name)")
    } catch {
        print("cannot write \(name): \(error)")
    }
}
