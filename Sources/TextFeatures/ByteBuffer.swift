/// A growable byte buffer that a family fills without `Array.append`'s uniqueness check per byte
/// (the skeleton written out as text for `skelchars`). Owned and freed by its `FeatureExtractor`;
/// reused from post to post.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    /// Appends one byte (room must have been reserved).
    @inline(__always)
    mutating func append(_ b: UInt8) {
        base[count] = b
        count &+= 1
    }

    /// Appends `bytes` (room must have been reserved).
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Byte by byte: the words are short (function words), where a memcpy call costs more.
        var i = count
        for b in bytes { base[i] = b; i &+= 1 }
        count = i
    }

    /// The bytes written so far.
    var bytes: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: base, count: count) }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
