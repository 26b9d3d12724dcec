/// Content words of a text, as stable hashes: letter tokens that are not English function words,
/// crudely stemmed (`symptoms` → `symptom`, `treated` → `treat`), and Han words of two or more
/// characters. Used to compare a reply with its parent and for document frequencies.
public enum ContentWords {
    /// Seed for content-word hashes (part of the model format through document frequencies).
    public static let seed = FeatureHash.hash("content")
    static let stopwordHashes = HashSet64(Stopwords.english.map { FeatureHash.hash($0) })
    /// Bytes of the longest English stopword.
    static let longestStopword = Stopwords.english.map(\.utf8.count).max() ?? 0

    /// Appends the content-word hashes of `tokens` in `text` to `out` (cleared first). Tokens inside
    /// `spans` are skipped. With `stems`, also collects each stem's byte range (for char grams).
    /// `version` is the model's `FeatureConfig.pairVersion`: from 2 on, Chinese function words
    /// (`Stopwords.chinese`) are skipped and a Han word of three or more characters gives its
    /// character bigrams, so `减肥药` and `减肥` share `减肥` however ICU cut them.
    public static func collect(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], spans: [SpecialSpan],
                               into out: inout [UInt64], stems: inout [Range<Int>], version: Int = FeatureConfig.currentPairVersion) {
        collect(text, tokens: tokens, spans: spans, tokenHashes: nil, into: &out, stems: &stems, version: version)
    }

    /// The same; `tokenHashes`, when given, holds `FeatureHash.hash` of each token's bytes (the
    /// word family's hashes, index = token index; those of tokens inside spans are not read), so
    /// a word is not hashed again to be checked against the stopwords.
    static func collect(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], spans: [SpecialSpan], tokenHashes: [UInt64]?,
                        into out: inout [UInt64], stems: inout [Range<Int>], version: Int) {
        out.removeAll(keepingCapacity: true)
        stems.removeAll(keepingCapacity: true)
        // Read once (a static is checked for initialisation at each use inside the loop).
        let stopwords = stopwordHashes, seed = ContentWords.seed, longest = longestStopword
        let known = tokenHashes ?? []
        let hashesKnown = known.count == tokens.count
        var sp = 0
        for k in tokens.indices {
            let t = tokens[k]
            guard t.kind == .letter || t.kind == .ideographic else { continue }
            while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
            if sp < spans.count && spans[sp].start < Int(t.end) && Int(t.start) < spans[sp].end { continue }
            let start = Int(t.start)
            var end = Int(t.end)
            let len = end - start
            if t.kind == .ideographic {
                guard len >= 6 else { continue } // one Han character is 3 bytes: keep words of 2+
                if version >= 2 {
                    hanWord(text, start, end, into: &out, stems: &stems)
                    continue
                }
            } else {
                guard len >= 3 else { continue }
                // A word longer than every stopword is none of them (its hash is not needed).
                if len <= longest {
                    let whole = hashesKnown ? known[k] : FeatureHash.hash(UnsafeBufferPointer(rebasing: text[start..<end]))
                    if stopwords.contains(whole) { continue }
                }
                end = stemEnd(text, start, end)
            }
            out.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[start..<end]), seed: seed))
            stems.append(start..<end)
        }
    }

    static let chineseStopwordHashes = HashSet64(Stopwords.chinese.map { FeatureHash.hash($0) })

    /// A Han word of 2+ characters: itself when it has two (unless a function word), its character
    /// bigrams when longer.
    static func hanWord(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                        into out: inout [UInt64], stems: inout [Range<Int>]) {
        var cuts: [Int] = [start] // character starts, then `end`
        var i = start + 1
        while i < end {
            if text[i] & 0xC0 != 0x80 { cuts.append(i) }
            i += 1
        }
        cuts.append(end)
        let chars = cuts.count - 1
        if chars > 2 && chineseStopwordHashes.contains(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[start..<end]))) { return }
        if chars == 2 {
            if chineseStopwordHashes.contains(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[start..<end]))) { return }
            out.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[start..<end]), seed: seed))
            stems.append(start..<end)
            return
        }
        for c in 0..<(chars - 1) {
            let r = cuts[c]..<cuts[c + 2]
            let h = FeatureHash.hash(UnsafeBufferPointer(rebasing: text[r]))
            if chineseStopwordHashes.contains(h) { continue }
            out.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[r]), seed: seed))
            stems.append(r)
        }
    }

    /// Appends the hashes of the number tokens of `text` (outside `spans`) to `out` (cleared first).
    public static func numbers(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], spans: [SpecialSpan],
                               into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        var sp = 0
        for t in tokens where t.kind == .number {
            while sp < spans.count && spans[sp].end <= Int(t.start) { sp += 1 }
            if sp < spans.count && spans[sp].start < Int(t.end) && Int(t.start) < spans[sp].end { continue }
            out.append(FeatureHash.hash(UnsafeBufferPointer(rebasing: text[Int(t.start)..<Int(t.end)]), seed: seed &+ 1))
        }
    }

    /// End of the crude English stem of text[start..<end] (ASCII suffixes only). The first rule
    /// that applies wins, in this order: `'s`, `ing`, `ies`→`i`, `ed`, `es`, `ly`, `s` (not `ss`);
    /// a suffix of n bytes is removed only from words of more than n + 2 bytes.
    static func stemEnd(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let len = end - start
        guard len > 3 else { return end }
        @inline(__always) func at(_ back: Int) -> UInt8 { t[end - back] }
        switch at(1) {
        case UInt8(ascii: "s"):
            let before = at(2)
            if len > 4 && before == UInt8(ascii: "'") { return end - 2 }               // 's
            if len > 5 && before == UInt8(ascii: "e") && at(3) == UInt8(ascii: "i") { return end - 2 } // ies
            if len > 4 && before == UInt8(ascii: "e") { return end - 2 }               // es
            if len > 4 && before == UInt8(ascii: "s") { return end }                   // ss
            return end - 1                                                             // s
        case UInt8(ascii: "g"):
            if len > 5 && at(2) == UInt8(ascii: "n") && at(3) == UInt8(ascii: "i") { return end - 3 } // ing
        case UInt8(ascii: "d"):
            if len > 4 && at(2) == UInt8(ascii: "e") { return end - 2 }                // ed
        case UInt8(ascii: "y"):
            if len > 4 && at(2) == UInt8(ascii: "l") { return end - 2 }                // ly
        default:
            break
        }
        return end
    }
}

