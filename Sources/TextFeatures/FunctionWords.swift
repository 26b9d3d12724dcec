/// English closed-class words (determiners, pronouns, prepositions, conjunctions, auxiliaries and
/// modals, negation, quantifiers, wh-words, common degree and linking adverbs): the words a
/// `skeleton` n-gram keeps as they are. Every other Latin word becomes its word class
/// (`SkeletonClass`). The list is part of the model format: changing it changes skeleton features.
enum FunctionWords {
    static let english: [String] = """
    a an the this that these those some any no every each either neither both all half another other such \
    what which who whom whose whatever whichever whoever \
    i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself \
    we us our ours ourselves they them their theirs themselves one ones oneself \
    about above across after against along amid among amongst around as at before behind below beneath beside \
    besides between beyond but by despite down during except for from in inside into like near of off on onto \
    out outside over past per since than through throughout till to toward towards under underneath unlike until \
    up upon via with within without \
    and or nor so yet because although though while whereas if unless whether whilst once lest \
    when where why how whenever wherever however therefore thus hence moreover furthermore meanwhile otherwise \
    instead also too either still even already just only again ever never always often sometimes \
    be am is are was were been being have has had having do does did done doing \
    will would shall should can could may might must ought need dare \
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't \
    can't cannot couldn't mightn't mustn't needn't \
    i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd it'll \
    we're we've we'd we'll they're they've they'd they'll that's there's here's what's who's let's \
    not very quite rather really much many more most less least few fewer several enough \
    there here then now today yes ok okay \
    get gets got make makes made let lets
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// FNV-1a hashes of `english` (unseeded, as `FeatureHash.hash` of the token bytes).
    static let hashes = HashSet64(english.map { FeatureHash.hash($0) })
}

/// The word class that stands for a content word in a skeleton n-gram, from its form alone (no
/// dictionary, no tagger): a rough part of speech that carries across topics and years.
enum SkeletonClass: UInt8, CaseIterable {
    /// Ends in `-ing`.
    case ing
    /// Ends in `-ly`.
    case ly
    /// Ends in `-ed` (past tense and participles).
    case ed
    /// Nominalisations: `-tion -sion -ment -ness -ity -ance -ence -ism -ship`.
    case nominal
    /// Adjective endings: `-ous -ive -ful -able -ible -al -ic -less -ical -ary`.
    case adjective
    /// Agent nouns: `-er -or -ist`.
    case agent
    /// Ends in `-s` (plurals and third person), not `-ss`.
    case plural
    /// Any other Latin word.
    case word
    /// A number.
    case number
    /// A Han, kana or Hangul word.
    case cjk
    /// A word in another script.
    case other

    /// The placeholder shown in explanations.
    var name: String {
        switch self {
        case .ing: "‹-ing›"
        case .ly: "‹-ly›"
        case .ed: "‹-ed›"
        case .nominal: "‹-tion›"
        case .adjective: "‹-al›"
        case .agent: "‹-er›"
        case .plural: "‹-s›"
        case .word: "‹w›"
        case .number: "‹num›"
        case .cjk: "‹cjk›"
        case .other: "‹x›"
        }
    }

    /// The byte standing for the class in the skeleton written as text (`skelchars`): a control
    /// byte (1...11), which no kept word or punctuation mark contains.
    var mark: UInt8 { rawValue + 1 }

    /// The class a `mark` byte stands for (nil for any other byte).
    static func of(mark b: UInt8) -> SkeletonClass? { b == 0 ? nil : SkeletonClass(rawValue: b - 1) }

    /// Hash of each class's name (index = rawValue).
    static let hashes: [UInt64] = allCases.map { FeatureHash.hash($0.name) }

    /// The class of the ASCII-lowercase Latin word `w` (bytes of the normalised text): the first
    /// suffix rule that applies, in the order of the cases above; a suffix of k bytes counts only on
    /// words of more than k + 2 bytes. Dispatches on the last byte (this runs for every word).
    static func of(latin w: UnsafeBufferPointer<UInt8>) -> SkeletonClass {
        let n = w.count
        guard n > 3 else { return .word }
        @inline(__always) func at(_ back: Int) -> UInt8 { w[n - back] }
        @inline(__always) func ends(_ a: UInt8, _ b: UInt8) -> Bool { at(2) == a && at(1) == b }
        @inline(__always) func ends(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool { n > 5 && at(3) == a && ends(b, c) }
        @inline(__always) func ends(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Bool { n > 6 && at(4) == a && ends(b, c, d) }
        let a = UInt8(ascii: "a"), b = UInt8(ascii: "b"), c = UInt8(ascii: "c"), d = UInt8(ascii: "d"), e = UInt8(ascii: "e")
        let f = UInt8(ascii: "f"), g = UInt8(ascii: "g"), h = UInt8(ascii: "h"), i = UInt8(ascii: "i"), l = UInt8(ascii: "l")
        let m = UInt8(ascii: "m"), nn = UInt8(ascii: "n"), o = UInt8(ascii: "o"), p = UInt8(ascii: "p"), r = UInt8(ascii: "r")
        let s = UInt8(ascii: "s"), t = UInt8(ascii: "t"), u = UInt8(ascii: "u"), v = UInt8(ascii: "v"), y = UInt8(ascii: "y")
        switch at(1) {
        case g:
            if ends(i, nn, g) { return .ing }
        case y:
            if n > 4 && ends(l, y) { return .ly }
            if ends(i, t, y) { return .nominal }
            if ends(a, r, y) { return .adjective }
        case d:
            if n > 4 && ends(e, d) { return .ed }
        case nn:
            if ends(t, i, o, nn) || ends(s, i, o, nn) { return .nominal }
        case t:
            if ends(m, e, nn, t) { return .nominal }
            if ends(i, s, t) { return .agent }
        case s:
            if ends(nn, e, s, s) { return .nominal }
            if ends(o, u, s) { return .adjective }
            if ends(l, e, s, s) { return .adjective }
            if at(2) != s { return .plural }
        case e:
            if ends(a, nn, c, e) || ends(e, nn, c, e) { return .nominal }
            if ends(i, v, e) { return .adjective }
            if ends(a, b, l, e) || ends(i, b, l, e) { return .adjective }
        case m:
            if ends(i, s, m) { return .nominal }
        case p:
            if ends(s, h, i, p) { return .nominal }
        case l:
            if ends(f, u, l) { return .adjective }
            if n > 4 && ends(a, l) { return .adjective }
        case c:
            if n > 4 && ends(i, c) { return .adjective }
        case r:
            if n > 4 && (ends(e, r) || ends(o, r)) { return .agent }
        default:
            break
        }
        return .word
    }
}
