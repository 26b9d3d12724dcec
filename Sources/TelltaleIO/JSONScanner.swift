/// A minimal JSON scanner over one line's bytes (already checked to be valid UTF-8): reads
/// strings (unescaping `\uXXXX` and surrogate pairs) and skips any other value with a depth limit.
/// Errors are `LineError`s with the 1-based byte where the problem starts. Shared by the post
/// line parser (`score`, `accounts`, `features`) and the corpus JSONL parser (`train`, `eval`).
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var position: Int
    public let maxDepth: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, maxDepth: Int = 64) {
        self.bytes = bytes
        self.position = position
        self.maxDepth = maxDepth
    }

    public var atEnd: Bool { position >= bytes.count }

    public func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
    public mutating func advance() { position += 1 }

    public mutating func skipSpace() {
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 } else { break }
        }
    }

    /// The 1-based byte of the current position, for errors (the last byte when at the end).
    public var currentByte: Int { min(position, bytes.count - 1) + 1 }

    public func error(_ message: String) -> LineError {
        LineError("malformed JSON: \(message)", byte: currentByte)
    }

    public mutating func expect(_ c: UInt8) throws(LineError) {
        guard peek() == c else {
            throw error(atEnd ? "line ends early, expected '\(Character(Unicode.Scalar(c)))'" : "expected '\(Character(Unicode.Scalar(c)))'")
        }
        position += 1
    }

    /// Where the `{` of a JSON-object line is, after blanks and byte-order marks (files joined with
    /// `cat` keep theirs mid-stream); nil when the line does not start with one.
    public static func objectStart(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < line.count {
            if line[i] == 0x20 || line[i] == 0x09 { i += 1 } else if i + 2 < line.count, line[i] == 0xEF, line[i + 1] == 0xBB, line[i + 2] == 0xBF { i += 3 } else { break }
        }
        return i < line.count && line[i] == UInt8(ascii: "{") ? i : nil
    }

    /// Reads the object starting here: for each member, calls `member(&scanner, key, keyByte)`
    /// with the scanner at the member's value (blanks skipped) and the 1-based byte of its key;
    /// `member` must read or skip the value. Errors thrown by `member` pass through.
    public static func readObject(_ p: inout JSONScanner, member: (inout JSONScanner, _ key: [UInt8], _ keyByte: Int) throws -> Void) throws {
        var key: [UInt8] = []
        try p.expect(UInt8(ascii: "{"))
        p.skipSpace()
        if p.peek() == UInt8(ascii: "}") { p.advance(); return }
        while true {
            p.skipSpace()
            let keyStart = p.position
            key.removeAll(keepingCapacity: true)
            try p.readString(into: &key)
            p.skipSpace()
            try p.expect(UInt8(ascii: ":"))
            p.skipSpace()
            try member(&p, key, keyStart + 1)
            p.skipSpace()
            if p.peek() == UInt8(ascii: ",") { p.advance(); continue }
            try p.expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Fails when anything but blanks follows (after a line's top-level value).
    public mutating func expectEnd() throws(LineError) {
        skipSpace()
        if !atEnd { throw LineError("unexpected text after the JSON object", byte: position + 1) }
    }

    /// What kind of value starts here (for error messages).
    public func describeValue() -> String {
        switch peek() {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "-"), .some(0x30...0x39): "a number"
        case nil: "nothing"
        default: "no value"
        }
    }

    /// Reads a string value, appending its unescaped UTF-8 to `out`.
    public mutating func readString(into out: inout [UInt8]) throws(LineError) {
        try scanString(into: &out, store: true)
    }

    /// Skips a string value, checking it exactly as `readString` does (same errors, same bytes),
    /// without copying it anywhere.
    public mutating func skipString() throws(LineError) {
        var nothing: [UInt8] = []
        try scanString(into: &nothing, store: false)
    }

    /// `readString`, appending to `out` only with `store`.
    @inline(__always)
    private mutating func scanString(into out: inout [UInt8], store: Bool) throws(LineError) {
        try expect(UInt8(ascii: "\""))
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            // Copy a run of plain bytes at once.
            let runStart = position
            position = JSONScanner.plainRunEnd(bytes, from: position)
            if store && position > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            guard position < bytes.count else { throw error("unterminated string") }
            let c = bytes[position]
            if c == UInt8(ascii: "\"") { position += 1; return }
            if c < 0x20 { throw error("control character in string (escape it)") }
            // Escape.
            position += 1
            guard let e = peek() else { throw error("unterminated escape") }
            position += 1
            switch e {
            case UInt8(ascii: "\""): if store { out.append(0x22) }
            case UInt8(ascii: "\\"): if store { out.append(0x5C) }
            case UInt8(ascii: "/"): if store { out.append(0x2F) }
            case UInt8(ascii: "b"): if store { out.append(0x08) }
            case UInt8(ascii: "f"): if store { out.append(0x0C) }
            case UInt8(ascii: "n"): if store { out.append(0x0A) }
            case UInt8(ascii: "r"): if store { out.append(0x0D) }
            case UInt8(ascii: "t"): if store { out.append(0x09) }
            case UInt8(ascii: "u"):
                let escapeStart = position - 2
                var v = try hex4()
                if v >= 0xD800 && v <= 0xDBFF {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw LineError("malformed JSON: lone surrogate \\u escape", byte: escapeStart + 1)
                    }
                    position += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw LineError("malformed JSON: lone surrogate \\u escape", byte: escapeStart + 1) }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if v >= 0xDC00 && v <= 0xDFFF {
                    throw LineError("malformed JSON: lone surrogate \\u escape", byte: escapeStart + 1)
                }
                if v == 0 { throw LineError("NUL character (\\u0000) in string", byte: escapeStart + 1) }
                guard let scalar = Unicode.Scalar(v) else { throw error("invalid \\u escape") }
                if store { out.append(contentsOf: UTF8.encode(scalar)!) }
            default:
                position -= 2
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
    }

    /// The first byte at or after `i` that is a quote, a backslash or a control character (or
    /// the end): eight bytes at a time, then one by one.
    @inline(__always)
    static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return i }
        var i = i
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A byte of `x` is zero exactly where `w` has the byte looked for; `(x - 1) & ~x` sets
            // the high bit of such a byte (and may set it in bytes after a hit, never before one).
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)
            if special & high != 0 { break }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
            i += 1
        }
        return i
    }

    private mutating func hex4() throws(LineError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    /// Skips any JSON value (validating its syntax).
    public mutating func skipValue(depth: Int) throws(LineError) {
        guard depth < maxDepth else { throw LineError("JSON nested deeper than \(maxDepth) levels", byte: currentByte) }
        skipSpace()
        guard let c = peek() else { throw error("line ends early, expected a value") }
        switch c {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            position += 1
            skipSpace()
            if peek() == UInt8(ascii: "}") { position += 1; return }
            while true {
                skipSpace()
                try skipString()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            position += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") { position += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), 0x30...0x39: try number()
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(LineError) {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count else { throw error("line ends early") }
        for k in 0..<n where bytes[position + k] != word.utf8Start[k] { throw error("unexpected character") }
        position += n
    }

    private mutating func number() throws(LineError) {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        var digits = 0
        while let c = peek(), c >= 0x30 && c <= 0x39 { position += 1; digits += 1 }
        if peek() == UInt8(ascii: ".") {
            position += 1
            while let c = peek(), c >= 0x30 && c <= 0x39 { position += 1; digits += 1 }
        }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            position += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { position += 1 }
            while let c = peek(), c >= 0x30 && c <= 0x39 { position += 1 }
        }
        if digits == 0 { position = start; throw error("bad number") }
    }
}
