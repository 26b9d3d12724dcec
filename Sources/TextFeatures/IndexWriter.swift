/// Appends bucket indices to a growable buffer it owns while a family is hashed.
struct IndexWriter {
    var base: UnsafeMutablePointer<UInt32>
    var capacity: Int
    var count = 0
    let mask: UInt64
    /// Size of the indicator region; a text bucket that falls in it moves up by `region`.
    let region: UInt64

    init(base: UnsafeMutablePointer<UInt32>, capacity: Int, mask: UInt64, region: UInt64) {
        self.region = region
        self.base = base
        self.capacity = capacity
        self.mask = mask
    }

    /// Makes room for `extra` more indices.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    /// Appends the bucket of `h` (room must have been reserved).
    @inline(__always)
    mutating func append(_ h: UInt64) {
        var b = (h ^ (h >> 32)) & mask
        if b < region { b |= region }
        base[count] = UInt32(truncatingIfNeeded: b)
        count &+= 1
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
