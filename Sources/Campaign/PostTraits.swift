/// Surface habits of one post that accounts are compared on (`AccountFeatures`): links, @mentions,
/// replies, #hashtags, retweet prefix, script mix and length. Read from the raw UTF-8 text with no
/// allocation; a handful of bytes per post is all that is kept.
public struct PostTraits: Equatable, Sendable {
    /// Contains `http://` or `https://` (any case).
    public var hasLink = false
    /// Contains an @handle (`@` after a non-word character or at the start, then a letter, digit or `_`).
    public var hasMention = false
    /// Starts (after blanks) with an @handle: a reply.
    public var isReply = false
    /// Contains a #hashtag (`#` at the start or after a blank, then a letter or digit of any script).
    public var hasHashtag = false
    /// Starts with `RT @`: a retweet copied into the text.
    public var isRetweet = false
    /// Han characters (CJK ideographs).
    public var han = 0
    /// Letters of any script, and those that are Latin.
    public var letters = 0
    public var latinLetters = 0
    /// Unicode scalars in the text.
    public var length = 0

    public init() {}

    /// The traits of `text` (valid UTF-8; invalid bytes are counted as U+FFFD).
    public init(text: UnsafeBufferPointer<UInt8>) {
        var it = text.makeIterator()
        var decoder = UTF8()
        var previous: Unicode.Scalar = " "
        var seenNonBlank = false
        // An `@` / `#` waiting for the next scalar to decide whether it starts a handle / hashtag.
        var pendingAt = false, pendingAtIsFirst = false, pendingHash = false
        loop: while true {
            let s: Unicode.Scalar
            switch decoder.decode(&it) {
            case .scalarValue(let v): s = v
            case .error: s = "\u{FFFD}"
            case .emptyInput: break loop
            }
            length += 1
            let word = Self.isWordScalar(s)
            if pendingAt, word {
                hasMention = true
                if pendingAtIsFirst { isReply = true }
            }
            if pendingHash, word, s != "_" { hasHashtag = true }
            pendingAt = s == "@" && !Self.isWordScalar(previous)
            pendingAtIsFirst = pendingAt && !seenNonBlank
            pendingHash = s == "#" && (length == 1 || previous.properties.isWhitespace)
            if !s.properties.isWhitespace { seenNonBlank = true }
            if s.properties.isAlphabetic {
                letters += 1
                if Self.isHan(s) { han += 1 } else if Self.isLatin(s) { latinLetters += 1 }
            }
            previous = s
        }
        isRetweet = Self.startsWithRetweet(text)
        hasLink = Self.containsLink(text)
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    static func isLatin(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true
        default: return false
        }
    }

    /// `RT @` after leading blanks.
    static func startsWithRetweet(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < t.count, t[i] == 0x20 || t[i] == 0x09 { i += 1 }
        return t.count - i >= 4 && t[i] == UInt8(ascii: "R") && t[i + 1] == UInt8(ascii: "T") && t[i + 2] == 0x20 && t[i + 3] == UInt8(ascii: "@")
    }

    /// `http://` or `https://`, ASCII case-insensitive.
    static func containsLink(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        var i = 0
        while i + 7 <= n {
            if t[i] | 0x20 == UInt8(ascii: "h"), t[i + 1] | 0x20 == UInt8(ascii: "t"), t[i + 2] | 0x20 == UInt8(ascii: "t"),
               t[i + 3] | 0x20 == UInt8(ascii: "p") {
                var j = i + 4
                if j < n, t[j] | 0x20 == UInt8(ascii: "s") { j += 1 }
                if j + 3 <= n, t[j] == UInt8(ascii: ":"), t[j + 1] == UInt8(ascii: "/"), t[j + 2] == UInt8(ascii: "/") { return true }
            }
            i += 1
        }
        return false
    }
}
