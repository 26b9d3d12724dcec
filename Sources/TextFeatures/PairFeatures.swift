/// How a reply relates to the post it answers, measured on content words.
public struct PairSimilarity: Equatable, Sendable {
    /// Cosine of the tf-idf vectors of content words (0...1).
    public var cosine: Float = 0
    /// Cosine of character 4-gram counts of content words (catches `diabetes` / `diabetic`).
    public var charCosine: Float = 0
    /// Distinct content words the two share.
    public var sharedWords = 0
    /// Content words in the reply and the parent.
    public var replyWords = 0
    public var parentWords = 0
    /// The dominant scripts of reply and parent differ (English reply to a Chinese question).
    public var scriptMismatch = false
    /// log2(reply tokens / parent tokens), rounded.
    public var lengthRatioLog2 = 0

    public init() {}
}

/// Computes `PairSimilarity` for a reply and its parent from their content-word hashes.
public enum PairFeatures {
    /// Similarity of reply and parent. `df` weighs words by rarity (nil: all words weigh 1).
    public static func similarity(reply: [UInt64], replyStems: [Range<Int>], replyText: UnsafeBufferPointer<UInt8>,
                                  parent: [UInt64], parentStems: [Range<Int>], parentText: UnsafeBufferPointer<UInt8>,
                                  replyTokens: Int, parentTokens: Int,
                                  replyScript: Script?, parentScript: Script?,
                                  df: DocumentFrequencies?) -> PairSimilarity {
        var scratch = PairScratch()
        return similarity(reply: reply, replyStems: replyStems, replyText: replyText,
                          parent: parent, parentStems: parentStems, parentText: parentText,
                          replyTokens: replyTokens, parentTokens: parentTokens,
                          replyScript: replyScript, parentScript: parentScript, df: df, scratch: &scratch)
    }

    /// The same, reusing `scratch` (no allocation once its buffers have grown).
    static func similarity(reply: [UInt64], replyStems: [Range<Int>], replyText: UnsafeBufferPointer<UInt8>,
                           parent: [UInt64], parentStems: [Range<Int>], parentText: UnsafeBufferPointer<UInt8>,
                           replyTokens: Int, parentTokens: Int,
                           replyScript: Script?, parentScript: Script?,
                           df: DocumentFrequencies?, scratch: inout PairScratch) -> PairSimilarity {
        var s = PairSimilarity()
        scratch.reply.fill(counting: reply)
        scratch.parent.fill(counting: parent)
        s.replyWords = scratch.reply.count
        s.parentWords = scratch.parent.count
        s.scriptMismatch = replyScript != nil && parentScript != nil && replyScript != parentScript
        let r = Double(max(replyTokens, 1)) / Double(max(parentTokens, 1))
        s.lengthRatioLog2 = Int((log2(r)).rounded())
        if let df {
            scratch.reply.scaleWeights(df.idf)
            scratch.parent.scaleWeights(df.idf)
        }
        s.sharedWords = scratch.reply.sharedCount(scratch.parent)
        s.cosine = scratch.reply.cosine(scratch.parent)
        charGrams(replyText, replyStems, into: &scratch.replyGrams)
        charGrams(parentText, parentStems, into: &scratch.parentGrams)
        s.charCosine = scratch.replyGrams.cosine(scratch.parentGrams)
        return s
    }

    /// Counts of the character 4-grams of each stem (a shorter stem counts as one gram).
    static func charGrams(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>], into bag: inout HashBag) {
        bag.removeAll()
        for st in stems {
            if st.count < 4 { bag.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[st]))); continue }
            for i in st.lowerBound...(st.upperBound - 4) {
                bag.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[i..<(i + 4)])))
            }
        }
        bag.countOccurrences()
    }

    static let cosThresholds: [Float] = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5]
    static let charCosThresholds: [Float] = [0.05, 0.1, 0.2, 0.3, 0.5]
    static let sharedThresholds = [1, 2, 3, 5]
    static let replySharedThresholds: [Float] = [0.1, 0.25, 0.5]
    static let lengthRatios = -4...4

    /// Every indicator key, in a fixed order; `indicators(ids:)` emits indices into it, so a caller
    /// can hash the keys once (`FeatureExtractor` does) instead of building strings per post.
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
        return k
    }()

    /// Indicator features for a similarity: (stable key, readable name). Thresholds are
    /// cumulative so a linear model can learn any monotone effect.
    public static func indicators(_ s: PairSimilarity, _ emit: (String, () -> String) -> Void) {
        indicators(ids: s) { id, name in withoutActuallyEscaping(name) { emit(indicatorKeys[id], $0) } }
    }

    /// The same indicators as indices into `indicatorKeys`.
    static func indicators(ids s: PairSimilarity, _ emit: (Int, () -> String) -> Void) {
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
    }

    static func format2(_ x: Float) -> String {
        let v = (x * 100).rounded() / 100
        var s = String(v)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
