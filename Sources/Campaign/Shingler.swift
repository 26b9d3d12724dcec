import TextFeatures

/// Cuts a post into hashed shingles for near-duplicate detection, robust to the evasions that
/// copy-paste operations use:
///
/// 1. `Normalizer`: NFKC + case fold + zero-width removal + homoglyph mapping (full-width
///    `ＣＨＩＮＡ`, Cyrillic `сhina`, `chi\u{200B}na` and `China` all become `china`);
/// 2. `SpecialSpans` + `Segmenter`: keep only word tokens (letters, digits, Han words), dropping
///    punctuation, emoji, links, @handles and e-mails (the parts a campaign varies per account);
/// 3. the tokens are concatenated *without* separators, so added, removed or doubled spaces
///    (`c h i n a`, `china  is`) do not matter;
/// 4. shingles are windows of `k` Unicode scalars over that stream, hashed with `FeatureHash`:
///    k = 5 when at least 30 % of the stream is Han/kana/Hangul (per the design: character
///    5-grams for Chinese), k = 8 otherwise (about 1.5 English words).
///
/// Posts whose stream is shorter than `2k` scalars give no shingles: "thank you" pasted by many
/// accounts is not evidence of a campaign. Not thread-safe (reuses buffers): one per thread.
public final class Shingler {
    public static let latinWindow = 8
    public static let cjkWindow = 5
    static let seed: UInt64 = 0x5348_494E_474C_4531 // "SHINGLE1"

    private let normalizer = Normalizer()
    private let segmenter = Segmenter()
    private var normalized: [UInt8] = []
    private var spans: [SpecialSpan] = []
    private var tokens: [Token] = []
    private var stream: [UInt32] = []

    public init() {}

    /// The letters/digits stream a text reduces to (for tests and the report's explanations).
    public func stream(of text: String) -> String {
        var t = text
        t.withUTF8 { _ = fillStream($0) }
        return String(String.UnicodeScalarView(stream.compactMap(Unicode.Scalar.init)))
    }

    /// Shingle hashes of UTF-8 `text` into `out` (cleared first; may hold repeats).
    public func shingles(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let cjk = fillStream(text)
        let k = cjk * 10 >= stream.count * 3 && cjk > 0 ? Self.cjkWindow : Self.latinWindow
        guard stream.count >= 2 * k else { return }
        out.reserveCapacity(stream.count - k + 1)
        stream.withUnsafeBufferPointer { s in
            for start in 0...(s.count - k) {
                var h = Self.seed ^ UInt64(k)
                for j in start..<(start + k) { h = FeatureHash.combine(h, UInt64(s[j]) &* 0x9E37_79B9_7F4A_7C15) }
                out.append(h)
            }
        }
    }

    /// Convenience for tests.
    public func shingles(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        var t = text
        t.withUTF8 { shingles($0, into: &out) }
        return out
    }

    /// Normalises, segments and concatenates the word tokens of `text` into `stream`; returns how
    /// many of its scalars are Han, kana or Hangul.
    private func fillStream(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        // Work on local copies (swapped out, so no copy is made): class properties in a hot loop
        // pay a dynamic exclusivity check on every access.
        var out = stream, norm = normalized, sp = spans, tok = tokens
        stream = []; normalized = []; spans = []; tokens = []
        defer { stream = out; normalized = norm; spans = sp; tokens = tok }
        out.removeAll(keepingCapacity: true)
        normalizer.normalize(text, into: &norm)
        var cjk = 0
        norm.withUnsafeBufferPointer { norm in
            SpecialSpans.find(norm, into: &sp)
            segmenter.segment(norm, into: &tok)
            var s = 0
            for t in tok {
                let r = t.range
                while s < sp.count && sp[s].end <= r.lowerBound { s += 1 }
                if s < sp.count, sp[s].start < r.upperBound, sp[s].kind != .hashtag { continue }
                var i = r.lowerBound
                while i < r.upperBound {
                    let (v, len) = Self.decode(norm, i)
                    if (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0x20000 && v <= 0x3FFFF) { cjk += 1 }
                    out.append(v)
                    i += len
                }
            }
        }
        return cjk
    }

    /// The scalar starting at byte `i` of valid UTF-8 (the normaliser's output) and its length.
    @inline(__always)
    static func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(t[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = t.count
        if b0 >> 5 == 0x6, i + 1 < n { return ((b0 & 0x1F) << 6 | UInt32(t[i + 1] & 0x3F), 2) }
        if b0 >> 4 == 0xE, i + 2 < n { return ((b0 & 0x0F) << 12 | UInt32(t[i + 1] & 0x3F) << 6 | UInt32(t[i + 2] & 0x3F), 3) }
        if b0 >> 3 == 0x1E, i + 3 < n {
            return ((b0 & 0x07) << 18 | UInt32(t[i + 1] & 0x3F) << 12 | UInt32(t[i + 2] & 0x3F) << 6 | UInt32(t[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }
}
