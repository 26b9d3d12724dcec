/// Appends JSON text to a byte buffer: escaped strings, numbers in shortest round-trip form. The one
/// JSON string escape of the project (score and accounts lines, eval reports): `"` `\\` and
/// control characters, and U+2028/U+2029 (valid JSON, but line breaks to JavaScript and some
/// line-based tools).
public enum JSONWriter {
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    static let null: [UInt8] = Array("null".utf8)
    /// `Float(0).description`.
    static let zero: [UInt8] = Array("0.0".utf8)

    /// Appends `s` (valid UTF-8 bytes) as a JSON string literal.
    public static func appendString(_ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
            if c == 0xE2, i + 2 < s.count, s[i + 1] == 0x80, s[i + 2] == 0xA8 || s[i + 2] == 0xA9 {
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i])) }
                out.append(contentsOf: Array("\\u202".utf8) + [s[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")])
                i += 3
                runStart = i
                continue
            }
            guard c < 0x20 || c == 0x22 || c == 0x5C else { i += 1; continue }
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i])) }
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            }
            i += 1
            runStart = i
        }
        if s.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<s.count])) }
        out.append(0x22)
    }

    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString($0, to: &out) }
    }

    public static func appendRaw(_ s: String, to out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }

    /// Appends a probability as the shortest decimal that round-trips through Float (e.g. 0.93),
    /// or `null`.
    public static func appendProbability(_ p: Double?, to out: inout [UInt8]) {
        guard let p, p.isFinite else { out.append(contentsOf: JSONWriter.null); return }
        let f = Float(p)
        // A gated label scores exactly 0: its text is known without formatting.
        if f == 0 && f.sign == .plus { out.append(contentsOf: JSONWriter.zero); return }
        // Through `withUTF8`: appending a String's `utf8` view walks it byte by byte.
        var s = f.description
        s.withUTF8 { out.append(contentsOf: $0) }
    }
}
