/// The `skelchars` family: byte 3–5 grams (`FeatureConfig.minSkelcharNgram...maxSkelcharNgram`) of the post's skeleton written out as text — function
/// words as themselves, every other word one byte for its class (`SkeletonClass.mark`),
/// punctuation marks kept, one space between tokens and one at each end: `We have made great
/// progress.` → ` we have made ‹-al› ‹w› . ` (a class is one byte, shown as its placeholder), whose
/// grams are ` we`, `have ‹-al›`, `‹-al› ‹w› `, ... Like character n-grams across words (VW's), they
/// see how function words meet their neighbours, but not the topic words themselves. Off by
/// default (`FeatureFamily.standard`); measured in Models/README.md.
extension FeatureExtractor {
    /// The byte n-grams of `skeletonText` (written by `skeletonNgrams`), by start then length.
    func skeletonCharNgrams(into v: inout FeatureVector) {
        let text = skeletonText.elements
        let total = text.count
        let s = skelcharSeed
        var w = beginFamily()
        let lo = config.minSkelcharNgram, hi = config.maxSkelcharNgram
        w.reserve(total * (hi - lo + 1))
        if !recordNames && (lo == 2 || lo == 3) && hi == 5 {
            FeatureExtractor.charGramsTo5(UnsafeBufferPointer(text), from: lo, seed: s, into: &w)
        } else if !recordNames && lo == 4 && hi == 5 {
            FeatureExtractor.charGrams4To5(UnsafeBufferPointer(text), seed: s, into: &w)
        } else if !recordNames {
            FeatureExtractor.charGrams(text, total, lo, hi, seed: s, into: &w) { _, _, _ in }
        } else {
            FeatureExtractor.charGrams(text, total, lo, hi, seed: s, into: &w) { w, a, b in
                if nameWanted(w) {
                    record("skeleton chars `\(FeatureExtractor.skeletonTextName(UnsafeBufferPointer(rebasing: text[a..<b])))`", w, into: &v)
                }
            }
        }
        endFamily(w, into: &v)
    }

    /// The byte 4- and 5-grams of `bytes`, in the general loop's order (by start, then length), unrolled.
    @inline(__always)
    static func charGrams4To5(_ bytes: UnsafeBufferPointer<UInt8>, seed s: UInt64, into w: inout IndexWriter) {
        let total = bytes.count
        guard total >= 4, let p = bytes.baseAddress else { return }
        var a = 0
        while a + 4 <= total {
            let h4 = FeatureHash.step(FeatureHash.step(FeatureHash.step(FeatureHash.step(s, p[a]), p[a + 1]), p[a + 2]), p[a + 3])
            w.append(h4)
            if a + 5 <= total { w.append(FeatureHash.step(h4, p[a + 4])) }
            a += 1
        }
    }

    /// `bytes` of the skeleton text with each class byte shown as its placeholder (`‹w›`).
    static func skeletonTextName(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var name = ""
        for b in bytes {
            if let cls = SkeletonClass.of(mark: b) { name += cls.name } else { name.unicodeScalars.append(Unicode.Scalar(b)) }
        }
        return name
    }
}

/// Where the skeleton pass writes the skeleton as text: a `GrowableBuffer<UInt8>` for `skelchars`, or
/// `NoSkeletonText` (nothing, at no cost) when the family is off.
protocol SkeletonTextSink {
    /// The space before the first token.
    mutating func start()
    /// A one-byte token (a class mark or a punctuation mark) and the space after it.
    mutating func token(_ b: UInt8)
    /// A kept word and the space after it.
    mutating func token(_ word: UnsafeBufferPointer<UInt8>)
}

extension GrowableBuffer: SkeletonTextSink where Element == UInt8 {
    @inline(__always)
    mutating func start() { reserve(1); appendReserved(0x20) }

    @inline(__always)
    mutating func token(_ b: UInt8) { reserve(2); appendReserved(b); appendReserved(0x20) }

    @inline(__always)
    mutating func token(_ word: UnsafeBufferPointer<UInt8>) { reserve(word.count + 1); appendReserved(word); appendReserved(0x20) }
}

/// Writes nothing (the skeleton family without `skelchars`).
struct NoSkeletonText: SkeletonTextSink {
    @inline(__always) mutating func start() {}
    @inline(__always) mutating func token(_ b: UInt8) {}
    @inline(__always) mutating func token(_ word: UnsafeBufferPointer<UInt8>) {}
}
