/// Turns a post (and optionally the post it replies to) into a hashed `FeatureVector`:
/// normalise → find links/handles/hashtags → segment → profile → hash every family in
/// `FeatureConfig`. Text families (word, chars, han) are scaled to unit norm each; indicator
/// families have value 1. The same extractor feeds training and scoring, so they cannot drift.
///
/// Not thread-safe (it reuses buffers): use one per thread.
public final class FeatureExtractor {
    public let config: FeatureConfig
    public let documentFrequencies: DocumentFrequencies?
    private let normalizer = Normalizer()
    private let segmenter = Segmenter()
    private let bucketCount: Int
    private let wordSeed = FeatureFamily.word.seed
    private let charSeed = FeatureFamily.chars.seed
    private let hanSeed = FeatureFamily.han.seed
    private let scriptSeed = FeatureFamily.script.seed
    private let normalizationSeed = FeatureFamily.normalization.seed
    private let shapeSeed = FeatureFamily.shape.seed
    private let pairSeed = FeatureFamily.pair.seed
    /// FNV-1a of each span placeholder word (index = `SpanKind.rawValue`).
    private static let placeholderHashes: [UInt64] = SpanKind.allCases.map { FeatureHash.hash($0.placeholder) }

    private var post = TextAnalysis()
    private var parentPost = TextAnalysis()
    private var tokenHashes: [UInt64] = []
    private var content: [UInt64] = []
    private var stems: [Range<Int>] = []
    private var parentContent: [UInt64] = []
    private var parentStems: [Range<Int>] = []
    private var recordNames = false

    public init(config: FeatureConfig = FeatureConfig(), documentFrequencies: DocumentFrequencies? = nil) {
        self.config = config
        self.documentFrequencies = documentFrequencies
        bucketCount = config.bucketCount
    }

    /// Analyses one text without hashing (for `telltale features` and tests).
    public func analyze(_ text: String) -> TextAnalysis {
        var a = TextAnalysis()
        var s = text
        s.withUTF8 { analyze($0, into: &a) }
        return a
    }

