/// The open-addressing slot table that `scripts/gen-word-concepts.py` and
/// `scripts/gen-word-vectors.py` write as a Swift raw string literal, read in place: one slot is
/// 9 base-64 digits (`'0' + d`, most significant first), 64 slots a line. A slot is 0 (empty) or
/// `tag << 22 | value`, where `tag` is the upper 32 bits of the key's hash (at least 1; a tag match
/// is taken as the key) and `value` what the table maps the key to. Probing starts at
/// `(h ^ h >> 29) & mask` and moves one slot at a time.
struct Base64Slots: @unchecked Sendable {
    // A pointer to the constant bytes of a string literal: immutable, valid for the whole run, so
    // sharing it between threads is safe.
    let text: UnsafePointer<UInt8>
    let mask: Int

    static let valueBits: UInt64 = 22

    @inline(__always)
    static func tag(_ h: UInt64) -> UInt64 { max(h >> 32, 1) }

    /// The `n`-digit base-64 number at `p`.
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<n { v = v << 6 | UInt64(p[i] &- 0x30) }
        return v
    }

    /// Slot `i` (0: empty).
    @inline(__always)
    func slot(_ i: Int) -> UInt64 { Base64Slots.digits(text + (i >> 6) * (64 * 9 + 1) + (i & 63) * 9, 9) }

    /// The value of the key with hash `h` (nil: not in the table).
    @inline(__always)
    func value(_ h: UInt64) -> Int? {
        let t = Base64Slots.tag(h)
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let v = slot(i)
            if v >> Base64Slots.valueBits == t { return Int(truncatingIfNeeded: v & ((1 << Base64Slots.valueBits) - 1)) }
            if v == 0 { return nil }
            i = (i &+ 1) & mask
        }
    }
}
