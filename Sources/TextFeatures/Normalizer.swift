import CICU

/// What normalisation changed in a post. Each count is itself a tell: real users rarely type
/// full-width Latin, Cyrillic letters inside English words or zero-width characters inside words.
public struct NormalizationReport: Equatable, Sendable {
    /// Full-width Latin letters and digits (`ｐｏｌｉｃｅ`).
    public var fullWidthLatin = 0
    /// Full-width ASCII punctuation (`，：！（）`), common in Chinese typing.
    public var fullWidthPunctuation = 0
    /// CJK punctuation from U+3000–U+303F (`。、「」《》`).
    public var cjkPunctuation = 0
    /// Letters from another script replaced by their Latin look-alike (Cyrillic `о` in `pоlice`).
    public var homoglyphs = 0
    /// Zero-width and bidi control characters inside words (removed).
    public var invisibles = 0

    public init() {}

    /// True when nothing evasive was found (punctuation habits do not count).
    public var isClean: Bool { fullWidthLatin == 0 && homoglyphs == 0 && invisibles == 0 }
}

/// Normalises post text so that evasion does not change the score: NFKC + case fold, removal of
/// zero-width and bidi controls (ICU NFKC_Casefold), and confusable mapping of Cyrillic/Greek
/// look-alikes inside Latin text to Latin letters (UTS #39 skeletons, see `Homoglyphs`).
///
/// ASCII is only lower-cased (that is all NFKC_Casefold does to it); ICU sees the non-ASCII
/// stretches, cut only where normalisation cannot interact across the cut (before an ASCII byte,
/// or before a code point ICU says has a normalisation boundary), so the result equals ICU on the
/// whole text. Not thread-safe (it reuses buffers); use one per thread.
public final class Normalizer {
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Non-ASCII stretches handed to ICU are at most about this long (bounds the scratch buffer).
    static let maxICUBytes = 1 << 20
    /// ASCII stretches shorter than this between non-ASCII text stay in the ICU call.
    static let minASCIIStretch = 32

