import Testing
@testable import TextFeatures

/// Evasion robustness at the feature level, for whole posts of every label: each perturbation
/// (the same ones as scripts/evasion_perturb.py) must leave the word, character and Han features
/// exactly as they were, and may only add or remove the indicators that record the trick itself.
enum Perturbation: String, CaseIterable, Sendable {
    case fullWidth = "full-width", homoglyphs, zeroWidth = "zero-width", mixedCase = "mixed-case"
    case extraSpaces = "extra-spaces", emoji

    /// Cyrillic and Greek look-alikes (scripts/evasion_perturb.py HOMOGLYPHS).
    static let homoglyphMap: [Character: Character] = [
        "a": "а", "c": "с", "e": "е", "i": "і", "j": "ј", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у",
        "A": "Α", "B": "В", "C": "С", "E": "Ε", "H": "Н", "I": "Ι", "K": "Κ", "M": "М", "N": "Ν", "O": "Ο",
        "P": "Р", "T": "Τ", "X": "Χ", "Y": "Υ", "Z": "Ζ", "v": "ν",
    ]

    func apply(_ text: String) -> String {
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

    /// Indicator features this trick may switch on or off: the tell it leaves by design.
    var allowedIndicatorChanges: Set<String> {
        switch self {
        case .fullWidth: ["full-width Latin letters"]
        case .homoglyphs: ["look-alike letters from another script"]
        case .zeroWidth: ["invisible characters inside words"]
        case .mixedCase: ["starts with a lower-case letter", "mostly capitals"]
        case .extraSpaces: []
        case .emoji: ["emoji"]
        }
    }
}

/// Posts written for this test, a few per label (and their negatives).
let evasionPosts: [(label: String, text: String, parent: String?)] = [
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

struct EvasionPostCase: CustomTestStringConvertible, Sendable {
    var index: Int
    var perturbation: Perturbation
    var testDescription: String { "\(perturbation.rawValue) on \(evasionPosts[index].label) post \(index)" }
}

let evasionPostCases = evasionPosts.indices.flatMap { i in Perturbation.allCases.map { EvasionPostCase(index: i, perturbation: $0) } }

private func isTextFamily(_ name: String) -> Bool {
    name.hasPrefix("word `") || name.hasPrefix("n-gram `") || name.hasPrefix("characters `") || name.hasPrefix("Han `")
        || name.hasPrefix("skeleton `")
}

/// Multiset of (bucket, value, name) for the text families, and the set of indicator names.
private func split(_ v: FeatureVector) -> (text: [String], indicators: Set<String>) {
    var text: [String] = [], ind = Set<String>()
    for k in 0..<v.count {
        if isTextFamily(v.names[k]) { text.append("\(v.indices[k]) \(v.values[k]) \(v.names[k])") } else { ind.insert(v.names[k]) }
    }
    return (text.sorted(), ind)
}

/// Greek capitals Υ and Ν fold to υ and ν, whose look-alike skeletons are `u` and `v` (not `y`
/// and `n`): the homoglyph mapping runs after case folding, so `Υes` reads as `ues`.
private func hitsGreekCapitalFolding(_ c: EvasionPostCase, _ perturbed: String) -> Bool {
    c.perturbation == .homoglyphs && (perturbed.contains("Υ") || perturbed.contains("Ν"))
}

@Test(arguments: evasionPostCases)
func perturbedPostsKeepTheirTextFeatures(_ c: EvasionPostCase) {
    let post = evasionPosts[c.index]
    let x = FeatureExtractor(config: FeatureConfig(bucketBits: 18))
    let perturbed = c.perturbation.apply(post.text)
    #expect(perturbed != post.text || !post.text.contains { $0.isASCII && $0.isLetter })
    let clean = split(x.extract(text: post.text, parent: post.parent, names: true))
    let evasive = split(x.extract(text: perturbed, parent: post.parent, names: true))
    #expect(!clean.text.isEmpty)
    let check = {
        let lost = Set(clean.text).subtracting(evasive.text).sorted().prefix(4)
        let gained = Set(evasive.text).subtracting(clean.text).sorted().prefix(4)
        #expect(evasive.text == clean.text, "text features differ for \(perturbed): lost \(Array(lost)), gained \(Array(gained))")
    }
    if hitsGreekCapitalFolding(c, perturbed) {
        withKnownIssue("Greek capital Υ/Ν map to u/v after case folding") { check() }
    } else {
        check()
    }
    let changed = clean.indicators.symmetricDifference(evasive.indicators)
    #expect(changed.isSubset(of: c.perturbation.allowedIndicatorChanges), "unexpected indicator changes \(changed.sorted()) for \(perturbed)")
}

@Test func shapeSeesTheCaseOfFullWidthAndLookAlikeLetters() {
    func shape(_ s: String) -> TextShape { var t = s; return t.withUTF8 { TextShape($0) } }
    #expect(shape("ｌｏｌ ｔｈｉｓ").startsLowercase)
    #expect(!shape("Ｉ ｈａｖｅ").startsLowercase)
    #expect(shape("ｗｏｒｄ").lowercase == 4)
    #expect(shape("рolice").startsLowercase)        // Cyrillic р
    #expect(!shape("Рolice").startsLowercase)       // Cyrillic Р
    #expect(shape("école").startsLowercase)
    #expect(shape("ПРИВЕТ МИР").uppercase == 9)
    #expect(!shape("美国 democracy").startsLowercase) // Han is the first letter
}

@Test func endsWithPeriodLooksPastEmojiDecoration() {
    func ends(_ s: String) -> Bool { var t = s; return t.withUTF8 { TextShape($0).endsWithPeriod } }
    #expect(ends("Done."))
    #expect(ends("Done. 🔥🔥"))
    #expect(ends("Done.❤️ "))
    #expect(ends("Done. 👍🏽"))
    #expect(!ends("Done 🔥"))
    #expect(!ends("Done!"))
    #expect(!ends("🔥"))
    #expect(!ends(""))
}

/// Look-alikes glued to Latin letters through digits (`A6х5`, short-link ids) are hidden in Latin
/// text: found on the mixed_zh_en dev set, where `t.сn/A6х5222` stopped being a link.
@Test(arguments: [
    ("不错，性价比挺高的。 httрs://t.сn/A6х5222", "不错,性价比挺高的。 https://t.cn/a6x5222"),
    ("code 4х4 is 16", "code 4x4 is 16"),                 // all look-alike, in a mostly Latin post
    ("买了 5кг 大米", "买了 5кг 大米"),                      // Russian unit next to a number: left alone
    ("в 2024г цены выросли", "в 2024г цены выросли"),     // genuine Russian
    ("covid19vас", "covid19vac"),
])
func lookAlikesNextToDigitsInLatinWords(_ input: String, _ expected: String) {
    let n = Normalizer()
    let once = n.normalize(input).text
    #expect(once == expected)
    #expect(n.normalize(once).text == once, "idempotent")
}
