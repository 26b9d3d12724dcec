/// Computes `PairSimilarity` for a reply and its parent from their content-word hashes.
public enum PairFeatures {
    /// The content words, their byte ranges, number hashes and normalised text of one side.
    public struct Side {
        public var words: [UInt64]
        public var stems: [Range<Int>]
        public var numbers: [UInt64]
        public var text: UnsafeBufferPointer<UInt8>
        public var tokens: Int

        public init(words: [UInt64], stems: [Range<Int>], numbers: [UInt64] = [], text: UnsafeBufferPointer<UInt8>, tokens: Int) {
            self.words = words
            self.stems = stems
            self.numbers = numbers
            self.text = text
            self.tokens = tokens
        }
    }

    /// Similarity of reply and parent. `df` weighs words by rarity (nil: all words weigh 1).
    public static func similarity(reply: Side, parent: Side, scriptMismatch: Bool,
                                  df: DocumentFrequencies?, version: Int = FeatureConfig.currentPairVersion) -> PairSimilarity {
        var scratch = PairScratch()
        return similarity(reply: reply, parent: parent, scriptMismatch: scriptMismatch, df: df, version: version, scratch: &scratch)
    }

    /// The same, reusing `scratch` (no allocation once its buffers have grown).
    static func similarity(reply: Side, parent: Side, scriptMismatch: Bool,
                           df: DocumentFrequencies?, version: Int, scratch: inout PairScratch) -> PairSimilarity {
        var s = PairSimilarity()
        scratch.reply.fill(counting: reply.words)
        scratch.parent.fill(counting: parent.words)
        s.replyWords = scratch.reply.count
        s.parentWords = scratch.parent.count
        s.scriptMismatch = scriptMismatch
        let r = Double(max(reply.tokens, 1)) / Double(max(parent.tokens, 1))
        s.lengthRatioLog2 = Int((log2(r)).rounded())
        if version >= 2 { coverage(reply: reply, parent: parent, df: df, version: version, scratch: &scratch, into: &s) }
        if version >= 4 { s.meaning = WordVectors.cosine(reply.words, parent.words) }
        if let df {
            scratch.reply.scaleWeights(df.idf)
            scratch.parent.scaleWeights(df.idf)
        }
        s.sharedWords = scratch.reply.sharedCount(scratch.parent)
        s.cosine = scratch.reply.cosine(scratch.parent)
        // Counted in one hash table while the counts' sums stay exact in Float; sorted bags beyond.
        let nr = gramCount(reply.stems), np = gramCount(parent.stems)
        if nr <= PairCounts.exactLimit && np <= PairCounts.exactLimit {
            scratch.counts.reset(capacity: nr + np)
            gramKeys(reply.text, reply.stems) { scratch.counts.add($0, reply: true) }
            gramKeys(parent.text, parent.stems) { scratch.counts.add($0, reply: false) }
            s.charCosine = scratch.counts.cosine()
        } else {
            charGrams(reply.text, reply.stems, into: &scratch.replyGrams)
            charGrams(parent.text, parent.stems, into: &scratch.parentGrams)
            s.charCosine = scratch.replyGrams.cosine(scratch.parentGrams)
        }
        return s
    }

    /// Pair version 2: parent coverage, key word, rarest shared word, shared word beginnings and
    /// numbers, whether the reply opens with a parent word. `scratch.reply`/`.parent` hold the
    /// counted content words (not yet idf-weighted).
    static func coverage(reply: Side, parent: Side, df: DocumentFrequencies?, version: Int, scratch: inout PairScratch,
                         into s: inout PairSimilarity) {
        var total: Float = 0, covered: Float = 0, best: Float = -1
        var bestKey: UInt64 = 0, bestShared = false
        // Each distinct parent word once (the bag's keys); ties for the rarest word (words never
        // seen in training all weigh the most): the key word is shared if any of them is.
        for h in scratch.parent.keys {
            let w = df?.idf(h) ?? 1
            total += w
            let inReply = scratch.reply.contains(h)
            if inReply {
                covered += w
                s.maxSharedIDF = max(s.maxSharedIDF, w)
            }
            if w > best + 1e-4 || (w > best - 1e-4 && inReply && !bestShared) {
                if w > best + 1e-4 { best = w }
                bestKey = h
                bestShared = inReply
            }
        }
        if best >= 0, let i = parent.words.firstIndex(of: bestKey) {
            s.keyWord = parent.stems[i]
            s.keyWordShared = bestShared
        }
        s.parentCoverage = total > 0 ? covered / total : 0
        if version >= 3 { related(parent: parent, keyWord: bestShared ? nil : bestKey, df: df, scratch: &scratch, into: &s) }
        for h in reply.words.prefix(3) where scratch.parent.contains(h) { s.opensWithParentWord = true; break }
        scratch.counts.reset(capacity: reply.stems.count + parent.stems.count)
        prefixes(reply.text, reply.stems) { scratch.counts.add($0, reply: true) }
        prefixes(parent.text, parent.stems) { scratch.counts.add($0, reply: false) }
        s.sharedPrefixes = scratch.counts.sharedCount()
        if !reply.numbers.isEmpty && !parent.numbers.isEmpty {
            scratch.counts.reset(capacity: reply.numbers.count + parent.numbers.count)
            for h in reply.numbers { scratch.counts.add(h, reply: true) }
            for h in parent.numbers { scratch.counts.add(h, reply: false) }
            s.sharedNumbers = scratch.counts.sharedCount()
        }
    }

