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

    /// Hash of each class's name (index = rawValue).
    static let hashes: [UInt64] = allCases.map { FeatureHash.hash($0.name) }

    /// The class of the ASCII-lowercase Latin word `w` (bytes of the normalised text).
    static func of(latin w: UnsafeBufferPointer<UInt8>) -> SkeletonClass {
        let n = w.count
        @inline(__always) func ends(_ s: StaticString) -> Bool {
            let k = s.utf8CodeUnitCount
            guard n > k + 2 else { return false }
            let p = s.utf8Start
            for i in 0..<k where w[n - k + i] != p[i] { return false }
            return true
        }
        if ends("ing") { return .ing }
        if ends("ly") { return .ly }
        if ends("ed") { return .ed }
        if ends("tion") || ends("sion") || ends("ment") || ends("ness") || ends("ity") || ends("ance") || ends("ence")
            || ends("ism") || ends("ship") { return .nominal }
        if ends("ous") || ends("ive") || ends("ful") || ends("able") || ends("ible") || ends("al") || ends("ic")
            || ends("less") || ends("ary") { return .adjective }
        if ends("er") || ends("or") || ends("ist") { return .agent }
        if ends("s") && !ends("ss") { return .plural }
        return .word
    }
}