    public init() {
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    /// Normalises `text` and reports what changed.
    public func normalize(_ text: String) -> (text: String, report: NormalizationReport) {
        var out: [UInt8] = []
        var input = text
        let report = input.withUTF8 { normalize($0, into: &out) }
        return (String(decoding: out, as: UTF8.self), report)
    }

    /// Normalises UTF-8 `input` into `out` (replacing its contents). Invalid UTF-8 is replaced by
    /// U+FFFD; callers that must report invalid input validate before calling.
    @discardableResult
    public func normalize(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> NormalizationReport {
        out.removeAll(keepingCapacity: true)
        let n = input.count
        let firstNonASCII = ASCIIWordScanner.firstNonASCII(input, 0, n)
        if firstNonASCII == n {
            Normalizer.appendLowercased(input, 0, n, to: &out)
            return NormalizationReport()
        }
        var (report, capitals) = scan(input, from: max(0, firstNonASCII - 1))
        let marked = capitals ? Homoglyphs.markCapitals(input, from: firstNonASCII) : nil
        if let marked {
            marked.withUnsafeBufferPointer { fold($0, into: &out) }
        } else {
            fold(input, into: &out)
        }
        report.homoglyphs = Homoglyphs.mapToLatin(&out, marks: marked != nil)
        return report
    }

    /// Appends NFKC_Casefold of `input` (ASCII lower-cased here, the rest by ICU) to `out`.
    private func fold(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = input.count
        out.reserveCapacity(n + n / 4)
        var i = 0
        while i < n {
            let k = ASCIIWordScanner.firstNonASCII(input, i, n)
            if k == n {
                Normalizer.appendLowercased(input, i, n, to: &out)
                break
            }
            // The ASCII byte before a non-ASCII one may compose with it (`e` + U+0301): ICU gets it.
            let regionStart = k > i ? k - 1 : k
            Normalizer.appendLowercased(input, i, regionStart, to: &out)
            let regionEnd = icuRegionEnd(input, from: k)
            if !casefold(input, regionStart, regionEnd, into: &out) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[regionStart..<regionEnd]))
            }
            i = regionEnd
        }
    }

    /// End of the ICU region that starts with the non-ASCII byte at `k`: the start of an ASCII
    /// stretch of at least `minASCIIStretch` bytes (or the end), or a normalisation boundary once
    /// the region reaches `maxICUBytes`.
    private func icuRegionEnd(_ input: UnsafeBufferPointer<UInt8>, from k: Int) -> Int {
        let n = input.count
        var j = k
        while true {
            // Skip non-ASCII bytes (and short ASCII gaps), at most maxICUBytes.
            while j < n && input[j] >= 0x80 {
                j += 1
                if j - k >= Normalizer.maxICUBytes, j < n, input[j] & 0xC0 != 0x80 {
                    let (v, _) = UTF8Scalar.decode(input, j)
                    if v >= 0x80 && tt_nfkc_casefold_has_boundary_before(Int32(bitPattern: v)) != 0 { return j }
                }
            }
            if j == n { return n }
            let next = ASCIIWordScanner.firstNonASCII(input, j, n)
            if next == n || next - j >= Normalizer.minASCIIStretch || next - k >= Normalizer.maxICUBytes { return j }
            j = next
        }
    }

    /// Appends ICU NFKC_Casefold of input[lo..<hi] to `out`; false when ICU failed.
    private func casefold(_ input: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into out: inout [UInt8]) -> Bool {
        guard hi > lo, let base = input.baseAddress else { return true }
        let len = hi - lo
        guard len < Int(Int32.max) / 4 else { return false }
        // The result rarely exceeds 3x the input; retry with the exact size when it does.
        var needed = len * 3 + 16
        for _ in 0..<2 {
            if scratchCapacity < needed {
                scratch.deallocate()
                scratchCapacity = needed
                scratch = .allocate(capacity: needed)
            }
            let written = (base + lo).withMemoryRebound(to: CChar.self, capacity: len) { src in
                scratch.withMemoryRebound(to: CChar.self, capacity: scratchCapacity) { dst in
                    tt_nfkc_casefold(src, Int32(len), dst, Int32(scratchCapacity))
                }
            }
            if written < 0 { return false }
            if Int(written) <= scratchCapacity {
                out.append(contentsOf: UnsafeBufferPointer(start: scratch, count: Int(written)))
                return true
            }
            needed = Int(written) + 16
        }
        return false
    }

    /// Appends input[lo..<hi] (ASCII) lower-cased.
    @inline(__always)
    static func appendLowercased(_ input: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, to out: inout [UInt8]) {
        guard hi > lo else { return }
        let start = out.count
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[lo..<hi]))
        out.withUnsafeMutableBufferPointer { buf in
            let p = buf.baseAddress!
            var i = start
            let end = buf.count
            // 8 bytes at a time: add 0x20 to bytes in 'A'...'Z' (all bytes are ASCII here).
            while i + 8 <= end {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let aboveA = w &+ 0x3F3F_3F3F_3F3F_3F3F // high bit set where byte >= 'A'
                let aboveZ = w &+ 0x2525_2525_2525_2525 // high bit set where byte > 'Z'
                let upper = aboveA & ~aboveZ & 0x8080_8080_8080_8080
                UnsafeMutableRawPointer(p + i).storeBytes(of: w | (upper >> 2), toByteOffset: 0, as: UInt64.self)
                i += 8
            }
            while i < end {
                let b = p[i]
                if b &- 0x41 < 26 { p[i] = b | 0x20 }
                i += 1
            }
        }
    }

    /// Counts full-width, CJK punctuation and in-word invisible characters in the original text,
    /// from byte `from` (an ASCII byte or 0; everything before it is ASCII); `capitals`: the text
    /// has a capital for `Homoglyphs.markCapitals` and no noncharacter of its marks' block.
    private func scan(_ input: UnsafeBufferPointer<UInt8>, from: Int) -> (report: NormalizationReport, capitals: Bool) {
        var r = NormalizationReport()
        var capital = false, markBlock = false
        var previousIsWordChar = false
        var pendingInvisible = 0
        var i = from
        let n = input.count
        while i < n {
            // Eight ASCII bytes: nothing to count, only whether the last one is a word character.
            if pendingInvisible == 0 && i + 8 <= n,
               UnsafeRawPointer(input.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                previousIsWordChar = UTF8Scalar.isWordCharacter(UInt32(input[i + 7]))
                i += 8
                continue
            }
            let (v, len) = UTF8Scalar.decode(input, i)
            i += len
            if v &- 0x039D < 0x36 { capital = capital || Homoglyphs.markedCapitals.contains(v) }
            markBlock = markBlock || v &- 0xFDC0 < 0x40
            if v >= 0xFF01 && v <= 0xFF5E {
                if v <= 0xFF19 && v >= 0xFF10 || (v >= 0xFF21 && v <= 0xFF3A) || (v >= 0xFF41 && v <= 0xFF5A) {
                    r.fullWidthLatin += 1
                } else {
                    r.fullWidthPunctuation += 1
                }
            } else if v >= 0x3000 && v <= 0x303F {
                r.cjkPunctuation += 1
            }
            if Normalizer.isInvisibleControl(v) {
                if previousIsWordChar { pendingInvisible += 1 }
                continue
            }
            let isWordChar = v != UTF8Scalar.replacement && UTF8Scalar.isWordCharacter(v)
            if isWordChar && previousIsWordChar { r.invisibles += pendingInvisible }
            pendingInvisible = 0
            previousIsWordChar = isWordChar
        }
        return (r, capital && !markBlock)
    }

    /// Zero-width and bidi formatting characters (not variation selectors; joiners count only when
    /// they sit between two word characters, so emoji ZWJ sequences are not evasion).
    static func isInvisibleControl(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200F,
             0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0x1D173...0x1D17A, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }
}
