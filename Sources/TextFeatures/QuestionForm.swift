/// What kind of answer a parent asks for, read from its first question word (English; lower-cased
/// normalised text): a yes/no question (`Is …`, `Can …`), a quantity (`How many/much/long …`), a
/// definition (`What is …`), a place, a person, a time, a reason or a way. Forum titles often ask
/// without a question word: those are `.other`.
public enum QuestionType: UInt8, Sendable, CaseIterable {
    case other, yesNo, quantity, what, place, person, time, reason, way

    /// Readable name for reasons.
    public var name: String {
        switch self {
        case .other: "other"
        case .yesNo: "yes/no"
        case .quantity: "how many/much"
        case .what: "what/which"
        case .place: "where"
        case .person: "who"
        case .time: "when"
        case .reason: "why"
        case .way: "how"
        }
    }

    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "am", "do", "does", "did", "can", "could",
                                           "should", "would", "will", "shall", "may", "might", "has", "have", "had", "must"]
    static let quantityWords: Set<String> = ["many", "much", "long", "old", "often", "far", "big", "tall", "soon"]

    /// The type of the first question word among the first `window` word tokens of `text`.
    public static func of(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], window: Int = 8) -> QuestionType {
        var seen = 0
        var i = 0
        while i < tokens.count && seen < window {
            let t = tokens[i]
            i += 1
            guard t.kind == .letter else { continue }
            seen += 1
            let w = word(text, t)
            switch w {
            case "what", "which": return .what
            case "where": return .place
            case "who", "whom", "whose": return .person
            case "when": return .time
            case "why": return .reason
            case "how":
                if i < tokens.count, tokens[i].kind == .letter, quantityWords.contains(word(text, tokens[i])) { return .quantity }
                return .way
            default:
                // An auxiliary opening the text (or a sentence-start after a title word or two).
                if seen <= 3 && auxiliaries.contains(w) { return .yesNo }
            }
        }
        return .other
    }

    @inline(__always)
    static func word(_ text: UnsafeBufferPointer<UInt8>, _ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[Int(t.start)..<Int(t.end)]), as: UTF8.self)
    }
}

/// How a reply opens and what it holds, as far as question type goes.
public struct AnswerForm: Equatable, Sendable {
    /// The first word says yes or no (`yes`, `no`, `nope`, `yeah`, `sure`, `not`, `never` ...).
    public var opensYesNo = false
    /// A number token anywhere in the reply.
    public var hasNumber = false

    public init() {}

    static let yesNo: Set<String> = ["yes", "no", "nope", "yeah", "yep", "yup", "sure", "not", "never", "absolutely",
                                     "definitely", "certainly", "correct", "true", "false", "probably", "unlikely", "nah"]

    public init(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
        if let first = tokens.first(where: { $0.kind == .letter || $0.kind == .ideographic }), first.kind == .letter {
            opensYesNo = AnswerForm.yesNo.contains(QuestionType.word(text, first))
        }
        hasNumber = tokens.contains { $0.kind == .number }
    }
}
