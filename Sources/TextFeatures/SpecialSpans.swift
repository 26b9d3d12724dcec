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
        while i < n {
            let b = text[i]
            if b == UInt8(ascii: "h") || b == UInt8(ascii: "w") {
                if let end = urlEnd(text, i) { spans.append(SpecialSpan(start: i, end: end, kind: .url, hasHan: false)); i = end; continue }
            } else if b == UInt8(ascii: "@") {
                let atWordStart = i == 0 || !isWordByte(text[i - 1])
                var j = i + 1
                while j < n && isWordByte(text[j]) { j += 1 }
                if atWordStart && j > i + 1 { spans.append(SpecialSpan(start: i, end: j, kind: .handle, hasHan: false)); i = j; continue }
                if !atWordStart, j > i + 1, let e = emailEnd(text, i) {
                    var s = i
                    while s > 0 && (isWordByte(text[s - 1]) || text[s - 1] == UInt8(ascii: ".") || text[s - 1] == UInt8(ascii: "-")) { s -= 1 }
                    if let last = spans.last, last.end > s { s = last.end }
                    spans.append(SpecialSpan(start: s, end: e, kind: .email, hasHan: false)); i = e; continue
                }
            } else if b == UInt8(ascii: "#") || (b == 0xEF && i + 2 < n && text[i + 1] == 0xBC && text[i + 2] == 0x83) {
                // '#' or full-width '＃'
                let start = i
                var j = i + (b == UInt8(ascii: "#") ? 1 : 3)
                var hasHan = false
                let bodyStart = j
                while j < n {
                    let c = text[j]
                    if c == UInt8(ascii: "#") { if hasHan { j += 1 }; break } // Weibo style #话题#
                    if c < 0x80 { if !isWordByte(c) { break }; j += 1; continue }
                    let (scalar, len) = decodeScalar(text, j)
                    if isHan(scalar) { hasHan = true } else if !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil) { break }
                    j += len
                }
                if j > bodyStart { spans.append(SpecialSpan(start: start, end: j, kind: .hashtag, hasHan: hasHan)); i = j; continue }
            }
            i += 1
        }
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
        let b0 = UInt32(t[i])
        let n = t.count
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 >> 5 == 0x6, i + 1 < n { return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(t[i + 1] & 0x3F)) ?? "\u{FFFD}", 2) }
        if b0 >> 4 == 0xE, i + 2 < n {
            return (Unicode.Scalar((b0 & 0x0F) << 12 | UInt32(t[i + 1] & 0x3F) << 6 | UInt32(t[i + 2] & 0x3F)) ?? "\u{FFFD}", 3)
        }
        if b0 >> 3 == 0x1E, i + 3 < n {
            let v = (b0 & 0x07) << 18 | UInt32(t[i + 1] & 0x3F) << 12 | UInt32(t[i + 2] & 0x3F) << 6 | UInt32(t[i + 3] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", 1)
    }

    @inline(__always) static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x3134F) || (v >= 0xF900 && v <= 0xFAFF)
    }
}
