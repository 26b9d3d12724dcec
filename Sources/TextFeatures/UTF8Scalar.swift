/// A small validating UTF-8 decoder for byte loops that must not allocate: the next scalar at a
/// byte offset and its length. Invalid or truncated sequences decode as U+FFFD of length 1, so a
/// scan always moves forward and never swallows the ASCII byte after a broken sequence.
enum UTF8Scalar {
    static let replacement: UInt32 = 0xFFFD

    @inline(__always)
    static func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(t[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = t.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n else { return nil }
            let b = t[k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 >= 0xC2 && b0 <= 0xDF {
            guard let c1 = cont(i + 1) else { return (replacement, 1) }
            return ((b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard let c1 = cont(i + 1), let c2 = cont(i + 2) else { return (replacement, 1) }
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            guard v >= 0x800, v < 0xD800 || v > 0xDFFF else { return (replacement, 1) }
            return (v, 3)
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return (replacement, 1) }
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard v >= 0x10000, v <= 0x10FFFF else { return (replacement, 1) }
            return (v, 4)
        }
        return (replacement, 1)
    }

    /// CJK Unified Ideographs (and extension A, the compatibility block and the supplementary
    /// ideographic planes).
    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x3134F) || (v >= 0xF900 && v <= 0xFAFF)
    }

    /// A letter or number (Unicode Alphabetic or any numeric type), with fast paths for ASCII and Han.
    @inline(__always)
    static func isWordCharacter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10 }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Unicode Alphabetic, with fast paths for ASCII and Han.
    @inline(__always)
    static func isAlphabetic(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }
}
