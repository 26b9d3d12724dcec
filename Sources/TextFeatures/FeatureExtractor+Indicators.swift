/// Script, normalisation and shape indicator features (value 1). Their keys (`han:2-4`,
/// `mixed-rule`, ...) are part of the model format; their hashes are computed once in
/// `IndicatorKeys`, so extraction builds no strings unless names were asked for.
extension FeatureExtractor {
    func scriptIndicators(into v: inout FeatureVector) {
        let p = post.profile
        let k = keys
        let han = p.count(.han)
        let hanB = k.han.index(han)
        emit(k.hanKeys[hanB], { "\(han) Han characters" }, into: &v)
        let lw = p.latinWords
        let lwB = k.latinWords.index(lw)
        emit(k.latinWordKeys[lwB], { "\(lw) English words" }, into: &v)
        if p.isJapanese { emit(k.kana, { "Japanese kana" }, into: &v) }
        if p.isKorean { emit(k.hangul, { "Korean Hangul" }, into: &v) }
        if p.count(.cyrillic) > 0 { emit(k.cyrillic, { "Cyrillic letters" }, into: &v) }
        if p.count(.greek) > 0 { emit(k.greek, { "Greek letters" }, into: &v) }
        if p.count(.other) > 0 { emit(k.otherScript, { "letters of another script" }, into: &v) }
        if p.totalLetters > 0 {
            let share = p.share(.han)
            let bucket = IndicatorKeys.hanShareEdges.lastIndex { share >= $0 }.map { $0 + 1 } ?? 0
            emit(k.hanShareKeys[bucket], { "Han share \(Int(share * 100))%" }, into: &v)
        }
        let sw = p.switches
        emit(k.switchKeys[k.switches.index(sw)], { "\(sw) script switches" }, into: &v)
        if p.hanInsideLatin > 0 { emit(k.hanInsideLatin, { "Han run inside English sentence" }, into: &v) }
        if p.latinInsideHan > 0 { emit(k.latinInsideHan, { "English run inside Chinese sentence" }, into: &v) }
        let cp = p.cjkPunctuation
        if cp > 0 { emit(k.cjkPunctuationKeys[k.cjkPunctuation.index(cp)], { "\(cp) Chinese punctuation marks" }, into: &v) }
        if p.hanHashtags > 0 { emit(k.hanHashtag, { "Chinese hashtag" }, into: &v) }
        for kind in SpanKind.allCases where p.count(kind) > 0 {
            emit(k.spanKeys[Int(kind.rawValue)], { "contains \(kind.placeholder)" }, into: &v)
        }
        if p.looksMixedMandarinEnglish {
            emit(k.mixedRule, { "Han characters and English words together" }, into: &v)
            emit(k.mixedLatinWordKeys[lwB], { "Han characters with \(lw) English words" }, into: &v)
            emit(k.mixedHanKeys[hanB], { "\(han) Han characters with English words" }, into: &v)
        }
    }

    func normalizationIndicators(into v: inout FeatureVector) {
        let r = post.report
        let k = keys
        if r.fullWidthLatin > 0 { emit(k.fullWidthLatin, { "full-width Latin letters" }, into: &v) }
        if r.homoglyphs > 0 { emit(k.homoglyphs, { "look-alike letters from another script" }, into: &v) }
        if r.invisibles > 0 { emit(k.invisibles, { "invisible characters inside words" }, into: &v) }
        if r.fullWidthPunctuation > 0 { emit(k.fullWidthPunctuation, { "full-width punctuation" }, into: &v) }
    }

    func shapeIndicators(into v: inout FeatureVector) {
        let sh = post.shape
        let k = keys
        let n = post.tokens.count
        emit(k.tokenKeys[k.tokens.index(n)], { "\(n) words" }, into: &v)
        if sh.startsLowercase { emit(k.startsLowercase, { "starts with a lower-case letter" }, into: &v) }
        if sh.endsWithPeriod { emit(k.endsPeriod, { "ends with a full stop" }, into: &v) }
        if sh.exclamations > 0 { emit(k.exclamation, { "exclamation mark" }, into: &v) }
        if sh.questions > 0 { emit(k.question, { "question mark" }, into: &v) }
        if sh.emoji > 0 { emit(k.emoji, { "emoji" }, into: &v) }
        if sh.newlines > 0 { emit(k.newline, { "line breaks" }, into: &v) }
        let letters = sh.uppercase + sh.lowercase
        if letters >= 8 && sh.uppercase * 2 > letters { emit(k.mostlyCaps, { "mostly capitals" }, into: &v) }
    }
}

