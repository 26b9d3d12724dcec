import Classifier
import TextFeatures
import Corpus

/// Finds each label's strongest features with readable names: the buckets with the largest
/// positive and negative weights, named by re-extracting a sample of training texts with
/// `names: true` and taking the name seen most often in each bucket (ties: alphabetically first).
/// Buckets never seen in the sample are passed over, so every entry has a name.
public struct TopFeatureFinder: Sendable {
    /// Features per sign per label (k strongest positive, then k strongest negative).
    public var count: Int
    /// Candidate buckets looked at per sign before giving up on unnamed ones.
    public var candidates: Int

    public init(count: Int = 20, candidates: Int = 1000) {
        self.count = count
        self.candidates = max(candidates, count)
    }

    /// Per label (in weight-lane order): up to `count` positive features by descending weight, then
    /// up to `count` negative ones by ascending weight.
    public func find(weights: LinearWeights, sample: [CorpusRecord], config: FeatureConfig,
                     documentFrequencies: DocumentFrequencies?) -> [[NamedFeature]] {
        guard count > 0 else { return (0..<weights.labelCount).map { _ in [] } }
        var positive: [[Int]] = [], negative: [[Int]] = []
        var wanted = Set<Int>()
        for l in 0..<weights.labelCount {
            let (p, n) = strongest(weights, label: l)
            positive.append(p)
            negative.append(n)
            wanted.formUnion(p)
            wanted.formUnion(n)
        }
        let names = namesOf(wanted, sample: sample, config: config, documentFrequencies: documentFrequencies)
        return (0..<weights.labelCount).map { l in
            let pick = { (buckets: [Int]) in
                buckets.lazy.compactMap { b in names[b].map { NamedFeature(bucket: UInt32(b), weight: weights.weight(bucket: b, label: l), name: $0) } }
                    .prefix(count)
            }
            return Array(pick(positive[l])) + Array(pick(negative[l]))
        }
    }

    /// The `candidates` buckets with the largest positive and the most negative weights (ties by bucket).
    func strongest(_ w: LinearWeights, label: Int) -> (positive: [Int], negative: [Int]) {
        var pos: [(Float, Int)] = [], neg: [(Float, Int)] = []
        for b in 0..<w.bucketCount {
            let x = w.weight(bucket: b, label: label)
            if x > 0 { pos.append((x, b)) } else if x < 0 { neg.append((x, b)) }
        }
        pos.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        neg.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return (pos.prefix(candidates).map(\.1), neg.prefix(candidates).map(\.1))
    }

    /// Most frequent readable name of each wanted bucket in the sample.
    func namesOf(_ wanted: Set<Int>, sample: [CorpusRecord], config: FeatureConfig,
                 documentFrequencies: DocumentFrequencies?) -> [Int: String] {
        let extractor = FeatureExtractor(config: config, documentFrequencies: documentFrequencies)
        var counts: [Int: [String: Int]] = [:]
        var v = FeatureVector()
        for r in sample {
            extractor.extract(text: r.text, parent: r.parent, into: &v, names: true)
            for (i, name) in zip(v.indices, v.names) where wanted.contains(Int(i)) {
                counts[Int(i), default: [:]][name, default: 0] += 1
            }
        }
        return counts.compactMapValues { byName in
            byName.min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }?.key
        }
    }
}
