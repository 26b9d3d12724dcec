import TextFeatures

/// The vectorised scoring core: raw linear scores (log-odds before calibration) of sparse hashed
/// feature vectors for every label at once.
///
/// Weights are feature-major with labels interleaved and padded to `stride` lanes
/// (`weights[bucket * stride + label]`), so each active feature costs one SIMD4 (stride 4) or
/// SIMD8 (stride 8) load, multiplied by the feature value and added to the accumulator:
/// `score[l] = bias[l] + Σ_i weights[bucket(i) * stride + l] * values[i]`. Larger strides (any
/// multiple of 4) take SIMD4 steps. Indices are masked with `bucketCount - 1`, so no vector, however
/// malformed, can read outside the weights. Nothing is allocated per post.
///
/// A core made from a `Model` (`model.scoringCore`) keeps the model's weights alive; one made from
/// raw buffers is valid only while the caller keeps those buffers alive. Read-only: share freely.
public struct ScoringCore: @unchecked Sendable {
    public let weights: UnsafeBufferPointer<Float>
    public let bias: UnsafeBufferPointer<Float>
    public let bucketCount: Int
    public let labelCount: Int
    public let stride: Int
    private let mask: Int
    /// Keeps the memory behind `weights` and `bias` alive (nil: the caller does).
    private let owner: AnyObject?

    /// A core over caller-owned buffers, after checking their shapes agree.
    public init(weights: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
                bucketCount: Int, labelCount: Int, stride: Int) throws(ScoringCoreError) {
        if let p = Model.shapeProblem(bucketCount: bucketCount, labelCount: labelCount, stride: stride) {
            throw .invalidShape(p)
        }
        guard weights.count >= bucketCount * stride, weights.baseAddress != nil else {
            throw .invalidShape("weights hold \(weights.count) floats, need bucketCount × stride = \(bucketCount * stride)")
        }
        guard bias.count >= labelCount else { throw .invalidShape("bias holds \(bias.count) floats, need \(labelCount)") }
        self.init(validated: weights, bias: bias, bucketCount: bucketCount, labelCount: labelCount, stride: stride, owner: nil)
    }

    init(validated weights: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
         bucketCount: Int, labelCount: Int, stride: Int, owner: AnyObject?) {
        self.weights = weights
        self.bias = bias
        self.bucketCount = bucketCount
        self.labelCount = labelCount
        self.stride = stride
        mask = bucketCount - 1
        self.owner = owner
    }

    /// Raw scores of one sparse vector into `scores[0..<labelCount]` (`scores` must hold at least
    /// `labelCount` floats). Uses the first `min(indices.count, values.count)` entries; repeated
    /// indices add up.
    public func score(indices: UnsafeBufferPointer<UInt32>, values: UnsafeBufferPointer<Float>,
                      into scores: UnsafeMutableBufferPointer<Float>) {
        precondition(scores.count >= labelCount, "ScoringCore.score needs room for \(labelCount) scores, got \(scores.count)")
        let n = min(indices.count, values.count)
        guard n > 0 else {
            for l in 0..<labelCount { scores[l] = bias[l] }
            return
        }
        kernel(indices.baseAddress!, values.baseAddress!, n, scores.baseAddress!)
    }

    /// Raw scores of `vector` into `scores`, resized to `labelCount` (no allocation once it has
    /// the capacity).
    public func score(_ vector: FeatureVector, into scores: inout [Float]) {
        if scores.count != labelCount { scores = [Float](repeating: 0, count: labelCount) }
        vector.indices.withUnsafeBufferPointer { idx in
            vector.values.withUnsafeBufferPointer { val in
                scores.withUnsafeMutableBufferPointer { score(indices: idx, values: val, into: $0) }
            }
        }
    }

    /// Scores many posts stored CSR-style: post `p` is entries `offsets[p]..<offsets[p + 1]` of
    /// `indices` and `values`; its raw scores go to `scores[p * labelCount ..< (p + 1) * labelCount]`.
    /// `offsets` has one more element than there are posts. Checks the offsets and the output size
    /// first and throws before scoring anything if they are wrong.
    public func scoreBatch(indices: UnsafeBufferPointer<UInt32>, values: UnsafeBufferPointer<Float>,
                           offsets: UnsafeBufferPointer<Int>, into scores: UnsafeMutableBufferPointer<Float>) throws(ScoringCoreError) {
        let posts = max(offsets.count - 1, 0)
        guard scores.count >= posts * labelCount else { throw .outputTooSmall(needed: posts * labelCount, available: scores.count) }
        guard posts > 0 else { return }
        let entries = min(indices.count, values.count)
        var previous = 0
        for p in 0...posts {
            let o = offsets[p]
            guard o >= previous, o <= entries else {
                throw .invalidOffsets(post: p, reason: o < previous ? "offset \(o) is below the previous offset \(previous)"
                                      : "offset \(o) is past the \(entries) entries")
            }
            previous = o
        }
        let out = scores.baseAddress!
        for p in 0..<posts {
            let start = offsets[p], n = offsets[p + 1] - start
            let dst = out + p * labelCount
            if n == 0 {
                for l in 0..<labelCount { dst[l] = bias[l] }
            } else {
                kernel(indices.baseAddress! + start, values.baseAddress! + start, n, dst)
            }
        }
    }

