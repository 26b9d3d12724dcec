import CICU

/// Coarse script of a letter, as Telltale needs it.
public enum Script: Int, Sendable, CaseIterable {
    case latin = 0, han, kana, hangul, cyrillic, greek, other

    /// Script of a code point, or nil for digits, punctuation, symbols, emoji and marks.
    @inline(__always)
    public static func of(_ v: UInt32) -> Script? {
        if v < 0x80 { return (v &- 0x61 < 26 || v &- 0x41 < 26) ? .latin : nil }
        // Fast paths for the common blocks (all assigned, one script each).
        if v >= 0x4E00 && v <= 0x9FFF { return .han }
        if v >= 0xAC00 && v <= 0xD7A3 { return .hangul }
        if v >= 0x3041 && v <= 0x3096 { return .kana }
        if v >= 0x30A1 && v <= 0x30FA { return .kana }
        if v >= 0x0430 && v <= 0x044F { return .cyrillic }
        switch tt_script_class(Int32(bitPattern: v)) {
        case Int32(TT_SCRIPT_LATIN): return .latin
        case Int32(TT_SCRIPT_HAN): return .han
        case Int32(TT_SCRIPT_HIRAGANA), Int32(TT_SCRIPT_KATAKANA): return .kana
        case Int32(TT_SCRIPT_HANGUL): return .hangul
        case Int32(TT_SCRIPT_CYRILLIC): return .cyrillic
        case Int32(TT_SCRIPT_GREEK): return .greek
        case Int32(TT_SCRIPT_OTHER): return .other
        default: return nil
        }
    }
}

/// The script make-up of one post: which scripts its letters come from, how often it switches,
/// whether Han text sits inside English sentences (or the reverse), and the punctuation habits of
/// Chinese typing. Links, @handles, hashtags and e-mails are left out, so `中国加油 https://x.co`
/// is not mixed. Any kana means Japanese; Hangul means Korean.
public struct ScriptProfile: Equatable, Sendable {
    /// Letters per `Script` (index = `Script.rawValue`), stored inline: a profile is made for
    /// every post, so it holds no array.
    var letterCounts = InlineCounts()
    /// Letters per `Script` (index = `Script.rawValue`).
    public var letters: [Int] { Script.allCases.map { letterCounts[$0.rawValue] } }
    /// Latin words of at least two letters outside links, handles, hashtags and e-mails.
    public var latinWords = 0
    /// Words of another script outside links, handles, hashtags and e-mails: Chinese and Japanese
    /// dictionary words (`美国`, `です`), Korean, Cyrillic, Greek... words (tokens with a non-Latin
    /// letter and fewer than two Latin ones). With `latinWords`, says which script's words dominate.
    public var otherWords = 0
    /// Tokens ICU calls numbers because they hold digits but that have at least two Latin letters
    /// (`mp3`, `gm45`, `tensorflow2.0`), outside links, handles, hashtags and e-mails. Not in
    /// `latinWords` (the hashed indicators count letter tokens only); label gates add them.
    public var latinAlphanumerics = 0
    /// Maximal runs of one script (letters only; digits, spaces and punctuation do not break a run).
    public var runs = 0
    /// Han runs with Latin runs on both sides (`the 美国 democracy`).
    public var hanInsideLatin = 0
    /// Latin runs with Han runs on both sides (`美国的 democracy 只是`).
    public var latinInsideHan = 0
    /// `，：！（）` and `。、「」《》` typed in the post.
    public var cjkPunctuation = 0
    /// Hashtags that contain Han characters (`#美国#`).
    public var hanHashtags = 0
    /// Han, kana and Hangul letters inside hashtags (`letters` skips every span): `#美国#` is
    /// Chinese the author typed, `#東京オリンピック` Japanese.
    public var hanInHashtags = 0, kanaInHashtags = 0, hangulInHashtags = 0
    /// Links, handles, hashtags, e-mails (index = `SpanKind.rawValue`), stored inline.
    var spanCounts = InlineCounts()
    /// Links, handles, hashtags, e-mails (index = `SpanKind.rawValue`).
    public var spans: [Int] { SpanKind.allCases.map { spanCounts[Int($0.rawValue)] } }

    public init() {}

    public func count(_ s: Script) -> Int { letterCounts[s.rawValue] }
    /// Links, handles, hashtags or e-mails of `kind`.
    public func count(_ kind: SpanKind) -> Int { spanCounts[Int(kind.rawValue)] }
    public var totalLetters: Int {
        var t = 0
        for s in 0..<Script.allCases.count { t += letterCounts[s] }
        return t
    }
    /// Share of letters in script `s` (0 when there are no letters).
    public func share(_ s: Script) -> Double { totalLetters == 0 ? 0 : Double(count(s)) / Double(totalLetters) }
    /// Script switches between consecutive runs.
    public var switches: Int { max(0, runs - 1) }
    /// Japanese: any kana.
    public var isJapanese: Bool { count(.kana) > 0 }
    /// Korean: any Hangul.
    public var isKorean: Bool { count(.hangul) > 0 }
    /// The rule the corpora were labelled by: ≥ 2 Han characters, no kana or Hangul, and at least
    /// one Latin word outside links/handles/hashtags/e-mails.
    public var looksMixedMandarinEnglish: Bool { count(.han) >= 2 && !isJapanese && !isKorean && latinWords >= 1 }

