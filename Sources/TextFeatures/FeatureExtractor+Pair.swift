/// The `pair` family: how a reply relates to its parent (content-word and stem overlap, numbers,
/// script mismatch, question type against answer form), computed by `PairFeatures`.
extension FeatureExtractor {
    /// The pair family for the post just analysed and `parentPost`.
    func pairFeatures(_ norm: UnsafeBufferPointer<UInt8>, into vector: inout FeatureVector) {
        let version = config.pairVersion
        // The word family (hashed just before) left each token's hash in `tokenHashes`.
        let known = uses(.word) && tokenHashes.count == post.tokens.count ? tokenHashes : nil
        ContentWords.collect(norm, tokens: post.tokens, spans: post.spans, tokenHashes: known, into: &content, stems: &stems, version: version)
        if version >= 2 { ContentWords.numbers(norm, tokens: post.tokens, spans: post.spans, into: &numbers) }
        parentPost.normalized.withUnsafeBufferPointer { pnorm in
            ContentWords.collect(pnorm, tokens: parentPost.tokens, spans: parentPost.spans, into: &parentContent, stems: &parentStems, version: version)
            if version >= 2 { ContentWords.numbers(pnorm, tokens: parentPost.tokens, spans: parentPost.spans, into: &parentNumbers) }
            var sim = PairFeatures.similarity(
                reply: .init(words: content, stems: stems, numbers: numbers, text: norm, tokens: post.tokens.count),
                parent: .init(words: parentContent, stems: parentStems, numbers: parentNumbers, text: pnorm, tokens: parentPost.tokens.count),
                scriptMismatch: Self.scriptMismatch(post, parentPost, version: version),
                df: documentFrequencies, version: version, scratch: &pairScratch)
            if version >= 2 {
                sim.question = QuestionType.of(pnorm, tokens: parentPost.tokens)
                sim.answer = AnswerForm(norm, tokens: post.tokens)
            }
            lastSimilarity = sim
            if recordNames {
                PairFeatures.indicators(ids: sim, version: version, parentText: pnorm) { id, name in
                    emit(pairKeyHashes[id], name, into: &vector)
                }
            } else {
                pairIndicators(sim, version: version, into: &vector)
            }
        }
    }

    /// The pair indicators of `sim` without names: their buckets gathered in a stack buffer and
    /// appended to `vector` at once (the indices and values `emit` would append one by one).
    func pairIndicators(_ sim: PairSimilarity, version: Int, into vector: inout FeatureVector) {
        let capacity = PairFeatures.indicatorKeys.count
        let keys = pairKeyHashes
        let buckets = indicatorRegion > 0 ? indicatorRegion : bucketCount
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { buffer in
            var n = 0
            PairFeatures.indicators(ids: sim, version: version, parentText: nil) { id, _ in
                if n == capacity { // never: each indicator is emitted at most once
                    vector.indices.append(contentsOf: UnsafeBufferPointer(buffer))
                    vector.values.append(contentsOf: repeatElement(1, count: n))
                    n = 0
                }
                buffer[n] = FeatureHash.bucket(keys[id], bucketCount: buckets)
                n += 1
            }
            vector.indices.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<n]))
            vector.values.append(contentsOf: repeatElement(1, count: n))
        }
    }

    /// Version 1: the dominant scripts differ. Version 2: under a fifth of the reply's letters are
    /// in the parent's dominant script (a mixed Chinese–English reply to a Chinese question is not
    /// a mismatch, whichever script has more letters).
    static func scriptMismatch(_ reply: TextAnalysis, _ parent: TextAnalysis, version: Int) -> Bool {
        guard let r = reply.dominantScript, let p = parent.dominantScript else { return false }
        if version < 2 { return r != p }
        return reply.profile.share(p) < 0.2
    }

    /// The similarity between a reply and its parent (for reports and tests).
    public func pairSimilarity(text: String, parent: String) -> PairSimilarity {
        var a = TextAnalysis(), b = TextAnalysis()
        var t = text, p = parent
        t.withUTF8 { analyze($0, into: &a) }
        p.withUTF8 { analyze($0, into: &b) }
        let version = config.pairVersion
        var ca: [UInt64] = [], sa: [Range<Int>] = [], cb: [UInt64] = [], sb: [Range<Int>] = [], na: [UInt64] = [], nb: [UInt64] = []
        return a.normalized.withUnsafeBufferPointer { ta in
            b.normalized.withUnsafeBufferPointer { tb in
                ContentWords.collect(ta, tokens: a.tokens, spans: a.spans, into: &ca, stems: &sa, version: version)
                ContentWords.collect(tb, tokens: b.tokens, spans: b.spans, into: &cb, stems: &sb, version: version)
                ContentWords.numbers(ta, tokens: a.tokens, spans: a.spans, into: &na)
                ContentWords.numbers(tb, tokens: b.tokens, spans: b.spans, into: &nb)
                var s = PairFeatures.similarity(reply: .init(words: ca, stems: sa, numbers: na, text: ta, tokens: a.tokens.count),
                                                parent: .init(words: cb, stems: sb, numbers: nb, text: tb, tokens: b.tokens.count),
                                                scriptMismatch: Self.scriptMismatch(a, b, version: version),
                                                df: documentFrequencies, version: version)
                if version >= 2 {
                    s.question = QuestionType.of(tb, tokens: b.tokens)
                    s.answer = AnswerForm(ta, tokens: a.tokens)
                }
                return s
            }
        }
    }

    // MARK: - Appending features
}