/// How many training documents each content word appears in (hashed into `2^bits` counters), so
/// that pair similarity weighs rare shared words above common ones (tf-idf). Built by the trainer
/// and stored in the model.
public struct DocumentFrequencies: Sendable, Equatable {
    public var bits: Int
    public var documents: UInt32
    public var counts: [UInt32]

    public init(bits: Int = 16) {
        self.bits = bits
        documents = 0
        counts = [UInt32](repeating: 0, count: 1 << bits)
    }

    public init(bits: Int, documents: UInt32, counts: [UInt32]) {
        self.bits = bits
        self.documents = documents
        self.counts = counts
    }

    @inline(__always) func slot(_ h: UInt64) -> Int { Int(FeatureHash.bucket(h, bucketCount: 1 << bits)) }

    /// Counts one document's content words (each distinct word once).
    public mutating func add(document hashes: [UInt64]) {
        documents &+= 1
        var seen = Set<Int>()
        for h in hashes where seen.insert(slot(h)).inserted { counts[slot(h)] &+= 1 }
    }

    /// Smoothed inverse document frequency: log((N + 1) / (df + 1)) + 1.
    @inline(__always)
    public func idf(_ h: UInt64) -> Float {
        let df = counts[slot(h)]
        return logf(Float(documents + 1) / Float(df + 1)) + 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
