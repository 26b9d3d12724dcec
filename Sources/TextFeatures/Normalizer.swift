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
/// look-alikes inside Latin text to Latin letters (UTS #39 skeletons). Pure-ASCII input takes a
/// fast path (lower-casing only), which gives the same result as the full path.
///
/// Not thread-safe (it reuses buffers); use one per thread.
public final class Normalizer {
    private var scratch: [UInt8] = []

    public init() {}

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
        if ASCIIWordScanner.isASCII(input) {
            out.reserveCapacity(input.count)
            for b in input { out.append(b &- 0x41 < 26 ? b | 0x20 : b) }
            return NormalizationReport()
        }
        var report = scan(input)
        // ICU NFKC_Casefold. The result rarely exceeds 3x the input; retry when it does.
        var cap = input.count * 3 + 16
        while true {
            if scratch.count < cap { scratch = [UInt8](repeating: 0, count: cap) }
            let n = scratch.withUnsafeMutableBufferPointer { dst in
                input.withMemoryRebound(to: CChar.self) { src in
                    dst.withMemoryRebound(to: CChar.self) { d in
                        tt_nfkc_casefold(src.baseAddress, Int32(src.count), d.baseAddress, Int32(d.count))
                    }
                }
            }
            if n < 0 { // ICU failed: keep the text as is rather than lose the post.
                out.append(contentsOf: input)
                return report
            }
            if Int(n) <= scratch.count {
                report.homoglyphs = Homoglyphs.mapToLatin(scratch[0..<Int(n)], into: &out)
                return report
            }
            cap = Int(n) + 16
        }
    }

    /// Counts full-width, CJK punctuation and in-word invisible characters in the original text.
    private func scan(_ input: UnsafeBufferPointer<UInt8>) -> NormalizationReport {
        var r = NormalizationReport()
        var previousIsWordChar = false
        var pendingInvisible = 0
        var decoder = UTF8()
        var it = input.makeIterator()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                let v = s.value
                if v >= 0xFF10 && v <= 0xFF5E && (v <= 0xFF19 || (v >= 0xFF21 && v <= 0xFF3A) || v >= 0xFF41 && v <= 0xFF5A) {
                    r.fullWidthLatin += 1
                } else if v >= 0xFF01 && v <= 0xFF5E {
                    r.fullWidthPunctuation += 1
                } else if v >= 0x3000 && v <= 0x303F {
                    r.cjkPunctuation += 1
                }
                let isInvisible = Normalizer.isInvisibleControl(v)
                if isInvisible {
                    if previousIsWordChar { pendingInvisible += 1 }
                    continue
                }
                let isWordChar = s.properties.isAlphabetic || s.properties.numericType != nil
                if isWordChar && previousIsWordChar { r.invisibles += pendingInvisible }
                pendingInvisible = 0
                previousIsWordChar = isWordChar
            case .emptyInput: break loop
            case .error: previousIsWordChar = false
            }
        }
        return r
    }

    /// Zero-width and bidi formatting characters (not variation selectors or emoji joiners
    /// between symbols, which are counted only when they sit between two word characters).
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
