import CICU

/// What kind of word a token is (ICU word-break rule status). Words found by ICU's Chinese/Japanese
/// dictionary are `.ideographic` even when they are kana (`です`); `.kana` is for kana runs outside
/// the dictionary. Spans (links, handles, hashtags, e-mails) are single `.letter` tokens.
public enum TokenKind: UInt8, Sendable {
    case number = 1, letter = 2, kana = 3, ideographic = 4
}

/// A word-like token: a byte range of the text it was cut from.
public struct Token: Equatable, Sendable {
    public var start: Int32
    public var end: Int32
    public var kind: TokenKind

    public init(start: Int32, end: Int32, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// Splits text into words with ICU's word-break rules (dictionary segmentation for Chinese and
/// Japanese: `我们/的/police/很/strong`). Spaces and punctuation are dropped.
///
/// Pure-ASCII stretches take a fast path (`ASCIIWordScanner`) that produces exactly the tokens ICU
/// would; text is cut between the two only right before an ASCII space or control character,
/// where no word-break rule looks across, so the result always equals `segmentWithICU`.
/// Not thread-safe: use one per thread.
public final class Segmenter {
    private let wordBreak: OpaquePointer?
    /// Token buffers ICU fills, `chunk` tokens at a time.
    private let chunk = 512
    private let starts: UnsafeMutablePointer<Int32>
    private let ends: UnsafeMutablePointer<Int32>
    private let kinds: UnsafeMutablePointer<Int32>
    /// Tokens of the ASCII fast path before they are appended, `chunk` at a time.
    private let asciiTokens: UnsafeMutablePointer<Token>

    /// ICU texts are cut into pieces of at most this many bytes (its offsets are 32-bit).
    static let maxICUBytes = 1 << 30
    /// ASCII stretches shorter than this between non-ASCII text stay in the ICU call (one call is
    /// cheaper than several for `美国的 democracy 只是`).
    static let minASCIIStretch = 32

    public init() {
        wordBreak = tt_wordbreak_open()
        starts = .allocate(capacity: chunk)
        ends = .allocate(capacity: chunk)
        kinds = .allocate(capacity: chunk)
        asciiTokens = .allocate(capacity: chunk)
    }

    deinit {
        tt_wordbreak_close(wordBreak)
        starts.deallocate()
        ends.deallocate()
        kinds.deallocate()
        asciiTokens.deallocate()
    }

    /// Tokens of `text` (convenience for tests and names).
    public func tokens(_ text: String) -> [String] {
        var s = text
        return s.withUTF8 { buf in
            var out: [Token] = []
            segment(buf, into: &out)
            return out.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0.range]), as: UTF8.self) }
        }
    }

    /// Segments UTF-8 `text` into `tokens` (replacing its contents).
    public func segment(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        guard text.count <= Int(Int32.max) else { return }
        segmentRange(text, 0, text.count, into: &tokens)
    }

    /// Segments UTF-8 `text` around special spans (sorted, non-overlapping, as `SpecialSpans.find`
    /// returns them): the text between spans is segmented on its own, so no token crosses a span
    /// edge, and each span becomes one `.letter` token covering exactly the span.
    public func segment(_ text: UnsafeBufferPointer<UInt8>, around spans: [SpecialSpan], into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        guard text.count <= Int(Int32.max) else { return }
        var position = 0
        for span in spans where span.start >= position && span.end <= text.count && span.start < span.end {
            segmentRange(text, position, span.start, into: &tokens)
            tokens.append(Token(start: Int32(span.start), end: Int32(span.end), kind: .letter))
            position = span.end
        }
        segmentRange(text, position, text.count, into: &tokens)
    }

    /// Always uses ICU over the whole text (the reference the fast path is tested against).
    public func segmentWithICU(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        guard text.count <= Int(Int32.max) else { return }
        icu(text, 0, text.count, into: &tokens)
    }

    /// Appends the tokens of text[lo..<hi], alternating between the ASCII scanner and ICU.
    private func segmentRange(_ text: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into tokens: inout [Token]) {
        var i = lo
        while i < hi {
            let k = ASCIIWordScanner.firstNonASCII(text, i, hi)
            if k == hi {
                ASCIIWordScanner.segment(text, i, hi, scratch: asciiTokens, capacity: chunk, into: &tokens)
                return
            }
            // ASCII up to the last space/control before the non-ASCII byte goes the fast way.
            var cut = k
            while cut > i && !ASCIIWordScanner.isBreakSpace(text[cut - 1]) { cut -= 1 }
            if cut > i { cut -= 1 } // cut right before the space
            if cut > i { ASCIIWordScanner.segment(text, i, cut, scratch: asciiTokens, capacity: chunk, into: &tokens) }
            // ICU from there to a space followed by a long enough ASCII stretch (or the end).
            var end = k
            while true {
                while end < hi && !ASCIIWordScanner.isBreakSpace(text[end]) { end += 1 }
                if end == hi { break }
                let next = ASCIIWordScanner.firstNonASCII(text, end, hi)
                if next == hi || next - end >= Segmenter.minASCIIStretch { break }
                end = next
            }
            icu(text, cut, end, into: &tokens)
            i = end
        }
    }

    /// Appends ICU's tokens of text[lo..<hi].
    private func icu(_ text: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into tokens: inout [Token]) {
        guard let wb = wordBreak, let base = text.baseAddress else { return }
        var lo = lo
        while lo < hi {
            var piece = hi
            if piece - lo > Segmenter.maxICUBytes {
                // Cut a huge text at a space, else at a scalar start.
                piece = lo + Segmenter.maxICUBytes
                var p = piece
                while p > lo + Segmenter.maxICUBytes / 2 && !ASCIIWordScanner.isBreakSpace(text[p]) { p -= 1 }
                if p > lo + Segmenter.maxICUBytes / 2 { piece = p } else { while text[piece] & 0xC0 == 0x80 { piece -= 1 } }
            }
            let set = (base + lo).withMemoryRebound(to: CChar.self, capacity: piece - lo) {
                tt_wordbreak_set_utf8(wb, $0, Int32(piece - lo))
            }
            guard set == 0 else { return }
            let offset = Int32(lo)
            while true {
                let n = Int(tt_wordbreak_next(wb, starts, ends, kinds, Int32(chunk)))
                guard n > 0 else { break }
                for t in 0..<n {
                    tokens.append(Token(start: starts[t] + offset, end: ends[t] + offset,
                                        kind: TokenKind(rawValue: UInt8(truncatingIfNeeded: kinds[t])) ?? .letter))
                }
                if n < chunk { break }
            }
            lo = piece
        }
    }
}