    /// Analyses UTF-8 `text` into `a` (reusing its buffers).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, into a: inout TextAnalysis) {
        a.shape = TextShape(text)
        a.report = normalizer.normalize(text, into: &a.normalized)
        a.normalized.withUnsafeBufferPointer { norm in
            SpecialSpans.find(norm, into: &a.spans)
            segmenter.segment(norm, around: a.spans, into: &a.tokens)
            a.profile = ScriptProfile(text: norm, tokens: a.tokens, spans: a.spans, report: a.report)
        }
    }

    /// Features of `text` replying to `parent` (nil: not a reply). With `names`, `vector.names`
    /// gets a readable name per feature (slower; for explanations).
    public func extract(text: String, parent: String? = nil, into vector: inout FeatureVector, names: Bool = false) {
        var t = text
        t.withUTF8 { tb in
            if var p = parent {
                p.withUTF8 { pb in extract(text: tb, parent: pb, into: &vector, names: names) }
            } else {
                extract(text: tb, parent: nil, into: &vector, names: names)
            }
        }
    }

    /// Convenience: a fresh vector.
    public func extract(text: String, parent: String? = nil, names: Bool = false) -> FeatureVector {
        var v = FeatureVector()
        extract(text: text, parent: parent, into: &v, names: names)
        return v
    }

    /// Features of UTF-8 `text` (replying to `parent` when given) into `vector` (cleared first).
    public func extract(text: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?,
                        into vector: inout FeatureVector, names: Bool = false) {
        vector.removeAll()
        recordNames = names
        analyze(text, into: &post)
        post.normalized.withUnsafeBufferPointer { norm in
            if config.uses(.word) { wordNgrams(norm, into: &vector) }
            if config.uses(.chars) { charNgrams(norm, into: &vector) }
            if config.uses(.han) { hanNgrams(norm, into: &vector) }
            if config.uses(.script) { scriptIndicators(into: &vector) }
            if config.uses(.normalization) { normalizationIndicators(into: &vector) }
            if config.uses(.shape) { shapeIndicators(into: &vector) }
            if let parent, config.uses(.pair) {
                analyze(parent, into: &parentPost)
                ContentWords.collect(norm, tokens: post.tokens, spans: post.spans, into: &content, stems: &stems)
                parentPost.normalized.withUnsafeBufferPointer { pnorm in
                    ContentWords.collect(pnorm, tokens: parentPost.tokens, spans: parentPost.spans, into: &parentContent, stems: &parentStems)
                    let sim = PairFeatures.similarity(
                        reply: content, replyStems: stems, replyText: norm,
                        parent: parentContent, parentStems: parentStems, parentText: pnorm,
                        replyTokens: post.tokens.count, parentTokens: parentPost.tokens.count,
                        replyScript: post.dominantScript, parentScript: parentPost.dominantScript,
                        df: documentFrequencies)
                    PairFeatures.indicators(sim) { key, name in indicator(.pair, key, name, into: &vector) }
                }
            }
        }
    }

    /// The similarity between a reply and its parent (for reports and tests).
    public func pairSimilarity(text: String, parent: String) -> PairSimilarity {
        var a = TextAnalysis(), b = TextAnalysis()
        var t = text, p = parent
        t.withUTF8 { analyze($0, into: &a) }
        p.withUTF8 { analyze($0, into: &b) }
        var ca: [UInt64] = [], sa: [Range<Int>] = [], cb: [UInt64] = [], sb: [Range<Int>] = []
        return a.normalized.withUnsafeBufferPointer { na in
            b.normalized.withUnsafeBufferPointer { nb in
                ContentWords.collect(na, tokens: a.tokens, spans: a.spans, into: &ca, stems: &sa)
                ContentWords.collect(nb, tokens: b.tokens, spans: b.spans, into: &cb, stems: &sb)
                return PairFeatures.similarity(reply: ca, replyStems: sa, replyText: na, parent: cb, parentStems: sb, parentText: nb,
                                               replyTokens: a.tokens.count, parentTokens: b.tokens.count,
                                               replyScript: a.dominantScript, parentScript: b.dominantScript, df: documentFrequencies)
            }
        }
    }

    // MARK: - Families

    @inline(__always) private func seed(_ f: FeatureFamily) -> UInt64 {
        switch f {
        case .word: wordSeed
        case .chars: charSeed
        case .han: hanSeed
        case .script: scriptSeed
        case .normalization: normalizationSeed
        case .shape: shapeSeed
        case .pair: pairSeed
        }
    }

    @inline(__always)
    private func append(_ h: UInt64, _ value: Float, _ name: @autoclosure () -> String, into v: inout FeatureVector) {
        v.indices.append(FeatureHash.bucket(h, bucketCount: bucketCount))
        v.values.append(value)
        if recordNames { v.names.append(name()) }
    }

    private func indicator(_ family: FeatureFamily, _ key: String, _ name: () -> String, into v: inout FeatureVector) {
        append(FeatureHash.hash(key, seed: seed(family)), 1, name(), into: &v)
    }

    /// Appends a bucket whose value `scale` sets later (text families).
    @inline(__always)
    private func appendIndex(_ h: UInt64, _ name: @autoclosure () -> String, into v: inout FeatureVector) {
        v.indices.append(FeatureHash.bucket(h, bucketCount: bucketCount))
        if recordNames { v.names.append(name()) }
    }

    /// Gives the indices appended since `start` (by `appendIndex`) the value 1/sqrt(n), so the
    /// family has unit L2 norm when no index repeats.
    private func scale(from start: Int, _ v: inout FeatureVector) {
        let n = v.indices.count - start
        guard n > 0 else { return }
        v.values.append(contentsOf: repeatElement(1 / Float(n).squareRoot(), count: n))
    }

    private func wordNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        let start = v.count
        let s = wordSeed
        tokenHashes.removeAll(keepingCapacity: true)
        var wordNames: [String] = []
        var sp = 0
        let spans = post.spans
        for t in post.tokens {
            // Tokens never cross spans: a token overlapping one is the span itself.
            while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
            if sp < spans.count && spans[sp].start < Int(t.end) {
                let kind = spans[sp].kind
                tokenHashes.append(FeatureExtractor.placeholderHashes[Int(kind.rawValue)])
                if recordNames { wordNames.append(kind.placeholder) }
                continue
            }
            tokenHashes.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[t.range])))
            if recordNames { wordNames.append(String(decoding: UnsafeBufferPointer(rebasing: text[t.range]), as: UTF8.self)) }
        }
        let n = tokenHashes.count
        let maxN = config.maxWordNgram
        tokenHashes.withUnsafeBufferPointer { hashes in
            for i in 0..<n {
                var h = FeatureHash.combine(s, hashes[i])
                appendIndex(h, "word `\(wordNames[i])`", into: &v)
                var j = i + 1
                while j < n && j - i < maxN {
                    h = FeatureHash.combine(h, hashes[j])
                    appendIndex(h, "n-gram `\(wordNames[i...j].joined(separator: " "))`", into: &v)
                    j += 1
                }
            }
        }
        scale(from: start, &v)
    }

    private func charNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        let start = v.count
        let s = charSeed
        let minN = config.minCharNgram, maxN = config.maxCharNgram
        var sp = 0
        let spans = post.spans
        let maxWord = 40
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxWord + 2) { word in
            for t in post.tokens where t.kind == .letter {
                while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
                if sp < spans.count && spans[sp].start < Int(t.end) { continue }
                let len = Int(t.end - t.start)
                guard len <= maxWord else { continue }
                // Only Latin words: first byte an ASCII letter or a Latin-script scalar.
                let first = text[Int(t.start)]
                if first >= 0x80 {
                    guard Script.of(UTF8Scalar.decode(text, Int(t.start)).value) == .latin else { continue }
                }
                // `<word>`, then every n-gram of it.
                word[0] = UInt8(ascii: "<")
                for k in 0..<len { word[k + 1] = text[Int(t.start) + k] }
                word[len + 1] = UInt8(ascii: ">")
                let total = len + 2
                for a in 0..<total {
                    var h = s
                    var b = a
                    let last = min(total, a + maxN)
                    while b < last {
                        h = FeatureHash.step(h, word[b])
                        b += 1
                        if b - a >= minN {
                            appendIndex(h, "characters `\(String(decoding: UnsafeBufferPointer(rebasing: word[a..<b]), as: UTF8.self))`", into: &v)
                        }
                    }
                }
            }
        }
        scale(from: start, &v)
    }

    private func hanNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        guard post.profile.count(.han) > 0 else { return }
        let start = v.count
        let s = hanSeed
        let maxN = config.maxHanNgram
        // The last (up to 3) Han characters of the current run; spans and non-Han characters end a run.
        var previous: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var runLength = 0
        let spans = post.spans
        var sp = 0
        var i = 0
        while i < text.count {
            if sp < spans.count && i >= spans[sp].start {
                i = max(i, spans[sp].end)
                sp += 1
                runLength = 0
                continue
            }
            if text[i] < 0x80 { runLength = 0; i += 1; continue }
            let (c, len) = UTF8Scalar.decode(text, i)
            i += len
            guard UTF8Scalar.isHan(c) else { runLength = 0; continue }
            previous = (previous.1, previous.2, c)
            runLength += 1
            // n-grams ending at this character, shortest first (the last k of `previous`).
            for k in 1...min(runLength, maxN) {
                var h = s
                if k >= 3 { h = FeatureHash.combine(h, UInt64(previous.0)) }
                if k >= 2 { h = FeatureHash.combine(h, UInt64(previous.1)) }
                h = FeatureHash.combine(h, UInt64(previous.2))
                appendIndex(h, "Han `\(FeatureExtractor.hanName(previous, k))`", into: &v)
            }
        }
        scale(from: start, &v)
    }

    private static func hanName(_ p: (UInt32, UInt32, UInt32), _ k: Int) -> String {
        let all = [p.0, p.1, p.2].suffix(k)
        return String(String.UnicodeScalarView(all.compactMap(Unicode.Scalar.init)))
    }

    private func bucketLabel(_ x: Int, _ edges: [Int]) -> String {
        // edges ascending: returns "0", "1", "2-4", ..., "N+"
        var lo = 0
        for e in edges {
            if x < e { return lo == e - 1 ? "\(lo)" : "\(lo)-\(e - 1)" }
            lo = e
        }
        return "\(lo)+"
    }

    private func scriptIndicators(into v: inout FeatureVector) {
        let p = post.profile
        let han = p.count(.han)
        let hanB = bucketLabel(han, [1, 2, 5, 20])
        indicator(.script, "han:\(hanB)", { "\(han) Han characters" }, into: &v)
        let lw = p.latinWords
        let lwB = bucketLabel(lw, [1, 2, 4, 10])
        indicator(.script, "latin-words:\(lwB)", { "\(lw) English words" }, into: &v)
        if p.isJapanese { indicator(.script, "kana", { "Japanese kana" }, into: &v) }
        if p.isKorean { indicator(.script, "hangul", { "Korean Hangul" }, into: &v) }
        if p.count(.cyrillic) > 0 { indicator(.script, "cyrillic", { "Cyrillic letters" }, into: &v) }
        if p.count(.greek) > 0 { indicator(.script, "greek", { "Greek letters" }, into: &v) }
        if p.count(.other) > 0 { indicator(.script, "other-script", { "letters of another script" }, into: &v) }
        if p.totalLetters > 0 {
            let share = p.share(.han)
            let edges: [Double] = [0.0001, 0.1, 0.3, 0.5, 0.7, 0.9]
            let k = edges.lastIndex { share >= $0 }.map { $0 + 1 } ?? 0
            indicator(.script, "han-share:\(k)", { "Han share \(Int(share * 100))%" }, into: &v)
        }
        let sw = p.switches
        indicator(.script, "switches:\(bucketLabel(sw, [1, 2, 3, 6]))", { "\(sw) script switches" }, into: &v)
        if p.hanInsideLatin > 0 { indicator(.script, "han-inside-latin", { "Han run inside English sentence" }, into: &v) }
        if p.latinInsideHan > 0 { indicator(.script, "latin-inside-han", { "English run inside Chinese sentence" }, into: &v) }
        let cp = p.cjkPunctuation
        if cp > 0 { indicator(.script, "cjk-punct:\(bucketLabel(cp, [1, 2, 5]))", { "\(cp) Chinese punctuation marks" }, into: &v) }
        if p.hanHashtags > 0 { indicator(.script, "han-hashtag", { "Chinese hashtag" }, into: &v) }
        for kind in SpanKind.allCases where p.spans[Int(kind.rawValue)] > 0 {
            indicator(.script, "span:\(kind)", { "contains \(kind.placeholder)" }, into: &v)
        }
        if p.looksMixedMandarinEnglish {
            indicator(.script, "mixed-rule", { "Han characters and English words together" }, into: &v)
            indicator(.script, "mixed-rule&latin-words:\(lwB)", { "Han characters with \(lw) English words" }, into: &v)
            indicator(.script, "mixed-rule&han:\(hanB)", { "\(han) Han characters with English words" }, into: &v)
        }
    }

    private func normalizationIndicators(into v: inout FeatureVector) {
        let r = post.report
        if r.fullWidthLatin > 0 { indicator(.normalization, "fullwidth-latin", { "full-width Latin letters" }, into: &v) }
        if r.homoglyphs > 0 { indicator(.normalization, "homoglyphs", { "look-alike letters from another script" }, into: &v) }
        if r.invisibles > 0 { indicator(.normalization, "invisibles", { "invisible characters inside words" }, into: &v) }
        if r.fullWidthPunctuation > 0 { indicator(.normalization, "fullwidth-punct", { "full-width punctuation" }, into: &v) }
    }

    private func shapeIndicators(into v: inout FeatureVector) {
        let sh = post.shape
        let n = post.tokens.count
        indicator(.shape, "tokens:\(bucketLabel(n, [1, 2, 4, 8, 16, 32, 64]))", { "\(n) words" }, into: &v)
        if sh.startsLowercase { indicator(.shape, "starts-lowercase", { "starts with a lower-case letter" }, into: &v) }
        if sh.endsWithPeriod { indicator(.shape, "ends-period", { "ends with a full stop" }, into: &v) }
        if sh.exclamations > 0 { indicator(.shape, "exclamation", { "exclamation mark" }, into: &v) }
        if sh.questions > 0 { indicator(.shape, "question", { "question mark" }, into: &v) }
        if sh.emoji > 0 { indicator(.shape, "emoji", { "emoji" }, into: &v) }
        if sh.newlines > 0 { indicator(.shape, "newline", { "line breaks" }, into: &v) }
        let letters = sh.uppercase + sh.lowercase
        if letters >= 8 && sh.uppercase * 2 > letters { indicator(.shape, "mostly-caps", { "mostly capitals" }, into: &v) }
    }
}