    /// Pair version 3: the parent words the reply answers with a related word (one sharing a
    /// `WordConcepts` concept with a reply word), and the coverage counting them. `keyWord`: the
    /// parent's key word when the reply does not use it.
    static func related(parent: Side, keyWord: UInt64?, df: DocumentFrequencies?, scratch: inout PairScratch,
                        into s: inout PairSimilarity) {
        s.relatedCoverage = s.parentCoverage
        let index = WordConcepts.index
        // The concepts of the parent words the reply does not use (a few words), then each reply
        // word's concepts checked against them: every word is looked up once or twice, and a reply
        // that uses all its parent's words needs no lookup of its own words.
        scratch.marks.clear()
        var any = false
        for h in scratch.parent.keys where !scratch.reply.contains(h) {
            for k in index.span(h) { scratch.marks.mark(index.id(k), ConceptMarks.parent); any = true }
        }
        guard any else { return }
        // Of those, the concepts some reply word has.
        any = false
        for h in scratch.reply.keys {
            for k in index.span(h) where scratch.marks.has(index.id(k), ConceptMarks.parent) {
                scratch.marks.mark(index.id(k), ConceptMarks.shared)
                any = true
            }
        }
        guard any else { return }
        var total: Float = 0, covered: Float = 0, best: Float = -1, bestKey: UInt64 = 0
        for h in scratch.parent.keys {
            let w = df?.idf(h) ?? 1
            total += w
            if scratch.reply.contains(h) { covered += w; continue }
            guard index.span(h).contains(where: { scratch.marks.has(index.id($0), ConceptMarks.shared) }) else { continue }
            covered += w
            s.relatedWords += 1
            if h == keyWord { s.keyWordRelated = true }
            if w > best { best = w; bestKey = h }
        }
        s.relatedCoverage = total > 0 ? covered / total : 0
        if best >= 0, let i = parent.words.firstIndex(of: bestKey) { s.relatedWord = parent.stems[i] }
    }

    /// The 5-byte beginnings of the stems of 5+ bytes, to `body`, as exact keys (the bytes
    /// themselves: equal keys are equal beginnings; only counted, so no hash is needed).
    @inline(__always)
    static func prefixes(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>], _ body: (UInt64) -> Void) {
        guard let base = text.baseAddress else { return }
        for st in stems where st.count >= 5 && st.upperBound <= text.count {
            let p = base + st.lowerBound
            body(UInt64(UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)) | UInt64(p[4]) << 32)
        }
    }

    /// The character 4-grams of each stem (a shorter stem is one gram), to `body`, as exact keys:
    /// a gram's bytes with its length above them, so equal keys are equal grams (never 0). For
    /// `PairCounts`, which only compares keys; the same grams as `charGrams`, whose hashes the
    /// sorted-bag path keeps.
    @inline(__always)
    static func gramKeys(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>], _ body: (UInt64) -> Void) {
        guard let base = text.baseAddress else { return }
        for st in stems where st.upperBound <= text.count {
            let n = st.count
            if n < 4 {
                var k = UInt64(n) << 32
                for j in 0..<n { k |= UInt64(base[st.lowerBound + j]) << UInt64(8 * j) }
                body(k)
                continue
            }
            var i = st.lowerBound
            let last = st.upperBound - 4
            while i <= last {
                body(UInt64(UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)) | 4 << 32)
                i += 1
            }
        }
    }

    /// The hashes of the character 4-grams of each stem (a shorter stem is one gram), to `body`.
    @inline(__always)
    static func charGrams(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>], _ body: (UInt64) -> Void) {
        for st in stems {
            if st.count < 4 { body(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[st]))); continue }
            for i in st.lowerBound...(st.upperBound - 4) {
                body(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[i..<(i + 4)])))
            }
        }
    }

    /// How many hashes `charGrams` gives for `stems`.
    static func gramCount(_ stems: [Range<Int>]) -> Int { stems.reduce(0) { $0 + max($1.count - 3, 1) } }

    /// Counts of the character 4-grams of each stem, as a sorted bag.
    static func charGrams(_ text: UnsafeBufferPointer<UInt8>, _ stems: [Range<Int>], into bag: inout HashBag) {
        bag.removeAll()
        charGrams(text, stems) { bag.append($0) }
        bag.countOccurrences()
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
