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
        var s = PairSimilarity()
        s.replyWords = Set(reply).count
        s.parentWords = Set(parent).count
        s.scriptMismatch = replyScript != nil && parentScript != nil && replyScript != parentScript
        let r = Double(max(replyTokens, 1)) / Double(max(parentTokens, 1))
        s.lengthRatioLog2 = Int((log2(r)).rounded())
        func weights(_ hs: [UInt64]) -> [UInt64: Float] {
            var w: [UInt64: Float] = [:]
            for h in hs { w[h, default: 0] += 1 }
            if let df { for (h, tf) in w { w[h] = tf * df.idf(h) } }
            return w
        }
        let a = weights(reply), b = weights(parent)
        s.sharedWords = a.keys.reduce(0) { $0 + (b[$1] != nil ? 1 : 0) }
        s.cosine = cosine(a, b)
        s.charCosine = cosine(charGrams(replyText, replyStems), charGrams(parentText, parentStems))
        return s
    }

    static func cosine(_ a: [UInt64: Float], _ b: [UInt64: Float]) -> Float {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var dot: Float = 0
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        for (k, v) in small { if let w = large[k] { dot += v * w } }
        let na = a.values.reduce(0) { $0 + $1 * $1 }, nb = b.values.reduce(0) { $0 + $1 * $1 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    static func charGrams(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>]) -> [UInt64: Float] {
        var g: [UInt64: Float] = [:]
        for st in stems {
            if st.count < 4 { g[FeatureHash.hash(UnsafeBufferPointer(rebasing: text[st])), default: 0] += 1; continue }
            for i in st.lowerBound...(st.upperBound - 4) {
                g[FeatureHash.hash(UnsafeBufferPointer(rebasing: text[i..<(i + 4)])), default: 0] += 1
            }
        }
        return g
    }

    /// Indicator features for a similarity: (stable key, readable name). Thresholds are
    /// cumulative so a linear model can learn any monotone effect.
    public static func indicators(_ s: PairSimilarity, _ emit: (String, () -> String) -> Void) {
        emit("parent-given") { "reply to a parent" }
        let cos = String(format2(s.cosine))
        if s.cosine == 0 { emit("cos=0") { "no content word in common with parent (similarity 0)" } }
        for t: Float in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5] where s.cosine >= t {
            emit("cos>=\(t)") { "similarity to parent \(cos) (≥ \(t))" }
        }
        for t: Float in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5] where s.cosine < t {
            emit("cos<\(t)") { "similarity to parent \(cos) (< \(t))" }
        }
        let ccos = format2(s.charCosine)
        for t: Float in [0.05, 0.1, 0.2, 0.3, 0.5] {
            if s.charCosine >= t { emit("ccos>=\(t)") { "character overlap with parent \(ccos) (≥ \(t))" } }
            else { emit("ccos<\(t)") { "character overlap with parent \(ccos) (< \(t))" } }
        }
        let shared = s.sharedWords
        for t in [1, 2, 3, 5] {
            if shared >= t { emit("shared>=\(t)") { "\(shared) content words shared with parent" } }
            else { emit("shared<\(t)") { "\(shared) content words shared with parent" } }
        }
        if s.replyWords > 0 {
            let frac = Float(shared) / Float(s.replyWords)
            for t: Float in [0.1, 0.25, 0.5] where frac >= t { emit("reply-shared>=\(t)") { "\(Int(frac * 100))% of reply's content words come from parent" } }
        }
        if s.scriptMismatch { emit("script-mismatch") { "reply and parent in different scripts" } }
        let lr = max(-4, min(4, s.lengthRatioLog2))
        emit("len-ratio=\(lr)") { "reply length ≈ 2^\(lr) × parent" }
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
