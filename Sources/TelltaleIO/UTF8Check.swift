/// Finds the first invalid UTF-8 sequence or NUL byte in a line (strict: no overlongs, no
/// surrogates, nothing above U+10FFFF), with an ASCII fast path.
public enum UTF8Check {
    public static func firstProblem(_ b: UnsafeBufferPointer<UInt8>) -> LineError? {
        let n = b.count
        guard let base = b.baseAddress else { return nil }
        var i = 0
        while i < n {
            // Fast path: 8 ASCII bytes at a time without NUL.
            if i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let hasHigh = w & 0x8080_8080_8080_8080
                let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
                if hasHigh == 0 && hasZero == 0 { i += 8; continue }
            }
            let c = base[i]
            if c == 0 { return LineError("NUL byte", byte: i + 1) }
            if c < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return LineError("invalid UTF-8", byte: i + 1)
            }
            if i + need >= n { return LineError("invalid UTF-8 (truncated sequence)", byte: i + 1) }
            let c1 = base[i + 1]
            if c1 < lo || c1 > hi { return LineError("invalid UTF-8", byte: i + 1) }
            var k = 2
            while k <= need {
                if base[i + k] & 0xC0 != 0x80 { return LineError("invalid UTF-8", byte: i + 1) }
                k += 1
            }
            i += need + 1
        }
        return nil
    }
}
