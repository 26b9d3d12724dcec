/// Appends bucket indices to a growable buffer it owns while a family is hashed.
struct IndexWriter {
    /// The indices written so far (the extractor's scratch, handed back by `endFamily`).
    var buffer: GrowableBuffer<UInt32>
    let mask: UInt64
    /// Size of the indicator region; a text bucket that falls in it moves up by `region`.
    let region: UInt64

    init(buffer: GrowableBuffer<UInt32>, mask: UInt64, region: UInt64) {
        self.buffer = buffer
        self.buffer.count = 0
        self.mask = mask
        self.region = region
    }

    /// Number of indices written (set back to drop the last ones).
    @inline(__always)
    var count: Int {
        get { buffer.count }
        set { buffer.count = newValue }
    }

    /// Makes room for `extra` more indices.
    @inline(__always)
    mutating func reserve(_ extra: Int) { buffer.reserve(extra) }

    /// Appends the bucket of `h` (room must have been reserved).
    @inline(__always)
    mutating func append(_ h: UInt64) {
        var b = (h ^ (h >> 32)) & mask
        if b < region { b |= region }
        buffer.appendReserved(UInt32(truncatingIfNeeded: b))
    }
}
