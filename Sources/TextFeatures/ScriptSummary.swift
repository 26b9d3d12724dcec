/// The few counts of a post that decide which labels apply to it (the label gates in
/// `Classifier`), taken from its `ScriptProfile`: CJK letters and words by script, all outside
/// links, @handles, #hashtags and e-mails — except CJK letters, which count inside hashtags too
/// (`#美国#` is Chinese the author typed; a handle or link is a name). Twenty bytes, so
/// training can keep one per row.
public struct ScriptSummary: Sendable, Equatable, Hashable {
    /// Han characters outside links, handles and e-mails (inside hashtags included).
    public var han: Int32
    /// Hiragana and katakana letters (Japanese), inside hashtags included.
    public var kana: Int32
    /// Hangul letters (Korean), inside hashtags included.
    public var hangul: Int32
    /// Latin words of at least two letters, digits allowed (`ScriptProfile.latinWords` +
    /// `latinAlphanumerics`: `MP3` is an English word here).
    public var latinWords: Int32
    /// Words of another script (`ScriptProfile.otherWords`): Chinese or Japanese dictionary words,
    /// Korean, Cyrillic, Greek... words.
    public var otherWords: Int32

    public init(han: Int32 = 0, kana: Int32 = 0, hangul: Int32 = 0, latinWords: Int32 = 0, otherWords: Int32 = 0) {
        self.han = han
        self.kana = kana
        self.hangul = hangul
        self.latinWords = latinWords
        self.otherWords = otherWords
    }
}

extension ScriptProfile {
    /// The counts label gates decide on (saturated at `Int32.max`).
    public var summary: ScriptSummary {
        func c(_ x: Int) -> Int32 { Int32(clamping: x) }
        return ScriptSummary(han: c(count(.han) + hanInHashtags), kana: c(count(.kana) + kanaInHashtags),
                             hangul: c(count(.hangul) + hangulInHashtags),
                             latinWords: c(latinWords + latinAlphanumerics), otherWords: c(otherWords))
    }
}