    /// bias + Σ weights·value over n ≥ 1 entries, into out[0..<labelCount].
    @inline(__always)
    private func kernel(_ idx: UnsafePointer<UInt32>, _ val: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Float>) {
        switch stride {
        case 4: kernel4(idx, val, n, out)
        case 8: kernel8(idx, val, n, out)
        default: kernelWide(idx, val, n, out)
        }
    }

    private func kernel4(_ idx: UnsafePointer<UInt32>, _ val: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Float>) {
        let base = UnsafeRawPointer(weights.baseAddress!)
        // Two accumulators halve the add dependency chain.
        var a = SIMD4<Float>(), b = SIMD4<Float>()
        var i = 0
        // Wrapping index arithmetic: i < n, so no overflow check is needed (a third of the loop).
        while i &+ 1 < n {
            let r0 = Int(idx[i]) & mask, r1 = Int(idx[i &+ 1]) & mask
            a += base.loadUnaligned(fromByteOffset: r0 &* 16, as: SIMD4<Float>.self) * SIMD4(repeating: val[i])
            b += base.loadUnaligned(fromByteOffset: r1 &* 16, as: SIMD4<Float>.self) * SIMD4(repeating: val[i &+ 1])
            i &+= 2
        }
        if i < n {
            a += base.loadUnaligned(fromByteOffset: (Int(idx[i]) & mask) &* 16, as: SIMD4<Float>.self) * SIMD4(repeating: val[i])
        }
        let sum = a + b
        for l in 0..<labelCount { out[l] = bias[l] + sum[l] }
    }

    private func kernel8(_ idx: UnsafePointer<UInt32>, _ val: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Float>) {
        let base = UnsafeRawPointer(weights.baseAddress!)
        var a = SIMD8<Float>(), b = SIMD8<Float>()
        var i = 0
        // Wrapping index arithmetic: i < n, so no overflow check is needed (a third of the loop).
        while i &+ 1 < n {
            let r0 = Int(idx[i]) & mask, r1 = Int(idx[i &+ 1]) & mask
            a += base.loadUnaligned(fromByteOffset: r0 &* 32, as: SIMD8<Float>.self) * SIMD8(repeating: val[i])
            b += base.loadUnaligned(fromByteOffset: r1 &* 32, as: SIMD8<Float>.self) * SIMD8(repeating: val[i &+ 1])
            i &+= 2
        }
        if i < n {
            a += base.loadUnaligned(fromByteOffset: (Int(idx[i]) & mask) &* 32, as: SIMD8<Float>.self) * SIMD8(repeating: val[i])
        }
        let sum = a + b
        for l in 0..<labelCount { out[l] = bias[l] + sum[l] }
    }

    /// Any stride that is a multiple of 4: SIMD4 steps across the row, accumulators on the stack.
    private func kernelWide(_ idx: UnsafePointer<UInt32>, _ val: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Float>) {
        let base = UnsafeRawPointer(weights.baseAddress!)
        let chunks = stride / 4, rowBytes = stride * 4
        withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: chunks) { acc in
            acc.initialize(repeating: SIMD4<Float>())
            for i in 0..<n {
                let row = (Int(idx[i]) & mask) &* rowBytes
                let v = SIMD4<Float>(repeating: val[i])
                for c in 0..<chunks {
                    acc[c] += base.loadUnaligned(fromByteOffset: row + c * 16, as: SIMD4<Float>.self) * v
                }
            }
            for l in 0..<labelCount { out[l] = bias[l] + acc[l / 4][l % 4] }
        }
    }
}

/// Why the scoring core refused its input.
public enum ScoringCoreError: Error, Equatable, CustomStringConvertible {
    /// The weights or bias do not have the declared shape.
    case invalidShape(String)
    /// `offsets` is not a non-decreasing list within the entries (`post` is the offending offset's index).
    case invalidOffsets(post: Int, reason: String)
    /// The output buffer cannot hold posts × labelCount scores.
    case outputTooSmall(needed: Int, available: Int)

    public var description: String {
        switch self {
        case .invalidShape(let m): return "scoring core: \(m)"
        case .invalidOffsets(let p, let r): return "scoring batch: offsets[\(p)] is invalid: \(r)"
        case .outputTooSmall(let n, let a): return "scoring batch: the output holds \(a) floats but \(n) are needed (posts × labels)"
        }
    }
}