/// Counts bucketed for indicator keys: edges `[1, 2, 5]` give the labels `0`, `1`, `2-4`, `5+`.
struct CountBuckets: Sendable {
    let edges: [Int]
    let labels: [String]

    init(_ edges: [Int]) {
        self.edges = edges
        var labels: [String] = []
        var lo = 0
        for e in edges {
            labels.append(lo == e - 1 ? "\(lo)" : "\(lo)-\(e - 1)")
            lo = e
        }
        labels.append("\(lo)+")
        self.labels = labels
    }

    /// Index of the label of `x`.
    @inline(__always)
    func index(_ x: Int) -> Int {
        var k = 0
        while k < edges.count && x >= edges[k] { k += 1 }
        return k
    }
}

/// Hashes of every script, normalisation and shape indicator key (seeded by family).
struct IndicatorKeys: Sendable {
    static let hanShareEdges: [Double] = [0.0001, 0.1, 0.3, 0.5, 0.7, 0.9]

    let han = CountBuckets([1, 2, 5, 20])
    let latinWords = CountBuckets([1, 2, 4, 10])
    let switches = CountBuckets([1, 2, 3, 6])
    let cjkPunctuation = CountBuckets([1, 2, 5])
    let tokens = CountBuckets([1, 2, 4, 8, 16, 32, 64])

    let hanKeys, latinWordKeys, switchKeys, cjkPunctuationKeys, tokenKeys: [UInt64]
    let mixedLatinWordKeys, mixedHanKeys, hanShareKeys, spanKeys: [UInt64]
    let kana, hangul, cyrillic, greek, otherScript, hanInsideLatin, latinInsideHan, hanHashtag, mixedRule: UInt64
    let fullWidthLatin, homoglyphs, invisibles, fullWidthPunctuation: UInt64
    let startsLowercase, endsPeriod, exclamation, question, emoji, newline, mostlyCaps: UInt64

    init(seeds: (script: UInt64, normalization: UInt64, shape: UInt64)) {
        func script(_ key: String) -> UInt64 { FeatureHash.hash(key, seed: seeds.script) }
        func normalization(_ key: String) -> UInt64 { FeatureHash.hash(key, seed: seeds.normalization) }
        func shape(_ key: String) -> UInt64 { FeatureHash.hash(key, seed: seeds.shape) }
        hanKeys = han.labels.map { script("han:\($0)") }
        latinWordKeys = latinWords.labels.map { script("latin-words:\($0)") }
        switchKeys = switches.labels.map { script("switches:\($0)") }
        cjkPunctuationKeys = cjkPunctuation.labels.map { script("cjk-punct:\($0)") }
        mixedLatinWordKeys = latinWords.labels.map { script("mixed-rule&latin-words:\($0)") }
        mixedHanKeys = han.labels.map { script("mixed-rule&han:\($0)") }
        hanShareKeys = (0...IndicatorKeys.hanShareEdges.count).map { script("han-share:\($0)") }
        spanKeys = SpanKind.allCases.map { script("span:\($0)") }
        kana = script("kana")
        hangul = script("hangul")
        cyrillic = script("cyrillic")
        greek = script("greek")
        otherScript = script("other-script")
        hanInsideLatin = script("han-inside-latin")
        latinInsideHan = script("latin-inside-han")
        hanHashtag = script("han-hashtag")
        mixedRule = script("mixed-rule")
        fullWidthLatin = normalization("fullwidth-latin")
        homoglyphs = normalization("homoglyphs")
        invisibles = normalization("invisibles")
        fullWidthPunctuation = normalization("fullwidth-punct")
        tokenKeys = tokens.labels.map { shape("tokens:\($0)") }
        startsLowercase = shape("starts-lowercase")
        endsPeriod = shape("ends-period")
        exclamation = shape("exclamation")
        question = shape("question")
        emoji = shape("emoji")
        newline = shape("newline")
        mostlyCaps = shape("mostly-caps")
    }
}
