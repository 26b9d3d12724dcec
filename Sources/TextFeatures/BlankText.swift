/// Whether UTF-8 text has nothing to read: empty, or only white space (ASCII spaces, tabs and line
/// breaks, no-break and ideographic spaces, the U+2000–U+200B spaces, U+FEFF). A reply whose
/// `parent` is blank has no parent: there is nothing it could answer.
public enum BlankText {
    public static func isBlank(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { isBlank($0) }
    }

    public static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { i += 1; continue }
            guard b >= 0x80 else { return false }
            let (c, len) = UTF8Scalar.decode(text, i)
            switch c {
            case 0x00A0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: i += len
            default: return false
            }
        }
        return true
    }
}
