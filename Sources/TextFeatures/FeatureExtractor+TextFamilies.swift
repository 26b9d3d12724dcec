/// The text families: word 1–3 grams, Latin byte n-grams, Han character n-grams. Each hashes
/// into an `IndexWriter` and ends with unit L2 norm.
extension FeatureExtractor {
    /// Word n-grams over the tokens; a span (link, handle, hashtag, e-mail) is its placeholder word.
    func wordNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        let s = wordSeed
        let names = recordNames
        var hashes: [UInt64] = []
        swap(&hashes, &tokenHashes)
        let spans = post.spans
        let tokens = post.tokens
        let n = tokens.count
        // One hash per token, written in place (the chars and skeleton families read them next).
        if hashes.count > n { hashes.removeLast(hashes.count - n) }
        if hashes.count < n { hashes.append(contentsOf: repeatElement(0, count: n - hashes.count)) }
        var wordNames: [String] = []
        guard let t0 = text.baseAddress else { swap(&hashes, &tokenHashes); return }
        let maxN = config.maxWordNgram
        var w = beginFamily()
        w.reserve(n * maxN)
        hashes.withUnsafeMutableBufferPointer { hs in
            var sp = 0
            for k in 0..<n {
                let t = tokens[k]
                // Tokens never cross spans: a token overlapping one is the span itself.
                while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
                if sp < spans.count && spans[sp].start < Int(t.end) {
                    let kind = spans[sp].kind
                    hs[k] = FeatureExtractor.placeholderHashes[Int(kind.rawValue)]
                    if names { wordNames.append(kind.placeholder) }
                    continue
                }
                var h = FeatureHash.offsetBasis
                var i = Int(t.start)
                let end = Int(t.end)
                while i < end { h = FeatureHash.step(h, t0[i]); i += 1 }
                hs[k] = h
                if names { wordNames.append(String(decoding: UnsafeBufferPointer(rebasing: text[t.range]), as: UTF8.self)) }
            }
            if !names && maxN == 2 {
                // The default 1–2 grams, in the same order (by start, then length).
                for i in 0..<n {
                    let h = FeatureHash.combine(s, hs[i])
                    w.append(h)
                    if i + 1 < n { w.append(FeatureHash.combine(h, hs[i + 1])) }
                }
                return
            }
            for i in 0..<n {
                var h = FeatureHash.combine(s, hs[i])
                w.append(h)
                if names && nameWanted(w) { record("word `\(wordNames[i])`", w, into: &v) }
                var j = i + 1
                while j < n && j - i < maxN {
                    h = FeatureHash.combine(h, hs[j])
                    w.append(h)
                    if names && nameWanted(w) { record("n-gram `\(wordNames[i...j].joined(separator: " "))`", w, into: &v) }
                    j += 1
                }
            }
        }
        swap(&hashes, &tokenHashes)
        endFamily(w, into: &v)
    }

    /// Byte 2–5 grams of each Latin letter token of at most 40 bytes, with `<` `>` around the word.
    /// Scoring takes the plain loop; explanations the naming one (kept apart: naming code inside
    /// the plain loop cost it 8 % more instructions).
    func charNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        if recordNames { namedCharNgrams(text, into: &v) } else { plainCharNgrams(text, into: &v) }
    }

    private func plainCharNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        let s = charSeed
        let minN = config.minCharNgram, maxN = config.maxCharNgram
        let unrolled = (minN == 2 || minN == 3) && maxN == 5
        var w = beginFamily()
        forEachCharWord(text) { word, total in
            w.reserve(total * (maxN - minN + 1))
            if unrolled {
                FeatureExtractor.charGramsTo5(UnsafeBufferPointer(rebasing: word[0..<total]), from: minN, seed: s, into: &w)
                return
            }
            FeatureExtractor.charGrams(word, total, minN, maxN, seed: s, into: &w) { _, _, _ in }
        }
        endFamily(w, into: &v)
    }

    private func namedCharNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        let s = charSeed
        let minN = config.minCharNgram, maxN = config.maxCharNgram
        var w = beginFamily()
        forEachCharWord(text) { word, total in
            w.reserve(total * (maxN - minN + 1))
            if filtering && (minN == 2 || minN == 3) && maxN == 5 {
                let before = w.count
                FeatureExtractor.charGramsTo5(UnsafeBufferPointer(rebasing: word[0..<total]), from: minN, seed: s, into: &w)
                if !wantsName(in: w, from: before) && !FeatureExtractor.hasNonASCII(word, total) { return }
                w.count = before  // a feature of this word is to be named: hash it again below
            }
            FeatureExtractor.charGrams(word, total, minN, maxN, seed: s, into: &w) { w, a, b in
                // Cut inside a character: the name shows U+FFFD, shared with other n-grams.
                let cut = word[a] & 0xC0 == 0x80 || (b < total && word[b] & 0xC0 == 0x80)
                if nameWanted(w, always: cut) { record("characters `\(String(decoding: UnsafeBufferPointer(rebasing: word[a..<b]), as: UTF8.self))`", w, into: &v) }
            }
        }
        endFamily(w, into: &v)
    }

    /// Every byte `minN`…`maxN`-gram of `word[0..<total]`, by start then length: appended to `w`,
    /// then `appended(w, a, b)` with the gram `word[a..<b]` (naming; an empty closure when scoring).
    @inline(__always)
    static func charGrams(_ word: UnsafeMutableBufferPointer<UInt8>, _ total: Int, _ minN: Int, _ maxN: Int, seed s: UInt64,
                          into w: inout IndexWriter, _ appended: (IndexWriter, Int, Int) -> Void) {
        for a in 0..<total {
            var h = s
            var b = a
            let last = min(total, a + maxN)
            while b < last {
                h = FeatureHash.step(h, word[b])
                b += 1
                if b - a >= minN {
                    w.append(h)
                    appended(w, a, b)
                }
            }
        }
    }

    /// Calls `body(word, total)` for each Latin letter token of at most 40 bytes that the chars
    /// family covers (not inside a link/handle/hashtag; function words skipped unless
    /// `charsOfFunctionWords`), with `word[0..<total]` = `<token>`.
    @inline(__always)
    private func forEachCharWord(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeMutableBufferPointer<UInt8>, Int) -> Void) {
        var sp = 0
        let spans = post.spans
        let tokens = post.tokens
        let maxWord = 40
        // Function words are skipped by their hash, which the word family (run just before) left in
        // `tokenHashes`; without it they are hashed here.
        let skipFunctionWords = !config.charsOfFunctionWords
        let functionWords = FunctionWords.hashes
        let wordHashes = tokenHashes
        let known = uses(.word) && wordHashes.count == tokens.count
        var k = -1
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxWord + 2) { word in
            for t in tokens {
                k += 1
                guard t.kind == .letter else { continue }
                while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
                if sp < spans.count && spans[sp].start < Int(t.end) { continue }
                let len = Int(t.end - t.start)
                guard len <= maxWord else { continue }
                if skipFunctionWords {
                    let h = known ? wordHashes[k] : FeatureHash.hash(UnsafeBufferPointer(rebasing: text[t.range]))
                    if functionWords.contains(h) { continue }
                }
                // Only Latin words: first byte an ASCII letter or a Latin-script scalar.
                let first = text[Int(t.start)]
                if first >= 0x80 {
                    guard Script.of(UTF8Scalar.decode(text, Int(t.start)).value) == .latin else { continue }
                }
                // `<word>`, then every n-gram of it.
                word[0] = UInt8(ascii: "<")
                UnsafeMutableRawPointer(word.baseAddress! + 1).copyMemory(from: text.baseAddress! + Int(t.start), byteCount: len)
                word[len + 1] = UInt8(ascii: ">")
                body(word, len + 2)
            }
        }
    }

    /// Whether the first `count` bytes of `word` hold a non-ASCII byte.
    static func hasNonASCII(_ word: UnsafeMutableBufferPointer<UInt8>, _ count: Int) -> Bool {
        for i in 0..<count where word[i] >= 0x80 { return true }
        return false
    }

    /// The byte `minN`–5 grams of `word` (`minN` 2 or 3), in the same order as the general loop (by
    /// start, then length), unrolled.
    @inline(__always)
    static func charGramsTo5(_ word: UnsafeBufferPointer<UInt8>, from minN: Int, seed s: UInt64, into w: inout IndexWriter) {
        let total = word.count
        let p = word.baseAddress!
        let bigrams = minN == 2
        var a = 0
        while a + 5 <= total {
            let h1 = FeatureHash.step(s, p[a])
            let h2 = FeatureHash.step(h1, p[a + 1])
            let h3 = FeatureHash.step(h2, p[a + 2])
            let h4 = FeatureHash.step(h3, p[a + 3])
            let h5 = FeatureHash.step(h4, p[a + 4])
            if bigrams { w.append(h2) }
            w.append(h3)
            w.append(h4)
            w.append(h5)
            a += 1
        }
        // The last starts: fewer than 5 bytes left, so grams of at most 4 bytes.
        while a + minN <= total {
            let h2 = FeatureHash.step(FeatureHash.step(s, p[a]), p[a + 1])
            if bigrams { w.append(h2) }
            if a + 3 <= total {
                let h3 = FeatureHash.step(h2, p[a + 2])
                w.append(h3)
                if a + 4 <= total { w.append(FeatureHash.step(h3, p[a + 3])) }
            }
            a += 1
        }
    }

    /// Han character 1–2 grams within runs of Han characters; spans and any other character end a run.
    func hanNgrams(_ text: UnsafeBufferPointer<UInt8>, into v: inout FeatureVector) {
        guard post.profile.count(.han) > 0 else { return }
        let s = hanSeed
        let names = recordNames
        let maxN = config.maxHanNgram
        // The last (up to 3) Han characters of the current run.
        var previous: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var runLength = 0
        let spans = post.spans
        var sp = 0
        var i = 0
        var w = beginFamily()
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
            let longest = min(runLength, maxN)
            w.reserve(longest)
            for k in 1...longest {
                var h = s
                if k >= 3 { h = FeatureHash.combine(h, UInt64(previous.0)) }
                if k >= 2 { h = FeatureHash.combine(h, UInt64(previous.1)) }
                h = FeatureHash.combine(h, UInt64(previous.2))
                w.append(h)
                if names && nameWanted(w) { record("Han `\(FeatureExtractor.hanName(previous, k))`", w, into: &v) }
            }
        }
        endFamily(w, into: &v)
    }

    private static func hanName(_ p: (UInt32, UInt32, UInt32), _ k: Int) -> String {
        let all = [p.0, p.1, p.2].suffix(k)
        return String(String.UnicodeScalarView(all.compactMap(Unicode.Scalar.init)))
    }
}
