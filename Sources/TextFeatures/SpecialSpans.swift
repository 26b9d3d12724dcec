/// Kinds of span that are not prose: links, @handles, #hashtags and e-mail addresses. They are
/// replaced by a placeholder word before n-grams are taken (so `t.co/Xy12` is not learnt), and
/// they do not count as English words when deciding whether a post mixes Mandarin and English.
public enum SpanKind: UInt8, Sendable, CaseIterable {
    case url, handle, hashtag, email

    /// The placeholder word that stands for the span in n-grams.
    public var placeholder: String {
        switch self {
        case .url: "‹url›"
        case .handle: "‹user›"
        case .hashtag: "‹hashtag›"
        case .email: "‹email›"
        }
    }
}

/// A special span found in a text (byte range).
public struct SpecialSpan: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var kind: SpanKind
    /// For hashtags: the tag contains Han characters (`#美国#` or `#中国加油`).
    public var hasHan: Bool
}

/// Finds links, @handles, #hashtags and e-mails in UTF-8 text with a single byte scan.
public enum SpecialSpans {
    /// Appends the spans of `text` to `spans` (cleared first), in order, non-overlapping.
    public static func find(_ text: UnsafeBufferPointer<UInt8>, into spans: inout [SpecialSpan]) {
        spans.removeAll(keepingCapacity: true)
        let n = text.count
        var i = 0
        let starts = startBytes
        while i < n {
            let b = text[i]
            if !starts[Int(b)] { i += 1; continue }
            if b == UInt8(ascii: "h") || b == UInt8(ascii: "w") {
                // Most words starting with `h` or `w` are no link: the second byte (`ht`, `ww`) says
                // so without a call.
                if i + 1 < n, text[i + 1] | 0x20 == (b == UInt8(ascii: "h") ? UInt8(ascii: "t") : UInt8(ascii: "w")),
                   let end = urlEnd(text, i) { spans.append(SpecialSpan(start: i, end: end, kind: .url, hasHan: false)); i = end; continue }
            } else if b == UInt8(ascii: "@") {
                let atWordStart = i == 0 || !isWordByte(text[i - 1])
                var j = i + 1
                while j < n && isWordByte(text[j]) { j += 1 }
                if atWordStart && j > i + 1 { spans.append(SpecialSpan(start: i, end: j, kind: .handle, hasHan: false)); i = j; continue }
                if !atWordStart, j > i + 1, let e = emailEnd(text, i) {
                    var s = i
                    while s > 0 && (isWordByte(text[s - 1]) || text[s - 1] == UInt8(ascii: ".") || text[s - 1] == UInt8(ascii: "-")) { s -= 1 }
                    if let last = spans.last, last.end > s { s = last.end }
                    while s < i && !isWordByte(text[s]) { s += 1 } // not `...john@x.com`
                    spans.append(SpecialSpan(start: s, end: e, kind: .email, hasHan: false)); i = e; continue
                }
            } else if b == UInt8(ascii: "#") || (b == 0xEF && i + 2 < n && text[i + 1] == 0xBC && text[i + 2] == 0x83) {
                // '#' or full-width '＃' (normalised text has only '#'), not inside a word (`C#`, `a#b`).
                if let (end, hasHan) = hashtagEnd(text, i) {
                    spans.append(SpecialSpan(start: i, end: end, kind: .hashtag, hasHan: hasHan))
                    i = end
                    continue
                }
            }
            i += 1
        }
    }

    /// Bytes a span can start with.
    private static let startBytes: [Bool] = (0..<256).map {
        [UInt8(ascii: "h"), UInt8(ascii: "w"), UInt8(ascii: "@"), UInt8(ascii: "#"), 0xEF].contains(UInt8($0))
    }

    /// End of the hashtag starting at `i`, and whether it has Han characters. The body is letters,
    /// digits and `_`, with at least one non-digit (`#1` is not a tag); Weibo-style tags with Han
    /// characters may close with a second `#` (`#今日话题#`).
    private static func hashtagEnd(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Bool)? {
        if i > 0 && isWordByte(text[i - 1]) { return nil }
        let n = text.count
        let bodyStart = i + (text[i] == UInt8(ascii: "#") ? 1 : 3)
        var j = bodyStart
        var hasHan = false, hasNonDigit = false
        while j < n {
            let c = text[j]
            if c == UInt8(ascii: "#") { if hasHan && j > bodyStart { j += 1 }; break }
            if c < 0x80 {
                guard isWordByte(c) else { break }
                if c &- 0x30 >= 10 { hasNonDigit = true }
                j += 1
                continue
            }
            let (v, len) = UTF8Scalar.decode(text, j)
            if UTF8Scalar.isHan(v) { hasHan = true } else if !UTF8Scalar.isWordCharacter(v) || v == UTF8Scalar.replacement { break }
            hasNonDigit = true
            j += len
        }
        return j > bodyStart && hasNonDigit ? (j, hasHan) : nil
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b &- 0x61 < 26) || (b &- 0x41 < 26) || (b &- 0x30 < 10) || b == UInt8(ascii: "_")
    }

    private static func hasPrefix(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ p: StaticString) -> Bool {
        let len = p.utf8CodeUnitCount
        guard i + len <= t.count else { return false }
        let pp = p.utf8Start
        for k in 0..<len where t[i + k] | 0x20 != pp[k] | 0x20 { return false }
        return true
    }

    private static func urlEnd(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        if i > 0 && isWordByte(t[i - 1]) { return nil }
        let body: Int
        if hasPrefix(t, i, "https://") { body = i + 8 }
        else if hasPrefix(t, i, "http://") { body = i + 7 }
        else if hasPrefix(t, i, "www.") { body = i + 4 }
        else { return nil }
        var j = body
        // A link runs to the next space or non-ASCII byte (CJK text often follows a link directly).
        while j < t.count && t[j] > 0x20 && t[j] < 0x80 { j += 1 }
        // Trailing sentence punctuation is not part of the link.
        while j > body, let last = Optional(t[j - 1]), last == UInt8(ascii: ".") || last == UInt8(ascii: ",") || last == UInt8(ascii: ")") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") { j -= 1 }
        return j > body ? j : nil
    }

    private static func emailEnd(_ t: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        var j = at + 1
        var sawDot = false
        while j < t.count && (isWordByte(t[j]) || t[j] == UInt8(ascii: "-") || (t[j] == UInt8(ascii: ".") && j + 1 < t.count && isWordByte(t[j + 1]))) {
            if t[j] == UInt8(ascii: ".") { sawDot = true }
            j += 1
        }
        return sawDot ? j : nil
    }

    @inline(__always) static func decodeScalar(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let (v, len) = UTF8Scalar.decode(t, i)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    @inline(__always) static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x3134F) || (v >= 0xF900 && v <= 0xFAFF)
    }
}
