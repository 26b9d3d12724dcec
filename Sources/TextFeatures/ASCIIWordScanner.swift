/// The ASCII fast path of `Segmenter`: ICU 72's word-break rules (UAX #29 as tailored by ICU)
/// restricted to ASCII, checked against ICU by the tests on tables and random strings.
///
/// - Letters `A–Z a–z` and `@` (ICU 72 counts `@` as a letter, keeping `@handles` and e-mails
///   whole), digits, and `_` (ExtendNumLet) all join each other: `a_1`, `1a`, `@user`.
/// - `'` and `.` join two letters (`don't`, `u.s.a`); `,` `;` `.` `'` join two digits (`1,000.5`).
///   `:` joins nothing.
/// - ICU's rule status is that of the last rule matched, i.e. of the last two characters: a token
///   ending in a digit is a number, one ending in a letter is a letter, one ending in `_` is a
///   number after a digit (`1_`) and a letter otherwise (`a_`, `9__`). A lone `_` is no word.
enum ASCIIWordScanner {
    @inline(__always)
    static func isASCII(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        firstNonASCII(input, 0, input.count) == input.count
    }

    /// Index of the first byte >= 0x80 in text[from..<to], or `to`.
    @inline(__always)
    static func firstNonASCII(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        guard let base = text.baseAddress else { return to }
        var i = from
        while i + 8 <= to {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            if w != 0 { return i + w.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < to {
            if base[i] >= 0x80 { return i }
            i += 1
        }
        return to
    }

    /// Space and control characters: no word-break rule joins across them, so text can be cut
    /// right before one without changing the tokens.
    @inline(__always)
    static func isBreakSpace(_ b: UInt8) -> Bool { b <= 0x20 }

    // Character classes: 1 letter, 2 digit, 3 underscore (ExtendNumLet), 4 joins letters only,
    // 5 joins digits only, 6 joins both, 0 other.
    static let classes: [UInt8] = {
        var c = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { c[Int(b)] = 1 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { c[Int(b)] = 1 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { c[Int(b)] = 2 }
        c[Int(UInt8(ascii: "_"))] = 3
        c[Int(UInt8(ascii: "@"))] = 1
        c[Int(UInt8(ascii: ","))] = 5
        c[Int(UInt8(ascii: ";"))] = 5
        c[Int(UInt8(ascii: "."))] = 6
        c[Int(UInt8(ascii: "'"))] = 6
        return c
    }()

    /// Appends the tokens of the ASCII text[lo..<hi] (offsets into `text`, whose length fits in
    /// an `Int32`). They are written to `scratch` (room for `capacity` tokens) and appended to
    /// `tokens` a block at a time: cheaper than an `Array.append` per token.
    static func segment(_ text: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                        scratch: UnsafeMutablePointer<Token>, capacity: Int, into tokens: inout [Token]) {
        guard let t = text.baseAddress else { return }
        var n = 0
        classes.withUnsafeBufferPointer { cls in
            let c = cls.baseAddress!
            var i = lo
            while i < hi {
                var cur = c[Int(t[i])]
                if cur == 0 || cur > 3 { i += 1; continue }
                let start = i
                var previous: UInt8 = 0
                i += 1
                while i < hi {
                    let next = c[Int(t[i])]
                    if next != 0 && next <= 3 {
                        previous = cur
                        cur = next
                        i += 1
                        continue
                    }
                    // A mid character joins two letters or two digits.
                    guard next != 0, i + 1 < hi else { break }
                    let after = c[Int(t[i + 1])]
                    if cur == 1 && after == 1 && next != 5 { previous = 1; i += 2; continue }
                    if cur == 2 && after == 2 && next != 4 { previous = 2; i += 2; continue }
                    break
                }
                if cur == 3 && i - start == 1 { continue } // a lone `_`
                let isNumber = cur == 2 || (cur == 3 && previous == 2)
                if n == capacity {
                    tokens.append(contentsOf: UnsafeBufferPointer(start: scratch, count: n))
                    n = 0
                }
                (scratch + n).initialize(to: Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i),
                                                   kind: isNumber ? .number : .letter))
                n += 1
            }
        }
        if n > 0 { tokens.append(contentsOf: UnsafeBufferPointer(start: scratch, count: n)) }
    }
}
