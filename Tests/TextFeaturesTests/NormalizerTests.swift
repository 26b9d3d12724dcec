import CICU
import Testing
@testable import TextFeatures
import Train

/// One row per tricky string: what the normaliser must produce and what it must report.
struct NormalizationCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var expected: String
    var fullWidthLatin = 0
    var fullWidthPunctuation = 0
    var cjkPunctuation = 0
    var homoglyphs = 0
    var invisibles = 0
    var testDescription: String { name }
}

/// U+FDD0, a noncharacter (Swift string literals may not spell one): the mark `Homoglyphs` uses
/// for a Greek capital upsilon.
let noncharacterFDD0 = Unicode.Scalar(UInt32(0xFDD0)).map { String(Character($0)) } ?? ""

let normalizationCases: [NormalizationCase] = [
    .init(name: "plain ASCII is lower-cased", input: "The Police Report", expected: "the police report"),
    .init(name: "full-width Latin", input: "ｐｏｌｉｃｅ ｒｅｐｏｒｔ", expected: "police report", fullWidthLatin: 12),
    .init(name: "full-width capitals and punctuation", input: "Ｈｅｌｌｏ，ｗｏｒｌｄ！", expected: "hello,world!",
          fullWidthLatin: 10, fullWidthPunctuation: 2),
    .init(name: "full-width digits", input: "ｉｎ ２０２４", expected: "in 2024", fullWidthLatin: 6),
    .init(name: "one Cyrillic o inside an English word", input: "The p\u{043E}lice are here", expected: "the police are here", homoglyphs: 1),
    .init(name: "Cyrillic capital and small letters in English", input: "\u{0421}limate ch\u{0430}nge is real",
          expected: "climate change is real", homoglyphs: 2),
    .init(name: "Cyrillic capitals spelling English words", input: "\u{041C}\u{0410}\u{041A}\u{0415} \u{0410}\u{041C}\u{0415}RI\u{0421}\u{0410} great again",
          expected: "make america great again", homoglyphs: 9),
    .init(name: "Greek capitals mixed with a Latin L", input: "\u{0391}\u{03A1}\u{03A1}L\u{0395} stock",
          expected: "apple stock", homoglyphs: 4),
    .init(name: "Greek capitals upsilon and nu read as Y and N in English, not as their lower case's u and v",
          input: "\u{03A5}es, \u{039D}o way", expected: "yes, no way", homoglyphs: 2),
    .init(name: "the upsilon-with-hook symbol reads as Y in English too", input: "\u{03D2}es sir", expected: "yes sir", homoglyphs: 1),
    .init(name: "Greek small upsilon and nu still read as u and v", input: "f\u{03C5}nny \u{03BD}ideo", expected: "funny video", homoglyphs: 2),
    .init(name: "Greek capitals upsilon and nu in Greek text stay Greek", input: "\u{03A5}\u{03A0}\u{039F}\u{03A5}\u{03A1}\u{0393}\u{0395}\u{0399}\u{039F} \u{039D}\u{0391}\u{03A5}\u{03A4}\u{0399}\u{039B}\u{0399}\u{0391}\u{03A3}",
          expected: "\u{03C5}\u{03C0}\u{03BF}\u{03C5}\u{03C1}\u{03B3}\u{03B5}\u{03B9}\u{03BF} \u{03BD}\u{03B1}\u{03C5}\u{03C4}\u{03B9}\u{03BB}\u{03B9}\u{03B1}\u{03C3}"),
    .init(name: "Greek capital upsilon with a combining diaeresis composes as before", input: "\u{03A5}\u{0308} and more", expected: "\u{03CB} and more"),
    .init(name: "a noncharacter in the text is kept, and the capitals fold as before", input: noncharacterFDD0 + " \u{03A5}es",
          expected: noncharacterFDD0 + " ues", homoglyphs: 1),
    .init(name: "Cyrillic look-alike in a word whose other letters are accented Latin", input: "\u{0421}\u{00E0} et l\u{00E0}",
          expected: "c\u{00E0} et l\u{00E0}", homoglyphs: 1),
    .init(name: "a Russian word in a French sentence is not mapped", input: "Il a dit \u{0441}\u{043F}\u{0430}\u{0441}\u{0438}\u{0431}\u{043E} \u{00E0} tous",
          expected: "il a dit \u{0441}\u{043F}\u{0430}\u{0441}\u{0438}\u{0431}\u{043E} \u{00E0} tous"),
    .init(name: "Greek omicron alone in an English sentence", input: "we need m\u{03BF}re time", expected: "we need more time", homoglyphs: 1),
    .init(name: "real Russian is not mapped", input: "Москва — столица России", expected: "москва — столица россии"),
    .init(name: "Russian with an English word is not mapped", input: "Я люблю Python и Swift", expected: "я люблю python и swift"),
    .init(name: "Russian word that is all look-alikes stays in Russian text", input: "Сор\u{043E} очень хорошо", expected: "соро очень хорошо"),
    .init(name: "Greek sentence is not mapped", input: "Καλημέρα κόσμε", expected: "καλημέρα κόσμε"),
    .init(name: "zero-width space inside a word", input: "po\u{200B}lice", expected: "police", invisibles: 1),
    .init(name: "zero-width joiner inside a word", input: "kill\u{200D}ing", expected: "killing", invisibles: 1),
    .init(name: "two invisibles inside one word", input: "de\u{200C}mo\u{2060}cracy", expected: "democracy", invisibles: 2),
    .init(name: "soft hyphen inside a word", input: "un\u{00AD}believable", expected: "unbelievable", invisibles: 1),
    .init(name: "word joiner next to a space is not evasion", input: "hello \u{2060}world", expected: "hello world"),
    .init(name: "byte-order mark at the start", input: "\u{FEFF}Hello", expected: "hello"),
    .init(name: "emoji ZWJ family is not evasion", input: "family 👨\u{200D}👩\u{200D}👧 day", expected: "family 👨👩👧 day"),
    .init(name: "heart with variation selector is not evasion", input: "I ❤\u{FE0F} NY", expected: "i ❤ ny"),
    .init(name: "rainbow flag ZWJ sequence is not evasion", input: "pride 🏳\u{FE0F}\u{200D}🌈 march", expected: "pride 🏳🌈 march"),
    .init(name: "skin tone and flags are kept", input: "👍🏽 🇨🇳", expected: "👍🏽 🇨🇳"),
    .init(name: "right-to-left mark after a Hebrew word", input: "שלום\u{200F} world", expected: "שלום world"),
    .init(name: "Arabic letter mark between words", input: "مرحبا \u{061C}بالعالم", expected: "مرحبا بالعالم"),
    .init(name: "right-to-left override inside a word", input: "pay\u{202E}lacol", expected: "paylacol", invisibles: 1),
    .init(name: "ligature", input: "ﬁnance", expected: "finance"),
    .init(name: "sharp s case-folds to ss", input: "Straße", expected: "strasse"),
    .init(name: "combining accent composes after ASCII", input: "cafe\u{0301}", expected: "caf\u{00E9}"),
    .init(name: "mathematical bold letters", input: "𝐩𝐨𝐥𝐢𝐜𝐞", expected: "police"),
    .init(name: "Chinese full-width punctuation", input: "你好，世界！", expected: "你好,世界!", fullWidthPunctuation: 2),
    .init(name: "CJK punctuation", input: "《人民日报》说。", expected: "《人民日报》说。", cjkPunctuation: 3),
    .init(name: "Traditional Chinese is kept", input: "這個軟體很好用", expected: "這個軟體很好用"),
    .init(name: "Japanese half-width katakana widens", input: "ｶﾀｶﾅ", expected: "カタカナ"),
    .init(name: "replacement character from a lossy decode", input: "abc\u{FFFD}def", expected: "abc\u{FFFD}def"),
    .init(name: "empty string", input: "", expected: ""),
]

