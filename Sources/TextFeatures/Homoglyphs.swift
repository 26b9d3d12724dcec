import CICU

/// Maps Cyrillic and Greek look-alike letters to the Latin letter they imitate (`р` → `p`), using
/// ICU's confusable skeletons (UTS #39), but only where they hide inside Latin text: in a word that
/// also has Latin letters, or in an all-look-alike word of a post written mostly in Latin letters.
/// Genuine Russian or Greek text is left alone.
///
/// It runs on case-folded text, so a lower-case letter also stands for its capital: Cyrillic `т`
/// maps to `t` because `Т` looks like `T` (`МАКЕ` → `make`). Two Greek capitals look like another
/// letter than their lower case: `Υ` (and the symbol `ϒ`) like `Y` but `υ` like `u`, `Ν` like `N`
/// but `ν` like `v`. Before case folding they are marked (`markCapitals`: each replaced by a
/// noncharacter that folding keeps), and `mapToLatin` reads a mark as `y` / `n` in Latin text and
/// puts `υ` / `ν` back elsewhere (what folding would have made of them).
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

    /// `latin(for:)`, and for a capital's mark its letter when `marks` (`markCapitals` ran).
    @inline(__always)
    private static func latin(for v: UInt32, marks: Bool) -> UInt8 {
        if marks && isMark(v) { return v == upsilonMark ? UInt8(ascii: "y") : UInt8(ascii: "n") }
        return latin(for: v)
    }

    @inline(__always)
    private static func isMark(_ v: UInt32) -> Bool { v == upsilonMark || v == nuMark }

    /// Noncharacters that stand for `Υ` and `Ν` between `markCapitals` and `mapToLatin`.
    static let upsilonMark: UInt32 = 0xFDD0
    static let nuMark: UInt32 = 0xFDD1
    /// The capitals that are marked: `Ν`, `Υ` and `ϒ` (the upsilon-with-hook symbol, which folds
    /// to `υ` too). No other capital of the table's range looks like another Latin letter than its
    /// lower case does (a test checks that against ICU).
    static let markedCapitals: [UInt32] = [0x039D, 0x03A5, 0x03D2]

    /// The last byte of the mark (U+FDD0 / U+FDD1 are EF B7 90 / 91) for a marked capital whose
    /// two bytes start at `i` and that no combining mark follows; nil otherwise.
    @inline(__always)
    private static func markByte(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8? {
        guard i + 1 < t.count else { return nil }
        switch (t[i], t[i + 1]) {
        case (0xCE, 0xA5), (0xCF, 0x92): return startsWithCombiningMark(t, i + 2) ? nil : 0x90
        case (0xCE, 0x9D): return startsWithCombiningMark(t, i + 2) ? nil : 0x91
        default: return nil
        }
    }

    /// `input` with each marked capital (`markedCapitals`) not followed by a combining mark
    /// replaced by its mark; nil when none is replaced. The caller makes sure the input holds no
    /// noncharacter of the marks' block (U+FDC0 ... U+FDFF; the `Normalizer`'s scan tells).
    /// Everything before byte `from` is ASCII (copied as it is).
    static func markCapitals(_ input: UnsafeBufferPointer<UInt8>, from: Int = 0) -> [UInt8]? {
        var out = Array(input[0..<from])
        out.reserveCapacity(input.count + 16)
        var replaced = false
        var i = from
        while i < input.count {
            if let m = markByte(input, i) {
                out += [0xEF, 0xB7, m]
                replaced = true
                i += 2
            } else {
                out.append(input[i])
                i += 1
            }
        }
        return replaced ? out : nil
    }

    /// True when a combining diacritical mark (U+0300...U+036F, which composes with the letter
    /// before it, `Ύ`) starts at byte `i`.
    @inline(__always)
    private static func startsWithCombiningMark(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 1 < t.count else { return false }
        return t[i] == 0xCC || (t[i] == 0xCD && t[i + 1] < 0xB0)
    }

    /// UTF-8 of the letter a mark stands for once folded (`υ`, `ν`), for a mark left unmapped.
    @inline(__always)
    private static func foldedLetter(forMark v: UInt32) -> (UInt8, UInt8) { v == upsilonMark ? (0xCF, 0x85) : (0xCE, 0xBD) }

    /// Replaces hidden look-alikes in case-folded UTF-8 `text`, in place; with `marks` (the text was
    /// marked by `markCapitals` before folding), a mark is read as its capital's letter or put back
    /// as `υ` / `ν`. Returns how many letters were replaced.
    static func mapToLatin(_ text: inout [UInt8], marks: Bool = false) -> Int {
        // Every candidate is a two-byte sequence with lead byte 0xCD...0xD4, or a capital's mark
        // (U+FDD0, U+FDD1: lead byte 0xEF).
        guard text.contains(where: { $0 &- 0xCD < 8 || (marks && $0 == 0xEF) }) else { return 0 }
        let (replaced, length) = text.withUnsafeMutableBufferPointer { buf -> (Int, Int) in
            let ro = UnsafeBufferPointer(buf)
            // Letter counts as they will be once words that already have Latin letters are mapped,
            // so that a second pass decides the same way (normalisation is idempotent).
            var latinLetters = 0, otherLetters = 0, candidates = 0
            var i = 0
            while i < ro.count {
                let (v, len) = UTF8Scalar.decode(ro, i)
                guard isWordScalar(v, marks: marks) else { i += len; continue }
                var latinCount = 0, other = 0, mappable = 0
                while i < ro.count {
                    let (w, wl) = UTF8Scalar.decode(ro, i)
                    guard isWordScalar(w, marks: marks) else { break }
                    if isDigit(w) { } else if isLatinLetter(w) { latinCount += 1 } else if latin(for: w, marks: marks) != 0 { other += 1; mappable += 1 } else { other += 1 }
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
                guard isWordScalar(v, marks: marks) else {
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
                    guard isWordScalar(w, marks: marks) else { break }
                    if isDigit(w) { } else if isLatinLetter(w) { hasLatin = true } else if latin(for: w, marks: marks) != 0 { anyMappable = true } else { allMappable = false }
                    end += wl
                }
                let mapWord = anyMappable && (hasLatin || (allMappable && mostlyLatin))
                while read < end {
                    let (w, wl) = UTF8Scalar.decode(ro, read)
                    let m = mapWord ? latin(for: w, marks: marks) : 0
                    if m != 0 {
                        buf[write] = m
                        write += 1
                        replaced += 1
                    } else if marks && isMark(w) {
                        (buf[write], buf[write + 1]) = foldedLetter(forMark: w)
                        write += 2
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

    /// A Latin letter: ASCII, or accented (Latin-1 Supplement and Latin Extended-A/B, U+00C0 ...
    /// U+024F but × and ÷), so `pré` with a Cyrillic `р` is Latin text too. Only called on letters
    /// and digits.
    @inline(__always)
    private static func isLatinLetter(_ v: UInt32) -> Bool {
        (v | 0x20) &- 0x61 < 26 || (v &- 0xC0 < 0x190 && v != 0xD7 && v != 0xF7)
    }

    @inline(__always)
    private static func isWordScalar(_ v: UInt32, marks: Bool) -> Bool { isDigit(v) || isLetter(v) || (marks && isMark(v)) }

    @inline(__always)
    private static func isLetter(_ v: UInt32) -> Bool {
        v != UTF8Scalar.replacement && UTF8Scalar.isAlphabetic(v)
    }
}
