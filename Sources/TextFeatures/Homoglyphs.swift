import CICU

/// Maps Cyrillic and Greek look-alike letters to the Latin letter they imitate (`р` → `p`), using
/// ICU's confusable skeletons (UTS #39), but only where they hide inside Latin text: in a word that
/// also has Latin letters, or in an all-look-alike word of a post written mostly in Latin letters.
/// Genuine Russian or Greek text is left alone.
///
/// It runs on case-folded text, so a lower-case letter also stands for its capital: Cyrillic `т`
/// maps to `t` because `Т` looks like `T` (`МАКЕ` → `make`).
enum Homoglyphs {
    static let firstCodePoint: UInt32 = 0x0370
    static let lastCodePoint: UInt32 = 0x052F

    /// ASCII letter for each code point in `firstCodePoint...lastCodePoint`, or 0.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: Int(lastCodePoint - firstCodePoint + 1))
        var buf = [CChar](repeating: 0, count: 64)
        func latinSkeleton(_ cp: UInt32) -> UInt8? {
            let n = tt_confusable_skeleton(Int32(cp), &buf, 64)
            guard n == 1 else { return nil }
            let b = UInt8(bitPattern: buf[0])
            return (b | 0x20) &- 0x61 < 26 ? b : nil
        }
        for cp in firstCodePoint...lastCodePoint {
            guard let s = Unicode.Scalar(cp), s.properties.isLowercase else { continue }
            if let b = latinSkeleton(cp) {
                t[Int(cp - firstCodePoint)] = b | 0x20
            } else if let upper = s.properties.uppercaseMapping.unicodeScalars.first,
                      s.properties.uppercaseMapping.unicodeScalars.count == 1,
                      let b = latinSkeleton(upper.value), b &- 0x41 < 26 {
                // Skeletons spell a capital I as `l`; its lower case is `i`.
                t[Int(cp - firstCodePoint)] = b == UInt8(ascii: "l") || b == UInt8(ascii: "I") ? UInt8(ascii: "i") : b | 0x20
            }
        }
        return t
    }()

    @inline(__always)
    static func latin(for v: UInt32) -> UInt8 {
        guard v >= firstCodePoint && v <= lastCodePoint else { return 0 }
        return table[Int(v - firstCodePoint)]
    }

    /// Replaces hidden look-alikes in case-folded UTF-8 `text`, in place. Returns how many letters
    /// were replaced.
    static func mapToLatin(_ text: inout [UInt8]) -> Int {
        // Every candidate is a two-byte sequence with lead byte 0xCD...0xD4.
        guard text.contains(where: { $0 &- 0xCD < 8 }) else { return 0 }
        let (replaced, length) = text.withUnsafeMutableBufferPointer { buf -> (Int, Int) in
            let ro = UnsafeBufferPointer(buf)
            // Letter counts as they will be once words that already have Latin letters are mapped,
            // so that a second pass decides the same way (normalisation is idempotent).
            var latinLetters = 0, otherLetters = 0, candidates = 0
            var i = 0
            while i < ro.count {
                let (v, len) = UTF8Scalar.decode(ro, i)
                guard isWordScalar(v) else { i += len; continue }
                var latinCount = 0, other = 0, mappable = 0
                while i < ro.count {
                    let (w, wl) = UTF8Scalar.decode(ro, i)
                    guard isWordScalar(w) else { break }
                    if isDigit(w) { } else if w < 0x80 { latinCount += 1 } else if latin(for: w) != 0 { other += 1; mappable += 1 } else { other += 1 }
                    i += wl
                }
                candidates += mappable
                if latinCount > 0 { latinCount += mappable; other -= mappable }
                latinLetters += latinCount
                otherLetters += other
            }
            guard candidates > 0 else { return (0, buf.count) }
            let mostlyLatin = latinLetters > otherLetters
            var replaced = 0
            var read = 0, write = 0
            let n = ro.count
            while read < n {
                let (v, len) = UTF8Scalar.decode(ro, read)
                guard isWordScalar(v) else {
                    for k in 0..<len { buf[write + k] = buf[read + k] }
                    read += len
                    write += len
                    continue
                }
                // One word: a maximal run of letters and ASCII digits (digits join `a6х5` into one
                // word but are neither Latin nor foreign).
                var end = read
                var hasLatin = false, allMappable = true, anyMappable = false
                while end < n {
                    let (w, wl) = UTF8Scalar.decode(ro, end)
                    guard isWordScalar(w) else { break }
                    if isDigit(w) { } else if (w | 0x20) &- 0x61 < 26 { hasLatin = true } else if latin(for: w) != 0 { anyMappable = true } else { allMappable = false }
                    end += wl
                }
                let mapWord = anyMappable && (hasLatin || (allMappable && mostlyLatin))
                while read < end {
                    let (w, wl) = UTF8Scalar.decode(ro, read)
                    let m = mapWord ? latin(for: w) : 0
                    if m != 0 {
                        buf[write] = m
                        write += 1
                        replaced += 1
                    } else {
                        for k in 0..<wl { buf[write + k] = buf[read + k] }
                        write += wl
                    }
                    read += wl
                }
            }
            return (replaced, write)
        }
        text.removeLast(text.count - length)
        return replaced
    }

    @inline(__always)
    private static func isDigit(_ v: UInt32) -> Bool { v &- 0x30 < 10 }

    @inline(__always)
    private static func isWordScalar(_ v: UInt32) -> Bool { isDigit(v) || isLetter(v) }

    @inline(__always)
    private static func isLetter(_ v: UInt32) -> Bool {
        v != UTF8Scalar.replacement && UTF8Scalar.isAlphabetic(v)
    }
}
