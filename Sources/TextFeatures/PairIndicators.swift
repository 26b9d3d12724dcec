/// The pair family's indicator features (value 1): cumulative thresholds on each `PairSimilarity`
/// measure, so a linear model can learn any monotone effect, with readable names for reasons.
extension PairFeatures {
    static let cosThresholds: [Float] = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5]
    static let charCosThresholds: [Float] = [0.05, 0.1, 0.2, 0.3, 0.5]
    static let sharedThresholds = [1, 2, 3, 5]
    static let replySharedThresholds: [Float] = [0.1, 0.25, 0.5]
    static let lengthRatios = -4...4
    // Pair version 2.
    static let coverThresholds: [Float] = [0.05, 0.15, 0.3, 0.5]
    static let rareThresholds: [Float] = [3, 5, 7]
    static let prefixThresholds = [1, 2, 4]
    // Pair version 4.
    static let meaningThresholds: [Float] = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]

    /// Every indicator key, in a fixed order; `indicators(ids:)` emits indices into it, so a caller
    /// can hash the keys once (`FeatureExtractor` does) instead of building strings per post.
    /// Keys of version 1 come first and keep their index.
    public static let indicatorKeys: [String] = {
        var k = ["parent-given", "cos=0"]
        k += cosThresholds.map { "cos>=\($0)" }
        k += cosThresholds.map { "cos<\($0)" }
        k += charCosThresholds.map { "ccos>=\($0)" }
        k += charCosThresholds.map { "ccos<\($0)" }
        k += sharedThresholds.map { "shared>=\($0)" }
        k += sharedThresholds.map { "shared<\($0)" }
        k += replySharedThresholds.map { "reply-shared>=\($0)" }
        k.append("script-mismatch")
        k += lengthRatios.map { "len-ratio=\($0)" }
        // version 2
        k += coverThresholds.map { "cover>=\($0)" }
        k += coverThresholds.map { "cover<\($0)" }
        k += ["key-word-shared", "key-word-missing"]
        k += rareThresholds.map { "rare-shared>=\($0)" }
        k += prefixThresholds.map { "prefix-shared>=\($0)" }
        k.append("prefix-shared=0")
        k.append("numbers-shared")
        k += ["opens-with-parent-word", "what&opens-with-parent-word"]
        k += ["yesno&opens-yesno", "yesno&not-yesno", "quantity&number", "quantity&no-number"]
        // version 3
        k += coverThresholds.map { "related-cover>=\($0)" }
        k += coverThresholds.map { "related-cover<\($0)" }
        k += ["related-word", "related-words>=2", "key-word-related"]
        // version 4
        k += meaningThresholds.map { "meaning>=\($0)" }
        k += meaningThresholds.map { "meaning<\($0)" }
        k.append("meaning-unknown")
        return k
    }()
    static let version2Start = indicatorKeys.firstIndex(of: "cover>=0.05")!
    static let version3Start = indicatorKeys.firstIndex(of: "related-cover>=0.05")!
    static let version4Start = indicatorKeys.firstIndex(of: "meaning>=0.0")!

    /// Indicator features for a similarity: (stable key, readable name).
    public static func indicators(_ s: PairSimilarity, version: Int = FeatureConfig.currentPairVersion,
                                  parentText: UnsafeBufferPointer<UInt8>? = nil, _ emit: (String, () -> String) -> Void) {
        indicators(ids: s, version: version, parentText: parentText) { id, name in
            withoutActuallyEscaping(name) { emit(indicatorKeys[id], $0) }
        }
    }

    /// The same indicators as indices into `indicatorKeys`. `parentText` (the parent's normalised
    /// text) lets a name quote the parent's key word.
    static func indicators(ids s: PairSimilarity, version: Int, parentText: UnsafeBufferPointer<UInt8>?,
                           _ emit: (Int, () -> String) -> Void) {
        let cosGE = 2, cosLT = cosGE + cosThresholds.count
        let ccosGE = cosLT + cosThresholds.count, ccosLT = ccosGE + charCosThresholds.count
        let sharedGE = ccosLT + charCosThresholds.count, sharedLT = sharedGE + sharedThresholds.count
        let replyShared = sharedLT + sharedThresholds.count
        let mismatch = replyShared + replySharedThresholds.count, lenRatio = mismatch + 1
        emit(0) { "reply to a parent" }
        if s.cosine == 0 { emit(1) { "no content word in common with parent (similarity 0)" } }
        for (i, t) in cosThresholds.enumerated() where s.cosine >= t {
            emit(cosGE + i) { "similarity to parent \(format2(s.cosine)) (≥ \(t))" }
        }
        for (i, t) in cosThresholds.enumerated() where s.cosine < t {
            emit(cosLT + i) { "similarity to parent \(format2(s.cosine)) (< \(t))" }
        }
        for (i, t) in charCosThresholds.enumerated() {
            if s.charCosine >= t { emit(ccosGE + i) { "character overlap with parent \(format2(s.charCosine)) (≥ \(t))" } }
            else { emit(ccosLT + i) { "character overlap with parent \(format2(s.charCosine)) (< \(t))" } }
        }
        let shared = s.sharedWords
        for (i, t) in sharedThresholds.enumerated() {
            if shared >= t { emit(sharedGE + i) { "\(shared) content words shared with parent" } }
            else { emit(sharedLT + i) { "\(shared) content words shared with parent" } }
        }
        if s.replyWords > 0 {
            let frac = Float(shared) / Float(s.replyWords)
            for (i, t) in replySharedThresholds.enumerated() where frac >= t {
                emit(replyShared + i) { "\(Int(frac * 100))% of reply's content words come from parent" }
            }
        }
        if s.scriptMismatch { emit(mismatch) { "reply and parent in different scripts" } }
        let lr = max(-4, min(4, s.lengthRatioLog2))
        emit(lenRatio + lr - lengthRatios.lowerBound) { "reply length ≈ 2^\(lr) × parent" }
        guard version >= 2 else { return }
        version2(s, parentText: parentText, emit)
        guard version >= 3 else { return }
        version3(s, parentText: parentText, emit)
        guard version >= 4 else { return }
        version4(s, emit)
    }

    static func version4(_ s: PairSimilarity, _ emit: (Int, () -> String) -> Void) {
        let ge = version4Start, lt = ge + meaningThresholds.count, unknown = lt + meaningThresholds.count
        guard let m = s.meaning else {
            if s.parentWords > 0 && s.replyWords > 0 { emit(unknown) { "no word with a known meaning to compare with the parent" } }
            return
        }
        for (i, t) in meaningThresholds.enumerated() {
            if m >= t { emit(ge + i) { "meaning close to the parent's \(format2(m)) (≥ \(t))" } }
            else { emit(lt + i) { "meaning far from the parent's \(format2(m)) (< \(t))" } }
        }
    }

    static func version3(_ s: PairSimilarity, parentText: UnsafeBufferPointer<UInt8>?, _ emit: (Int, () -> String) -> Void) {
        guard s.parentWords > 0 else { return }
        let coverGE = version3Start, coverLT = coverGE + coverThresholds.count
        let related = coverLT + coverThresholds.count
        let pct = Int((s.relatedCoverage * 100).rounded())
        for (i, t) in coverThresholds.enumerated() {
            if s.relatedCoverage >= t { emit(coverGE + i) { "reply uses or relates to \(pct)% of the parent's content (≥ \(Int(t * 100))%)" } }
            else { emit(coverLT + i) { "reply uses or relates to \(pct)% of the parent's content (< \(Int(t * 100))%)" } }
        }
        guard s.relatedWords > 0 else { return }
        let word = quote(s.relatedWord, parentText)
        emit(related) { "reply uses a word related to the parent's\(word)" }
        if s.relatedWords >= 2 { emit(related + 1) { "reply uses words related to \(s.relatedWords) of the parent's words" } }
        if s.keyWordRelated { emit(related + 2) { "reply uses a word related to the parent's key word\(word)" } }
    }

    /// ` `word`` for a byte range of the parent's text ("" when unknown).
    static func quote(_ range: Range<Int>?, _ text: UnsafeBufferPointer<UInt8>?) -> String {
        guard let r = range, let t = text, r.upperBound <= t.count else { return "" }
        return " `" + String(decoding: UnsafeBufferPointer(rebasing: t[r]), as: UTF8.self) + "`"
    }

    static func version2(_ s: PairSimilarity, parentText: UnsafeBufferPointer<UInt8>?, _ emit: (Int, () -> String) -> Void) {
        let coverGE = version2Start, coverLT = coverGE + coverThresholds.count
        let keyShared = coverLT + coverThresholds.count, rare = keyShared + 2
        let prefix = rare + rareThresholds.count, noPrefix = prefix + prefixThresholds.count
        let numbers = noPrefix + 1, opens = numbers + 1, qa = opens + 2
        if s.parentWords > 0 {
            let pct = Int((s.parentCoverage * 100).rounded())
            for (i, t) in coverThresholds.enumerated() {
                if s.parentCoverage >= t { emit(coverGE + i) { "reply uses \(pct)% of the parent's content (≥ \(Int(t * 100))%)" } }
                else { emit(coverLT + i) { "reply uses \(pct)% of the parent's content (< \(Int(t * 100))%)" } }
            }
            let word = quote(s.keyWord, parentText)
            if s.keyWordShared { emit(keyShared) { "reply uses the parent's key word\(word)" } }
            else { emit(keyShared + 1) { "reply does not use the parent's key word\(word)" } }
        }
        for (i, t) in rareThresholds.enumerated() where s.maxSharedIDF >= t {
            emit(rare + i) { "shares a rare word with parent (idf \(format2(s.maxSharedIDF)) ≥ \(format2(t)))" }
        }
        for (i, t) in prefixThresholds.enumerated() where s.sharedPrefixes >= t {
            emit(prefix + i) { "\(s.sharedPrefixes) word beginnings shared with parent" }
        }
        if s.sharedPrefixes == 0 && s.parentWords > 0 && s.replyWords > 0 { emit(noPrefix) { "no word beginning shared with parent" } }
        if s.sharedNumbers > 0 { emit(numbers) { "\(s.sharedNumbers) numbers shared with parent" } }
        if s.opensWithParentWord {
            emit(opens) { "reply opens with a word of the parent" }
            if s.question == .what { emit(opens + 1) { "what-question, reply opens with its word" } }
        }
        switch s.question {
        case .yesNo:
            if s.answer.opensYesNo { emit(qa) { "yes/no question, reply opens with yes/no" } }
            else { emit(qa + 1) { "yes/no question, reply does not open with yes/no" } }
        case .quantity:
            if s.answer.hasNumber { emit(qa + 2) { "how-many/much question, reply has a number" } }
            else { emit(qa + 3) { "how-many/much question, reply has no number" } }
        default:
            break
        }
    }
}
