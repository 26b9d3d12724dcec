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
        let best = profile.letters.indices.max { profile.letters[$0] < profile.letters[$1] }!
        return Script(rawValue: best)
    }
}

extension TextShape {
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
                    if !firstLetterSeen && UTF8Scalar.isAlphabetic(v) { firstLetterSeen = true }
                    // Joiners, skin tones and tags continue the emoji before them.
                    if !(v == 0x200D || (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0xE0020 && v <= 0xE007F)) { previousWasEmoji = false }
                }
            }
        }
        var j = text.count - 1
        while j >= 0 && (text[j] == 0x20 || text[j] == 0x0A || text[j] == 0x0D || text[j] == 0x22) { j -= 1 }
        endsWithPeriod = j >= 0 && text[j] == UInt8(ascii: ".")
    }
}