    /// Profiles normalised UTF-8 `text`, whose `tokens` and `spans` were found by `Segmenter` and
    /// `SpecialSpans`; `report` carries punctuation counts seen before normalisation.
    public init(text: UnsafeBufferPointer<UInt8>, tokens: [Token], spans found: [SpecialSpan], report: NormalizationReport) {
        cjkPunctuation = report.cjkPunctuation + report.fullWidthPunctuation
        for s in found {
            spanCounts[Int(s.kind.rawValue)] += 1
            if s.kind == .hashtag && s.hasHan { hanHashtags += 1 }
            if s.kind == .hashtag {
                var j = s.start
                while j < min(s.end, text.count) {
                    guard text[j] >= 0x80 else { j += 1; continue }
                    let (v, len) = UTF8Scalar.decode(text, j)
                    switch Script.of(v) {
                    case .han: hanInHashtags += 1
                    case .kana: kanaInHashtags += 1
                    case .hangul: hangulInHashtags += 1
                    default: break
                    }
                    j += len
                }
            }
        }
        // Letters and runs, skipping spans. Only the last two runs are kept: a run is "inside"
        // when the runs on both sides have the other script. Scripts are Int codes here (-1: none).
        var counts = (latin: 0, han: 0, kana: 0, hangul: 0, cyrillic: 0, greek: 0, other: 0)
        var last = -1, beforeLast = -1
        var runCount = 0, hanInLatin = 0, latinInHan = 0
        let latinCode = Script.latin.rawValue, hanCode = Script.han.rawValue
        var position = 0
        var spanIndex = 0
        let n = text.count
        while position < n {
            let stop = spanIndex < found.count ? min(found[spanIndex].start, n) : n
            var i = position
            while i < stop {
                // Eight ASCII bytes at a time: all their letters are Latin, one run at most.
                if i + 8 <= stop {
                    let w = UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 == 0 {
                        let lower = w | 0x2020_2020_2020_2020
                        let letterBits = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505) & 0x8080_8080_8080_8080
                        if letterBits != 0 {
                            counts.latin += TextShape.countHighBits(letterBits)
                            if last != latinCode {
                                if last == hanCode && beforeLast == latinCode { hanInLatin += 1 }
                                beforeLast = last
                                last = latinCode
                                runCount += 1
                            }
                        }
                        i += 8
                        continue
                    }
                }
                let b = text[i]
                let code: Int
                if b < 0x80 {
                    i += 1
                    guard (b | 0x20) &- 0x61 < 26 else { continue }
                    code = latinCode
                    counts.latin += 1
                } else {
                    let (v, len) = UTF8Scalar.decode(text, i)
                    i += len
                    guard let script = Script.of(v) else { continue }
                    code = script.rawValue
                    switch script {
                    case .latin: counts.latin += 1
                    case .han: counts.han += 1
                    case .kana: counts.kana += 1
                    case .hangul: counts.hangul += 1
                    case .cyrillic: counts.cyrillic += 1
                    case .greek: counts.greek += 1
                    case .other: counts.other += 1
                    }
                }
                if code != last {
                    // `last` is now complete, with `beforeLast` before it and `code` after it.
                    if last == hanCode && beforeLast == latinCode && code == latinCode { hanInLatin += 1 }
                    if last == latinCode && beforeLast == hanCode && code == hanCode { latinInHan += 1 }
                    beforeLast = last
                    last = code
                    runCount += 1
                }
            }
            guard spanIndex < found.count else { break }
            position = max(i, found[spanIndex].end)
            spanIndex += 1
        }
        letterCounts = InlineCounts(counts.latin, counts.han, counts.kana, counts.hangul, counts.cyrillic, counts.greek, counts.other)
        runs = runCount
        hanInsideLatin = hanInLatin
        latinInsideHan = latinInHan
        // Latin and other words outside spans.
        var sp = 0
        var words = 0, others = 0, alphanumerics = 0
        for t in tokens {
            while sp < found.count && found[sp].end <= Int(t.start) { sp += 1 }
            if sp < found.count && found[sp].start < Int(t.end) && Int(t.start) < found[sp].end { continue }
            // Dictionary (Han, kana) words have no Latin letter.
            if t.kind == .kana || t.kind == .ideographic { others += 1; continue }
            var latin = 0
            var foreign = false
            var j = Int(t.start)
            while j < Int(t.end) && latin < 2 {
                let b = text[j]
                if b < 0x80 {
                    if b &- 0x61 < 26 || b &- 0x41 < 26 { latin += 1 }
                    j += 1
                } else {
                    let (v, len) = UTF8Scalar.decode(text, j)
                    if let script = Script.of(v) {
                        if script == .latin { latin += 1 } else { foreign = true }
                    }
                    j += len
                }
            }
            if t.kind == .number {
                if latin >= 2 { alphanumerics += 1 }
            } else if latin >= 2 {
                words += 1
            } else if foreign {
                others += 1
            }
        }
        latinWords = words
        otherWords = others
        latinAlphanumerics = alphanumerics
    }
}

/// Up to eight counters held inline (no heap allocation): `ScriptProfile`'s letters per script
/// and spans per kind. Unused counters stay 0.
struct InlineCounts: Equatable, Sendable {
    private var c: InlineArray<8, Int>

    init(_ c0: Int = 0, _ c1: Int = 0, _ c2: Int = 0, _ c3: Int = 0, _ c4: Int = 0, _ c5: Int = 0, _ c6: Int = 0) {
        c = [c0, c1, c2, c3, c4, c5, c6, 0]
    }

    subscript(i: Int) -> Int {
        get { c[i] }
        set { c[i] = newValue }
    }

    static func == (a: InlineCounts, b: InlineCounts) -> Bool {
        for i in 0..<8 where a.c[i] != b.c[i] { return false }
        return true
    }
}
