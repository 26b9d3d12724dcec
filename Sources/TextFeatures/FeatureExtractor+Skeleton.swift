/// The `skeleton` family: n-grams (`FeatureConfig.minSkeletonNgram...maxSkeletonNgram`, default
/// 2–4) over the post's grammar with its topic taken out. Function words (`FunctionWords`) and punctuation stay as they are, every other word becomes its word
/// class (`SkeletonClass`: `‹-ing›`, `‹-tion›`, `‹num›`, ...), links/handles/hashtags/e-mails are
/// left out, and `‹s›` marks both ends of the post: `The epidemic prevention and control work
/// has achieved results.` → `‹s› the ‹w› ‹w› and ‹w› ‹w› has ‹-ed› ‹-s› . ‹s›`.
/// Translationese and learner English differ from native English in this skeleton more than in
/// their topics, and it carries across years and sources where topic words do not.
/// The `skelchars` family (`FeatureExtractor+SkeletonChars`) reads the same sequence as text.
extension FeatureExtractor {
    static let boundaryHash = FeatureHash.hash("‹s›")

    /// Writes the post's skeleton (its tokens' hashes, boundaries included) into `skeletonHashes`,
    /// with `asText` also the skeleton as text into `skeletonText` (for `skeletonCharNgrams`), and
    /// with `ngrams` appends the skeleton family's n-grams to `v`. One function: split in two, the
    /// shipped model (skeleton alone) paid ~100 more instructions per post (callgrind).
    func skeletonNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector, ngrams: Bool, asText: Bool) {
        // Specialised twice, so the skeleton alone pays no test per token for the text.
        if asText {
            var chars = skeletonText
            chars.count = 0
            skeletonNgrams(text, into: &v, ngrams: ngrams, writing: &chars)
            skeletonText = chars
        } else {
            var none = NoSkeletonText()
            skeletonNgrams(text, into: &v, ngrams: ngrams, writing: &none)
        }
    }

    private func skeletonNgrams<Sink: SkeletonTextSink>(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector,
                                                        ngrams: Bool, writing chars: inout Sink) {
        let names = recordNames
        // The token sequence goes into a buffer reused from post to post (no Array append).
        var hs = skeletonHashes
        hs.count = 0
        // The text buffer is only touched when asked for (read and written back: two accesses).
        let functionWords = FunctionWords.hashes, classHashes = SkeletonClass.hashes
        var tokenNames: [String] = []
        let spans = post.spans
        let tokens = post.tokens
        // The word family (run just before) left each token's FNV-1a hash in `tokenHashes`.
        let wordHashes = tokenHashes  // one read of the class property, not one per token
        let known = uses(.word) && wordHashes.count == tokens.count
        hs.append(FeatureExtractor.boundaryHash)
        if names { tokenNames.append("‹s›") }
        // The text form: one space first, then each token followed by one space.
        chars.start()
        var sp = 0
        var gapStart = 0
        for (k, t) in tokens.enumerated() {
            // Most gaps are one space: nothing to look at.
            if Int(t.start) - gapStart > 1 || (Int(t.start) - gapStart == 1 && text[gapStart] != 0x20) {
                FeatureExtractor.punctuation(text, gapStart..<Int(t.start)) { p in
                    hs.append(FeatureHash.step(FeatureHash.offsetBasis, p))
                    if names { tokenNames.append(String(decoding: [p], as: UTF8.self)) }
                    chars.token(p)
                }
            }
            gapStart = Int(t.end)
            while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
            // Links, handles, hashtags and e-mails are not grammar (and mark tweets, not writers).
            if sp < spans.count && spans[sp].start < Int(t.end) { continue }
            let word = UnsafeBufferPointer(rebasing: text[t.range])
            let whole = known ? wordHashes[k] : FeatureHash.hash(word)
            if t.kind == .letter && functionWords.contains(whole) {
                hs.append(whole)
                if names { tokenNames.append(String(decoding: word, as: UTF8.self)) }
                chars.token(word)
                continue
            }
            let cls: SkeletonClass
            switch t.kind {
            case .number: cls = .number
            case .kana, .ideographic: cls = .cjk
            case .letter:
                if word[0] < 0x80 {
                    cls = SkeletonClass.of(latin: word)
                } else {
                    switch Script.of(UTF8Scalar.decode(word, 0).value) {
                    case .latin: cls = SkeletonClass.of(latin: word)
                    case .han, .kana, .hangul: cls = .cjk
                    default: cls = .other
                    }
                }
            }
            let h = classHashes[Int(cls.rawValue)]
            // A run of CJK words is one ‹cjk› (dictionary segmentation is not grammar here).
            if cls == .cjk && hs.last == h { continue }
            hs.append(h)
            if names { tokenNames.append(cls.name) }
            chars.token(cls.mark)
        }
        FeatureExtractor.punctuation(text, gapStart..<text.count) { p in
            hs.append(FeatureHash.step(FeatureHash.offsetBasis, p))
            if names { tokenNames.append(String(decoding: [p], as: UTF8.self)) }
            chars.token(p)
        }
        hs.append(FeatureExtractor.boundaryHash)
        if names { tokenNames.append("‹s›") }
        skeletonHashes = hs
        guard ngrams else { return }
        var w = beginFamily()
        let n = hs.count
        let minN = config.minSkeletonNgram, maxN = config.maxSkeletonNgram
        let s = skeletonSeed
        w.reserve(n * maxN)
        if !names && minN == 2 && maxN == 3 {
            // The default 2–3 grams, unrolled (same order: by start, then length).
            var i = 0
            while i + 2 < n {
                let h2 = FeatureHash.combine(FeatureHash.combine(s, hs[i]), hs[i + 1])
                w.append(h2)
                w.append(FeatureHash.combine(h2, hs[i + 2]))
                i += 1
            }
            w.append(FeatureHash.combine(FeatureHash.combine(s, hs[n - 2]), hs[n - 1]))
            endFamily(w, into: &v)
            return
        }
        for i in 0..<n {
            var h = FeatureHash.combine(s, hs[i])
            // A lone boundary is in every post: no information.
            if minN == 1 && i > 0 && i < n - 1 {
                w.append(h)
                if names && nameWanted(w) { record("skeleton `\(tokenNames[i])`", w, into: &v) }
            }
            var j = i + 1
            while j < n && j - i < maxN {
                h = FeatureHash.combine(h, hs[j])
                if j - i + 1 >= minN {
                    w.append(h)
                    if names && nameWanted(w) { record("skeleton `\(tokenNames[i...j].joined(separator: " "))`", w, into: &v) }
                }
                j += 1
            }
        }
        endFamily(w, into: &v)
    }

    /// Calls `emit` with the ASCII punctuation mark of each run of punctuation in `text[range]`
    /// (a gap between tokens): `,` `.` `;` `:` `!` `?` `(` `)` `"` `'` `-`. A run of one mark
    /// (`...`, `!!`) is one mark; curly quotes, dashes, the ellipsis and CJK full stops and commas
    /// count as their ASCII mark, so a typographic habit of one source is not learnt.
    @inline(__always)
    static func punctuation(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ emit: (UInt8) -> Void) {
        var i = range.lowerBound
        var last: UInt8 = 0
        while i < range.upperBound {
            let b = text[i]
            var mark: UInt8 = 0
            if b < 0x80 {
                switch b {
                case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                     UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                     UInt8(ascii: "-"):
                    mark = b
                default: break
                }
                i += 1
            } else {
                let (c, len) = UTF8Scalar.decode(text, i)
                i += len
                switch c {
                case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: mark = UInt8(ascii: "\"")
                case 0x2018, 0x2019: mark = UInt8(ascii: "'")
                case 0x2013, 0x2014, 0x2015: mark = UInt8(ascii: "-")
                case 0x2026, 0x3002: mark = UInt8(ascii: ".")
                case 0x3001: mark = UInt8(ascii: ",")
                default: break
                }
            }
            if mark != 0 && mark != last { emit(mark) }
            if mark != 0 { last = mark } else if b != UInt8(ascii: " ") { last = 0 }
        }
    }
}
