/// Appends JSON text to a byte buffer: escaped strings, numbers in shortest round-trip form.
public enum JSONWriter {
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` (valid UTF-8 bytes) as a JSON string literal.
    public static func appendString(_ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var runStart = 0
        for i in 0..<s.count {
            let c = s[i]
            guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i])) }
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            }
            runStart = i + 1
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
        guard let p, p.isFinite else { out.append(contentsOf: "null".utf8); return }
        out.append(contentsOf: Float(p).description.utf8)
    }
}
