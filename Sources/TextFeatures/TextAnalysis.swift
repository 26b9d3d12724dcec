/// Everything TextFeatures learns about one text before hashing: the normalised bytes, tokens,
/// special spans, script profile and normalisation report. Reusable: `analyze` overwrites it.
public struct TextAnalysis: Sendable {
    /// NFKC-case-folded text with look-alikes mapped (UTF-8).
    public var normalized: [UInt8] = []
    public var tokens: [Token] = []
    public var spans: [SpecialSpan] = []
    public var report = NormalizationReport()
    public var profile = ScriptProfile()
    /// Shape of the original text (before case folding).
    public var shape = TextShape()

    public init() {}

    /// The normalised text as a String.
    public var normalizedText: String { String(decoding: normalized, as: UTF8.self) }

    /// Token strings (placeholders for spans are not applied here).
    public var tokenStrings: [String] {
        tokens.map { String(decoding: normalized[$0.range], as: UTF8.self) }
    }

    /// The most common letter script, or nil when the text has no letters.
    public var dominantScript: Script? {
        guard profile.totalLetters > 0 else { return nil }
        let letters = profile.letters
        let best = letters.indices.max { letters[$0] < letters[$1] }!
        return Script(rawValue: best)
    }
}

extension TextShape {
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Bytes of the ASCII word `w` in `lo...hi`.
    @inline(__always)
    static func count(_ w: UInt64, from lo: UInt8, through hi: UInt8) -> Int {
        let atLeastLo = w &+ ones &* UInt64(0x80 - lo)
        let aboveHi = w &+ ones &* UInt64(0x7F - hi)
        return countHighBits(atLeastLo & ~aboveHi & high)
    }

    /// Bytes of the ASCII word `w` equal to `c`.
    @inline(__always)
    static func count(_ w: UInt64, equalTo c: UInt8) -> Int {
        let x = w ^ (ones &* UInt64(c)) // zero where equal, all bytes < 0x80
        return 8 - countHighBits((x &+ ones &* 0x7F) & high)
    }

    /// Number of bytes of `m` with the high bit set (m has no other bits): a multiply sums them
    /// into the top byte (cheaper than a software popcount on baseline x86-64).
    @inline(__always)
    static func countHighBits(_ m: UInt64) -> Int {
        Int(truncatingIfNeeded: ((m >> 7) &* ones) >> 56)
    }

    /// Emoji presentation characters (fast paths for the blocks that have none).
    @inline(__always)
    static func isEmoji(_ v: UInt32) -> Bool {
        if v < 0x231A || (v >= 0x2C00 && v < 0x1F000) { return false } // no Emoji_Presentation there
        if v >= 0x1F300 && v <= 0x1FAFF { return true }
        return Unicode.Scalar(v)?.properties.isEmojiPresentation ?? false
    }
}

/// Surface shape of the original text: casing, digits, punctuation and emoji habits.
public struct TextShape: Equatable, Sendable {
    public var bytes = 0
    public var uppercase = 0
    public var lowercase = 0
    public var digits = 0
    public var exclamations = 0
    public var questions = 0
    public var emoji = 0
    public var startsLowercase = false
    public var endsWithPeriod = false
    public var newlines = 0

    public init() {}

    /// Measures `text` (original UTF-8).
    public init(_ text: UnsafeBufferPointer<UInt8>) {
        bytes = text.count
        var firstLetterSeen = false
        var previousWasEmoji = false
        var i = 0
        while i < text.count {
            // Eight ASCII bytes at a time once the first letter is known.
            if firstLetterSeen && i + 8 <= text.count {
                let w = UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & TextShape.high == 0 {
                    uppercase += TextShape.count(w, from: 0x41, through: 0x5A)
                    lowercase += TextShape.count(w, from: 0x61, through: 0x7A)
                    digits += TextShape.count(w, from: 0x30, through: 0x39)
                    exclamations += TextShape.count(w, equalTo: UInt8(ascii: "!"))
                    questions += TextShape.count(w, equalTo: UInt8(ascii: "?"))
                    newlines += TextShape.count(w, equalTo: UInt8(ascii: "\n"))
                    previousWasEmoji = false
                    i += 8
                    continue
                }
            }
            let b = text[i]
            if b < 0x80 {
                if b &- 0x41 < 26 { uppercase += 1; firstLetterSeen = true }
                else if b &- 0x61 < 26 { lowercase += 1; if !firstLetterSeen { firstLetterSeen = true; startsLowercase = true } }
                else if b &- 0x30 < 10 { digits += 1 }
                else if b == UInt8(ascii: "!") { exclamations += 1 }
                else if b == UInt8(ascii: "?") { questions += 1 }
                else if b == UInt8(ascii: "\n") { newlines += 1 }
                previousWasEmoji = false
                i += 1
            } else {
                let (v, len) = UTF8Scalar.decode(text, i)
                i += len
                if TextShape.isEmoji(v) {
                    emoji += 1
                    previousWasEmoji = true
                } else if v == 0xFE0F {
                    // A text-style symbol made emoji by the variation selector (`❤️`).
                    if !previousWasEmoji { emoji += 1 }
                    previousWasEmoji = true
                } else {
                    // Full-width, accented, Greek and Cyrillic letters have a case too (evasion
                    // with look-alikes must not change the casing habits seen here).
                    switch TextShape.letterCase(v) {
                    case 1: uppercase += 1; firstLetterSeen = true
                    case -1: lowercase += 1; if !firstLetterSeen { firstLetterSeen = true; startsLowercase = true }
                    default: if !firstLetterSeen && UTF8Scalar.isAlphabetic(v) { firstLetterSeen = true }
                    }
                    // Joiners, skin tones and tags continue the emoji before them.
                    if !(v == 0x200D || (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0xE0020 && v <= 0xE007F)) { previousWasEmoji = false }
                }
            }
        }
        // The last character before trailing blanks, quotes and emoji decoration (`Done. 🔥`).
        var j = text.count - 1
        while j >= 0 {
            let b = text[j]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x22 { j -= 1; continue }
            guard b >= 0x80 else { break }
            var s = j
            while s > 0 && text[s] & 0xC0 == 0x80 { s -= 1 }
            let v = UTF8Scalar.decode(text, s).value
            guard TextShape.isEmoji(v) || v == 0xFE0F || v == 0x200D || (v >= 0x1F3FB && v <= 0x1F3FF) else { break }
            j = s - 1
            // The variation selector makes the symbol before it an emoji (`❤️`): skip that too.
            if v == 0xFE0F && j >= 0 {
                while j > 0 && text[j] & 0xC0 == 0x80 { j -= 1 }
                j -= 1
            }
        }
        endsWithPeriod = j >= 0 && text[j] == UInt8(ascii: ".")
    }

    /// 1 for an upper-case letter, -1 for a lower-case one, 0 otherwise, for the non-ASCII letters
    /// that imitate Latin ones: full-width Latin, Latin-1 and Latin Extended, Greek and Cyrillic.
    @inline(__always)
    static func letterCase(_ v: UInt32) -> Int {
        if v >= 0xFF21 && v <= 0xFF3A { return 1 }
        if v >= 0xFF41 && v <= 0xFF5A { return -1 }
        guard v >= 0xC0 && v <= 0x52F, let p = Unicode.Scalar(v)?.properties else { return 0 }
        return p.isUppercase ? 1 : p.isLowercase ? -1 : 0
    }
}
