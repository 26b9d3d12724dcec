import Foundation
import TextFeatures
@testable import Classifier
import Train

enum TestModels {
    static let labels = ["non_idiomatic", "mixed_zh_en", "off_topic"]

    /// A model with random weights, every header field filled, and document frequencies.
    static func random(seed: UInt64, stride: Int = 4, labelCount: Int = 3, bucketBits: Int = 10,
                       withDocumentFrequencies: Bool = true) -> Model {
        var rng = SplitMix64(seed: seed)
        let labels = (0..<labelCount).map { $0 < TestModels.labels.count ? TestModels.labels[$0] : "label\($0)" }
        let buckets = 1 << bucketBits
        var w = LinearWeights(bucketCount: buckets, labelCount: labelCount, stride: stride,
                              weights: [Float](repeating: 0, count: buckets * stride), bias: [])
        for b in 0..<buckets { for l in 0..<labelCount { w.setWeight(Float.random(in: -1...1, using: &rng), bucket: b, label: l) } }
        w.bias = (0..<labelCount).map { _ in Float.random(in: -0.5...0.5, using: &rng) }
        let calibrations: [Calibration] = [.identity, .platt(a: 1.3, b: -0.2), .isotonic(x: [-2, 0, 2.5], y: [0.05, 0.5, 0.95])]
        let header = ModelHeader(
            labels: labels,
            features: FeatureConfig(bucketBits: bucketBits),
            calibration: (0..<labelCount).map { calibrations[$0 % 3] },
            thresholds: (0..<labelCount).map { 0.5 + 0.1 * Double($0 % 3) },
            topFeatures: (0..<labelCount).map { l in
                [NamedFeature(bucket: UInt32(l), weight: 0.1, name: "word `x\(l)`"),
                 NamedFeature(bucket: 7, weight: -0.3333333, name: "n-gram `a b`")]
            },
            provenance: Provenance(data: [.init(path: "train.jsonl", hash: "abc", rows: 12)], algorithm: "nblr", seed: 42,
                                   options: ["epochs": "5", "l2": "1e-6"], trainedAt: "2024-01-01T00:00:00Z",
                                   software: ["telltale": "test"]),
            metrics: ["non_idiomatic": ["roc_auc": 0.1 + 0.2, "f1": 1.0 / 3.0]],
            needsParent: labels.contains("off_topic") ? ["off_topic"] : [])
        var df: DocumentFrequencies? = nil
        if withDocumentFrequencies {
            df = DocumentFrequencies(bits: 8, documents: 1000, counts: (0..<256).map { _ in UInt32.random(in: 0...1000, using: &rng) })
        }
        return Model(header: header, weights: w, documentFrequencies: df)
    }

    /// Random sparse vectors with in-range indices (some repeated).
    static func randomVector(_ rng: inout SplitMix64, bucketCount: Int, maxLength: Int = 60) -> FeatureVector {
        let n = Int.random(in: 0...maxLength, using: &rng)
        return FeatureVector(indices: (0..<n).map { _ in UInt32.random(in: 0..<UInt32(bucketCount), using: &rng) },
                             values: (0..<n).map { _ in Float.random(in: -1...1, using: &rng) })
    }
}

/// A fresh directory under the system temporary directory, removed by `cleanUp`.
struct TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-classifier-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let p = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

func readBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

/// Recomputes the trailing checksum of model-file bytes (to test the checks behind it).
func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var b = bytes
    let sum = b.withUnsafeBytes { ModelChecksum.fnv1a64(UnsafeRawBufferPointer(rebasing: $0[..<(b.count - 8)])) }
    withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { b[b.count - 8 + k] = $0[k] } }
    return b
}

/// Loads `path` and returns the error it throws (nil if it loaded).
func loadError(_ path: String) -> ModelFileError? {
    do throws(ModelFileError) {
        _ = try Model.load(path: path)
        return nil
    } catch {
        return error
    }
}
