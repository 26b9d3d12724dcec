/// Where a model's weights and bias live while it scores: either one 64-byte-aligned allocation
/// (models built in memory) or a read-only mapping of the model file (loaded models). Either way
/// the scoring core reads them through unsafe buffers that stay valid while this object lives.
final class WeightStorage: @unchecked Sendable {
    /// bucketCount × stride floats, feature-major.
    let weights: UnsafeBufferPointer<Float>
    /// labelCount floats.
    let bias: UnsafeBufferPointer<Float>
    private let allocation: UnsafeMutableRawPointer?
    private let mapping: MappedFile?

    /// One aligned copy of `linear`'s weights and bias.
    init(copying linear: LinearWeights) {
        let w = linear.weights.count, b = linear.bias.count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, (w + b) * 4), alignment: 64)
        let floats = raw.bindMemory(to: Float.self, capacity: w + b)
        linear.weights.withUnsafeBufferPointer { floats.initialize(from: $0.baseAddress!, count: w) }
        linear.bias.withUnsafeBufferPointer { (floats + w).initialize(from: $0.baseAddress!, count: b) }
        weights = UnsafeBufferPointer(start: floats, count: w)
        bias = UnsafeBufferPointer(start: floats + w, count: b)
        allocation = raw
        mapping = nil
    }

    /// Weights and bias read in place from `mapping` (little-endian hosts only; the loader checks).
    init(mapping: MappedFile, weightsOffset: Int, weightCount: Int, biasOffset: Int, biasCount: Int) {
        let base = mapping.bytes.baseAddress!
        weights = UnsafeBufferPointer(start: (base + weightsOffset).bindMemory(to: Float.self, capacity: weightCount), count: weightCount)
        bias = UnsafeBufferPointer(start: (base + biasOffset).bindMemory(to: Float.self, capacity: biasCount), count: biasCount)
        allocation = nil
        self.mapping = mapping
    }

    /// True when the weights are read in place from a model file.
    var isMapped: Bool { mapping != nil }

    deinit { allocation?.deallocate() }
}
