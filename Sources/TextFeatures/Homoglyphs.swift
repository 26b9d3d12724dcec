import CICU

/// Maps Cyrillic and Greek look-alike letters to the Latin letter they imitate (`р` → `p`), using
/// ICU's confusable skeletons (UTS #39), but only where they hide inside Latin text: in a word that
/// also has Latin letters, or in an all-look-alike word of a post written mostly in Latin letters.
/// Genuine Russian or Greek text is left alone.
enum Homoglyphs {
    static let firstCodePoint: UInt32 = 0x0370
    static let lastCodePoint: UInt32 = 0x052F

    /// ASCII letter for each code point in `firstCodePoint...lastCodePoint`, or 0.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: Int(lastCodePoint - firstCodePoint + 1))
        var buf = [CChar](repeating: 0, count: 64)
        for cp in firstCodePoint...lastCodePoint {
            guard let s = Unicode.Scalar(cp), s.properties.isLowercase else { continue }
            let n = tt_confusable_skeleton(Int32(cp), &buf, 64)
            guard n == 1 else { continue }
            let b = UInt8(bitPattern: buf[0]) | 0x20
            if b >= 0x61 && b <= 0x7A { t[Int(cp - firstCodePoint)] = b }
        }
        return t
    }()

    @inline(__always)
    static func latin(for v: UInt32) -> UInt8 {
        guard v >= firstCodePoint && v <= lastCodePoint else { return 0 }
        return table[Int(v - firstCodePoint)]
    }

    /// Copies case-folded UTF-8 `text` into `out`, replacing hidden look-alikes. Returns how many
    /// letters were replaced.
    static func mapToLatin(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) -> Int {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(text.count)
        var scalars: [(value: UInt32, start: Int, end: Int)] = []
        var latinLetters = 0, otherLetters = 0, candidates = 0
        text.withUnsafeBufferPointer { buf in
            var decoder = UTF8()
            var it = buf.makeIterator()
            var offset = 0
            while case .scalarValue(let s) = decoder.decode(&it) {
                let len = UTF8.width(s)
                scalars.append((s.value, offset, offset + len))
                offset += len
                if s.value < 0x80 { if s.value &- 0x61 < 26 { latinLetters += 1 } }
                else if latin(for: s.value) != 0 { otherLetters += 1; candidates += 1 }
                else if s.properties.isAlphabetic { otherLetters += 1 }
            }
        }
        guard candidates > 0 else { out.append(contentsOf: text); return 0 }
        let mostlyLatin = latinLetters > otherLetters
        var replaced = 0
        var i = 0
        let base = text.startIndex
        while i < scalars.count {
            // One word: a maximal run of alphabetic scalars.
            guard isLetter(scalars[i].value) else {
                out.append(contentsOf: text[(base + scalars[i].start)..<(base + scalars[i].end)])
                i += 1
                continue
            }
            var j = i
            var hasLatin = false, allMappable = true, anyMappable = false
            while j < scalars.count && isLetter(scalars[j].value) {
                let v = scalars[j].value
                if v &- 0x61 < 26 { hasLatin = true } else if latin(for: v) != 0 { anyMappable = true } else { allMappable = false }
                j += 1
            }
            let mapWord = anyMappable && (hasLatin || (allMappable && mostlyLatin))
            for k in i..<j {
                let m = mapWord ? latin(for: scalars[k].value) : 0
                if m != 0 { out.append(m); replaced += 1 }
                else { out.append(contentsOf: text[(base + scalars[k].start)..<(base + scalars[k].end)]) }
            }
            i = j
        }
        return replaced
    }

    @inline(__always)
    private static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return v &- 0x61 < 26 || v &- 0x41 < 26 }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }
}
