import Testing
import TextFeatures
@testable import Classifier
import Train

/// The plain scalar definition the vectorised core must agree with, plus Σ|w·v| for the tolerance.
func referenceScores(_ w: LinearWeights, _ v: FeatureVector) -> (scores: [Float], magnitude: Float) {
    var scores = w.bias
    var magnitude: Float = 0
    for (i, index) in v.indices.enumerated() {
        for l in 0..<w.labelCount {
            let term = w.weight(bucket: Int(index), label: l) * v.values[i]
            scores[l] += term
            magnitude += abs(term)
        }
    }
    return (scores, magnitude)
}

@Suite struct ScoringCoreTests {
    @Test(arguments: [(4, 3), (4, 4), (8, 3), (8, 5), (8, 8), (16, 11)])
    func agreesWithScalarReference(stride: Int, labels: Int) {
        let model = TestModels.random(seed: UInt64(stride * 100 + labels), stride: stride, labelCount: labels)
        let w = model.weights
        let core = model.scoringCore
        var rng = SplitMix64(seed: UInt64(labels))
        var scores: [Float] = []
        for _ in 0..<200 {
            let v = TestModels.randomVector(&rng, bucketCount: model.bucketCount)
            core.score(v, into: &scores)
            let (expected, magnitude) = referenceScores(w, v)
            #expect(scores.count == labels)
            for l in 0..<labels {
                #expect(abs(scores[l] - expected[l]) <= 1e-5 * (1 + magnitude), "label \(l), \(v.count) features")
            }
        }
    }

    @Test(arguments: [4, 8])
    func batchEqualsOneByOne(stride: Int) throws {
        let model = TestModels.random(seed: 77, stride: stride)
        let core = model.scoringCore
        var rng = SplitMix64(seed: 78)
        let vectors = (0..<40).map { _ in TestModels.randomVector(&rng, bucketCount: model.bucketCount) }
        let indices = vectors.flatMap(\.indices), values = vectors.flatMap(\.values)
        var offsets = [0]
        for v in vectors { offsets.append(offsets.last! + v.count) }
        var batch = [Float](repeating: .nan, count: vectors.count * 3)
        try indices.withUnsafeBufferPointer { i in
            try values.withUnsafeBufferPointer { v in
                try offsets.withUnsafeBufferPointer { o in
                    try batch.withUnsafeMutableBufferPointer { try core.scoreBatch(indices: i, values: v, offsets: o, into: $0) }
                }
            }
        }
        var single: [Float] = []
        for (p, v) in vectors.enumerated() {
            core.score(v, into: &single)
            #expect(Array(batch[(p * 3)..<(p * 3 + 3)]) == single)
        }
    }

    @Test func emptyVectorScoresTheBias() {
        let model = TestModels.random(seed: 1)
        var scores: [Float] = []
        model.scoringCore.score(FeatureVector(), into: &scores)
        #expect(scores == model.weights.bias)
    }

    @Test func outOfRangeIndicesAreMaskedNotRead() {
        let model = TestModels.random(seed: 2)
        var a: [Float] = [], b: [Float] = []
        let n = UInt32(model.bucketCount)
        model.scoringCore.score(FeatureVector(indices: [5 + n, UInt32.max, 7 &+ 1000 * n], values: [1, 0.5, -1]), into: &a)
        model.scoringCore.score(FeatureVector(indices: [5, n - 1, 7], values: [1, 0.5, -1]), into: &b)
        #expect(a == b)
    }

    @Test func mismatchedIndexAndValueCountsUseTheShorter() {
        let model = TestModels.random(seed: 3)
        var a: [Float] = [], b: [Float] = []
        model.scoringCore.score(FeatureVector(indices: [1, 2, 3], values: [0.5]), into: &a)
        model.scoringCore.score(FeatureVector(indices: [1], values: [0.5]), into: &b)
        #expect(a == b)
    }

    @Test func batchRejectsBadOffsetsAndSmallOutput() {
        let model = TestModels.random(seed: 4)
        let core = model.scoringCore
        let indices: [UInt32] = [1, 2, 3], values: [Float] = [1, 1, 1]
        func run(_ offsets: [Int], outputs: Int) -> ScoringCoreError? {
            var out = [Float](repeating: 0, count: outputs)
            do throws(ScoringCoreError) {
                try indices.withUnsafeBufferPointer { i throws(ScoringCoreError) in
                    try values.withUnsafeBufferPointer { v throws(ScoringCoreError) in
                        try offsets.withUnsafeBufferPointer { o throws(ScoringCoreError) in
                            try out.withUnsafeMutableBufferPointer { o2 throws(ScoringCoreError) in
                                try core.scoreBatch(indices: i, values: v, offsets: o, into: o2)
                            }
                        }
                    }
                }
                return nil
            } catch { return error }
        }
        #expect(run([0, 2, 3], outputs: 6) == nil)
        #expect(run([0, 4], outputs: 3) == .invalidOffsets(post: 1, reason: "offset 4 is past the 3 entries"))
        #expect(run([0, 2, 1], outputs: 6) == .invalidOffsets(post: 2, reason: "offset 1 is below the previous offset 2"))
        #expect(run([-1, 2], outputs: 3) != nil)
        #expect(run([0, 1, 3], outputs: 5) == .outputTooSmall(needed: 6, available: 5))
        #expect(run([], outputs: 0) == nil)
    }

    @Test func coreFromRawBuffersChecksShapes() {
        let weights = [Float](repeating: 1, count: 16 * 4), bias: [Float] = [0, 0, 0]
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                #expect(throws: ScoringCoreError.self) { try ScoringCore(weights: w, bias: b, bucketCount: 32, labelCount: 3, stride: 4) }
                #expect(throws: ScoringCoreError.self) { try ScoringCore(weights: w, bias: b, bucketCount: 12, labelCount: 3, stride: 4) }
                #expect(throws: ScoringCoreError.self) { try ScoringCore(weights: w, bias: b, bucketCount: 16, labelCount: 4, stride: 4) }
                #expect(throws: ScoringCoreError.self) { try ScoringCore(weights: w, bias: b, bucketCount: 16, labelCount: 3, stride: 3) }
                #expect(throws: Never.self) { try ScoringCore(weights: w, bias: b, bucketCount: 16, labelCount: 3, stride: 4) }
            }
        }
    }
}
