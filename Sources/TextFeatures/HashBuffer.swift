/// A growable buffer of 64-bit hashes that a family fills token by token without `Array.append`'s
/// uniqueness check per element (the skeleton family's token sequence). Owned and freed by its
/// `FeatureExtractor`; reused from post to post.
struct HashBuffer {
    private(set) var base: UnsafeMutablePointer<UInt64>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(_ h: UInt64) {
        if count == capacity { grow() }
        base[count] = h
        count &+= 1
    }

    /// The last hash appended (the buffer must not be empty).
    @inline(__always)
    var last: UInt64 { base[count - 1] }

    @inline(__always)
    subscript(i: Int) -> UInt64 { base[i] }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
