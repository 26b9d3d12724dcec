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

    static let auxiliaries = HashSet64(["is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should",
                                        "would", "will", "shall", "may", "might", "has", "have", "had", "must"].map { FeatureHash.hash($0) })
    static let quantityWords = HashSet64(["many", "much", "long", "old", "often", "far", "big", "tall", "soon"].map { FeatureHash.hash($0) })
    /// Question words and their types (compared by hash: no string is built per post).
    static let questionWords: [(UInt64, QuestionType)] = ([
        ("what", .what), ("which", .what), ("where", .place), ("who", .person), ("whom", .person), ("whose", .person),
        ("when", .time), ("why", .reason), ("how", .way),
    ] as [(String, QuestionType)]).map { (FeatureHash.hash($0.0), $0.1) }

    /// The type of the first question word among the first `window` word tokens of `text`.
    public static func of(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], window: Int = 8) -> QuestionType {
        var seen = 0
        var i = 0
        while i < tokens.count && seen < window {
            let t = tokens[i]
            i += 1
            guard t.kind == .letter else { continue }
            seen += 1
            let h = hash(text, t)
            if let q = questionWords.first(where: { $0.0 == h })?.1 {
                if q == .way, i < tokens.count, tokens[i].kind == .letter, quantityWords.contains(hash(text, tokens[i])) { return .quantity }
                return q
            }
            // An auxiliary opening the text (or a sentence-start after a title word or two).
            if seen <= 3 && auxiliaries.contains(h) { return .yesNo }
        }
        return .other
    }

    @inline(__always)
    static func hash(_ text: UnsafeBufferPointer<UInt8>, _ t: Token) -> UInt64 {
        FeatureHash.hash(UnsafeBufferPointer(rebasing: text[Int(t.start)..<Int(t.end)]))
    }
}

/// How a reply opens and what it holds, as far as question type goes.
public struct AnswerForm: Equatable, Sendable {
    /// The first word says yes or no (`yes`, `no`, `nope`, `yeah`, `sure`, `not`, `never` ...).
    public var opensYesNo = false
    /// A number token anywhere in the reply.
    public var hasNumber = false

    public init() {}

    static let yesNo = HashSet64(["yes", "no", "nope", "yeah", "yep", "yup", "sure", "not", "never", "absolutely", "definitely",
                                  "certainly", "correct", "true", "false", "probably", "unlikely", "nah"].map { FeatureHash.hash($0) })

    public init(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
        if let first = tokens.first(where: { $0.kind == .letter || $0.kind == .ideographic }), first.kind == .letter {
            opensYesNo = AnswerForm.yesNo.contains(QuestionType.hash(text, first))
        }
        hasNumber = tokens.contains { $0.kind == .number }
    }
}
