import TextFeatures

/// When a label applies to a post at all, decided from the post's script make-up before the
/// linear score is looked at. A label is defined on some kinds of text only: `mixed_zh_en` needs
/// Mandarin (Han, not Japanese or Korean) AND English, `non_idiomatic` needs English. Outside its
/// gate a label gets `outside` instead of a probability: `.zero` (a definite no: the post is not
/// mixed Mandarin-English) or `.null` (not applicable, like `off_topic` without a parent; never a
/// guess).
///
/// A post passes when every condition holds (counts from `ScriptSummary`: nothing inside links,
/// @handles and e-mails counts, and of hashtags only their CJK letters):
/// - kana + Hangul letters ≤ `maxKanaHangulShare` of the CJK letters (Han + kana + Hangul);
/// - Han characters ≥ `minHan`;
/// - Latin words (2+ letters) ≥ `minLatinWords`;
/// - Latin words ≥ `minLatinWordShare` of all words (Latin + other scripts).
///
/// Stored in the model header (`ModelHeader.gates`), so a model trained on other data can change
/// or drop its gates; `mandarinEnglish` and `mostlyEnglish` are the presets `train` writes.
public struct LabelGate: Codable, Sendable, Equatable {
    /// What a post outside the gate scores.
    public enum Outcome: String, Codable, Sendable {
        /// Probability 0: the label is a definite no.
        case zero
        /// No probability (JSON `null`): the label does not apply.
        case null
    }

    /// Name of the rule, for people (`mandarin-english`, `mostly-english`, or your own).
    public var rule: String
    public var outside: Outcome
    public var minHan: Int
    public var minLatinWords: Int
    /// Largest share of kana + Hangul among CJK letters (1: no limit).
    public var maxKanaHangulShare: Double
    /// Smallest share of Latin words among all words (0: no limit).
    public var minLatinWordShare: Double

    public init(rule: String, outside: Outcome, minHan: Int = 0, minLatinWords: Int = 0,
                maxKanaHangulShare: Double = 1, minLatinWordShare: Double = 0) {
        self.rule = rule
        self.outside = outside
        self.minHan = minHan
        self.minLatinWords = minLatinWords
        self.maxKanaHangulShare = maxKanaHangulShare
        self.minLatinWordShare = minLatinWordShare
    }

    /// Mandarin and English in one post: ≥ 2 Han characters, ≥ 1 English word, and kana/Hangul at
    /// most 10 % of the CJK letters (a stray `の` in Chinese is tolerated; Japanese sentences run
    /// well above a third kana, Korean is almost all Hangul). Outside: probability 0.
    public static let mandarinEnglish = LabelGate(rule: "mandarin-english", outside: .zero, minHan: 2, minLatinWords: 1,
                                                  maxKanaHangulShare: 0.1)

    /// Mostly English: ≥ 3 Latin words, and at least half of all words Latin. Outside: null.
    public static let mostlyEnglish = LabelGate(rule: "mostly-english", outside: .null, minLatinWords: 3, minLatinWordShare: 0.5)

    /// The preset gates by rule name (for `telltale train --gate label=rule`).
    public static let presets: [String: LabelGate] = [mandarinEnglish.rule: mandarinEnglish, mostlyEnglish.rule: mostlyEnglish]

    /// The gates `train` writes by default, by label name: `mixed_zh_en` → mandarin-english,
    /// `non_idiomatic` → mostly-english. Other labels have none.
    public static let defaults: [String: LabelGate] = ["mixed_zh_en": mandarinEnglish, "non_idiomatic": mostlyEnglish]

    /// Whether a post with these counts passes, and if not, the first condition it fails.
    @inline(__always)
    public func verdict(_ s: ScriptSummary) -> GateVerdict {
        let cjk = Int(s.han) + Int(s.kana) + Int(s.hangul)
        let foreign = Int(s.kana) + Int(s.hangul)
        if foreign > 0 && Double(foreign) > maxKanaHangulShare * Double(cjk) {
            return s.hangul > s.kana ? .korean : .japanese
        }
        if Int(s.han) < minHan { return .tooFewHan }
        if Int(s.latinWords) < minLatinWords { return .tooFewLatinWords }
        let words = Int(s.latinWords) + Int(s.otherWords)
        if minLatinWordShare > 0 && Double(s.latinWords) < minLatinWordShare * Double(words) { return .mostlyOtherScript }
        return .applies
    }

    /// Why a post with this verdict is outside the gate, as a reason line
    /// ("gate: Korean (hangul) text is not Mandarin"); nil when it applies.
    public func reason(_ v: GateVerdict, _ s: ScriptSummary) -> String? {
        switch v {
        case .applies: return nil
        case .japanese: return "gate: Japanese (kana) text is not Mandarin"
        case .korean: return "gate: Korean (hangul) text is not Mandarin"
        case .tooFewHan:
            return s.han == 0 ? "gate: no Han character outside links and handles (needs \(minHan))"
                : "gate: only \(s.han) Han character\(s.han == 1 ? "" : "s") outside links and handles (needs \(minHan))"
        case .tooFewLatinWords:
            return s.latinWords == 0 ? "gate: no English word outside links, handles and hashtags (needs \(minLatinWords))"
                : "gate: only \(s.latinWords) English word\(s.latinWords == 1 ? "" : "s") outside links, handles and hashtags (needs \(minLatinWords))"
        case .mostlyOtherScript:
            return "gate: not mostly English (\(s.latinWords) of \(Int(s.latinWords) + Int(s.otherWords)) words are Latin-script)"
        }
    }

    /// What is wrong with these settings, or nil.
    public var problem: String? {
        if minHan < 0 || minLatinWords < 0 { return "minHan and minLatinWords must not be negative" }
        if !(maxKanaHangulShare >= 0 && maxKanaHangulShare <= 1) { return "maxKanaHangulShare \(maxKanaHangulShare) is not between 0 and 1" }
        if !(minLatinWordShare >= 0 && minLatinWordShare <= 1) { return "minLatinWordShare \(minLatinWordShare) is not between 0 and 1" }
        return nil
    }
}

/// Whether a label's gate lets a post through, and if not, which condition it failed first.
public enum GateVerdict: UInt8, Sendable, Equatable {
    /// The label applies (or has no gate).
    case applies
    /// Kana above the tolerance: Japanese.
    case japanese
    /// Hangul above the tolerance: Korean.
    case korean
    /// Too few Han characters.
    case tooFewHan
    /// Too few Latin words.
    case tooFewLatinWords
    /// Latin words are not the required share of the words.
    case mostlyOtherScript
}
