/// The evasion tricks of scripts/evasion_perturb.py, applied to a text: shared by the feature-level
/// test (TextFeaturesTests) and the score-level test (TelltaleCLITests).
public enum Perturbation: String, CaseIterable, Sendable {
    case fullWidth = "full-width", homoglyphs, zeroWidth = "zero-width", mixedCase = "mixed-case"
    case extraSpaces = "extra-spaces", emoji

    /// Cyrillic and Greek look-alikes (scripts/evasion_perturb.py HOMOGLYPHS).
    public static let homoglyphMap: [Character: Character] = [
        "a": "а", "c": "с", "e": "е", "i": "і", "j": "ј", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у",
        "A": "Α", "B": "В", "C": "С", "E": "Ε", "H": "Н", "I": "Ι", "K": "Κ", "M": "М", "N": "Ν", "O": "Ο",
        "P": "Р", "T": "Τ", "X": "Χ", "Y": "Υ", "Z": "Ζ", "v": "ν",
    ]

    /// `text` with the trick applied (the same rewriting as scripts/evasion_perturb.py).
    public func apply(_ text: String) -> String {
        let chars = Array(text)
        switch self {
        case .fullWidth:
            return String(String.UnicodeScalarView(text.unicodeScalars.map { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) ? Unicode.Scalar(s.value + 0xFEE0)! : s
            }))
        case .homoglyphs:
            var k = 0
            return String(chars.map { c in
                guard let g = Perturbation.homoglyphMap[c] else { return c }
                defer { k += 1 }
                return k % 2 == 0 ? g : c
            })
        case .zeroWidth:
            var out = ""
            for (i, c) in chars.enumerated() {
                out.append(c)
                if i + 1 < chars.count && c.isLetter && chars[i + 1].isLetter { out.append("\u{200B}") }
            }
            return out
        case .mixedCase:
            var k = 0
            return String(chars.map { c in
                guard c.isASCII && c.isLetter else { return c }
                defer { k += 1 }
                return Character(k % 2 == 0 ? c.lowercased() : c.uppercased())
            })
        case .extraSpaces:
            return "  " + text.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "   ") + "  "
        case .emoji:
            return "👉 " + text + " 🔥🔥"
        }
    }
}

/// Posts written for this test, a few per label (and their negatives).
public let evasionPosts: [(label: String, text: String, parent: String?)] = [
    ("non_idiomatic", "I very enjoy the food of this restaurant, the taste is very authentic.", nil),
    ("non_idiomatic", "We should take the responsibility to protect the environment of our homeland.", nil),
    ("non_idiomatic", "After work I went to the supermarket for buying some fruits and vegetables.", nil),
    ("non_idiomatic", "Your suggestion is very helpful for our work, thank you very much.", nil),
    ("native", "Honestly the new bus schedule is a mess, I missed my connection twice this week.", nil),
    ("native", "Anyone know a good place to fix a cracked phone screen near downtown?", nil),
    ("mixed_zh_en", "这个 project 的 deadline 太紧了，我们需要更多 time。", nil),
    ("mixed_zh_en", "Today's meeting was so boring, 老板一直在讲 KPI。", nil),
    ("chinese", "今天天气很好，我们去公园散步吧。", nil),
    ("japanese", "今日は meeting がありました。", nil),
    ("korean", "오늘 회의는 정말 길었어요 honestly.", nil),
    ("off_topic", "The Belt and Road brings shared prosperity to all participating nations.", "What is the best way to store fresh basil?"),
    ("on_topic", "Put the stems in a glass of water on the counter, like flowers.", "What is the best way to store fresh basil?"),
]