@Test(arguments: normalizationCases)
func normalizesTrickyStrings(_ c: NormalizationCase) {
    let (text, report) = Normalizer().normalize(c.input)
    #expect(Array(text.utf8) == Array(c.expected.utf8), "\(text.debugDescription)")
    #expect(report.fullWidthLatin == c.fullWidthLatin)
    #expect(report.fullWidthPunctuation == c.fullWidthPunctuation)
    #expect(report.cjkPunctuation == c.cjkPunctuation)
    #expect(report.homoglyphs == c.homoglyphs)
    #expect(report.invisibles == c.invisibles)
    #expect(report.isClean == (c.fullWidthLatin == 0 && c.homoglyphs == 0 && c.invisibles == 0))
}

@Test(arguments: normalizationCases)
func normalizationIsIdempotent(_ c: NormalizationCase) {
    let n = Normalizer()
    let once = n.normalize(c.input).text
    let (twice, report) = n.normalize(once)
    #expect(Array(twice.utf8) == Array(once.utf8))
    #expect(report.homoglyphs == 0)
    #expect(report.invisibles == 0)
}

/// ICU NFKC_Casefold of the whole text, without Telltale's ASCII shortcuts or look-alike mapping.
func icuCasefold(_ s: String) -> String {
    var input = Array(s.utf8)
    var out = [CChar](repeating: 0, count: input.count * 4 + 16)
    let n = input.withUnsafeMutableBufferPointer { src in
        src.withMemoryRebound(to: CChar.self) { tt_nfkc_casefold($0.baseAddress, Int32($0.count), &out, Int32(out.count)) }
    }
    return String(decoding: out[0..<Int(max(n, 0))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

@Test func asciiShortcutsAndPiecewiseICUEqualWholeTextICU() {
    // Pieces over which ICU splitting could go wrong: combining marks after ASCII, long ASCII
    // stretches between non-ASCII text, full-width forms, invisibles. No Cyrillic/Greek, so the
    // look-alike mapping does not apply and the result must be exactly ICU's.
    let pieces = ["a", "E", "z", " ", "  ", "\n", ".", "1", "\u{0301}", "\u{0308}", "ｑ", "Ｗ", "，", "中", "國",
                  "の", "한", "é", "ß", "ﬁ", "😀", "\u{200D}", "\u{FE0F}", "\u{200B}", "İ", "ǅ", "ｶﾞ",
                  "The quick brown fox jumps over the lazy dog ", String(repeating: "x", count: 40)]
    var rng = SplitMix64(seed: 42)
    let n = Normalizer()
    for _ in 0..<1500 {
        var s = ""
        for _ in 0..<Int(rng.next() % 24) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        #expect(Array(n.normalize(s).text.utf8) == Array(icuCasefold(s).utf8), "\(s.debugDescription)")
    }
}

@Test func everyASCIIByteHasANormalizationBoundaryBefore() {
    // The normaliser cuts ICU's input right before ASCII bytes; that is only sound if ICU agrees.
    for b in 0..<128 {
        #expect(tt_nfkc_casefold_has_boundary_before(Int32(b)) == 1, "byte \(b)")
    }
}

@Test func invalidUTF8BytesBecomeReplacementCharacters() {
    let bytes: [UInt8] = [0x61, 0xE4, 0xB8, 0x62, 0xFF, 0x43, 0xC0, 0xAF]
    var out: [UInt8] = []
    let report = bytes.withUnsafeBufferPointer { Normalizer().normalize($0, into: &out) }
    #expect(out == Array("a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}".utf8))
    #expect(report.isClean)
}

@Test func longNonASCIITextIsNormalizedInPiecesLikeICU() {
    // Longer than Normalizer.maxICUBytes without any ASCII: cut at a normalisation boundary.
    let unit = "這個軟體ｓｅｒｖｉｃｅ很好用，"
    let s = String(repeating: unit, count: Normalizer.maxICUBytes / unit.utf8.count + 10)
    #expect(s.utf8.count > Normalizer.maxICUBytes)
    let (text, report) = Normalizer().normalize(s)
    #expect(Array(text.utf8) == Array(icuCasefold(s).utf8))
    #expect(report.fullWidthLatin == 7 * (Normalizer.maxICUBytes / unit.utf8.count + 10))
}

/// `Homoglyphs` maps folded letters, so a capital is read as its lower case is; the capitals that
/// look like another Latin letter than their lower case does are exactly those marked before
/// folding. If ICU's confusables ever add another such capital, this names it.
@Test func theCapitalsThatLookUnlikeTheirLowerCaseAreMarked() {
    var buf = [CChar](repeating: 0, count: 64)
    var differing: [UInt32] = []
    for cp in Homoglyphs.firstCodePoint...Homoglyphs.lastCodePoint {
        guard let s = Unicode.Scalar(cp), s.properties.isUppercase,
              s.properties.lowercaseMapping.unicodeScalars.count == 1,
              let lower = s.properties.lowercaseMapping.unicodeScalars.first,
              tt_confusable_skeleton(Int32(cp), &buf, 64) == 1 else { continue }
        let b = UInt8(bitPattern: buf[0])
        guard b &- 0x41 < 26 else { continue }  // a capital ASCII letter
        let looksLike = b == UInt8(ascii: "I") ? UInt8(ascii: "i") : b | 0x20
        if Homoglyphs.latin(for: lower.value) != looksLike { differing.append(cp) }
    }
    #expect(differing == Homoglyphs.markedCapitals, "\(differing.map { String($0, radix: 16) })")
}
