#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TelltaleIO

/// Reads a file line by line through a fixed buffer (the file is never loaded whole), hashing
/// every byte with FNV-1a-64 on the way for provenance. Lines are split at `\n`; a trailing `\r`
/// is dropped, and a UTF-8 byte-order mark at the start of the file is skipped. `"-"` reads
/// standard input. Bytes come from TelltaleIO's `ByteSource`, so a gzip-compressed file (or
/// stdin) is decompressed on the way; the hash and `bytesRead` cover the decompressed bytes.
final class LineReader {
    let path: String
    private let source: ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Number of the line last returned (1-based).
    private(set) var lineNumber = 0
    /// FNV-1a-64 of the bytes read so far (the whole file once `next` returned nil).
    private(set) var hash = FNV1a64()
    private(set) var bytesRead = 0

    init(path: String, bufferSize: Int = 1 << 20) throws(CorpusError) {
        self.path = path
        if path == "-" {
            source = ByteSource(fd: 0)
        } else {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw CorpusError(path: path, line: 0, cause: .unreadableFile(String(cString: strerror(errno))))
            }
            source = ByteSource(fd: fd, ownsFD: true)
        }
        buffer = [UInt8](repeating: 0, count: max(bufferSize, 16))
    }

    /// Calls `body` with the next line's bytes (without `\n`/`\r\n`), or returns nil at the end.
    func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws(CorpusError) -> T) throws(CorpusError) -> T? {
        while true {
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard end > start, let base = b.baseAddress,
                      let p = memchr(base + start, 0x0A, end - start) else { return nil }
                return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                let lineStart = start
                start = nl + 1
                return try emit(lineStart, nl, body)
            }
            if atEOF {
                guard end > start else { return nil }
                let lineStart = start
                start = end
                return try emit(lineStart, end, body)
            }
            try fill()
        }
    }

    private func emit<T>(_ from: Int, _ to: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(CorpusError) -> T) throws(CorpusError) -> T {
        lineNumber += 1
        var a = from, b = to
        if b > a && buffer[b - 1] == 0x0D { b -= 1 }
        if lineNumber == 1 && b - a >= 3 && buffer[a] == 0xEF && buffer[a + 1] == 0xBB && buffer[a + 2] == 0xBF { a += 3 }
        let (lo, hi) = (a, b)
        return try buffer.withUnsafeBufferPointer { (all) throws(CorpusError) -> T in
            try body(UnsafeBufferPointer(rebasing: all[lo..<hi]))
        }
    }

    /// Moves the unread tail to the front and reads more bytes (growing the buffer for long lines).
    private func fill() throws(CorpusError) {
        if start > 0 {
            let n = end - start
            if n > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, n)
                }
            }
            start = 0
            end = n
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let capacity = buffer.count - end
        let offset = end
        let chunk = buffer.withUnsafeMutableBufferPointer { b in source.read(into: b.baseAddress! + offset, count: capacity) }
        let n: Int
        switch chunk {
        case .bytes(let count): n = count
        case .interrupted: return
        case .end:
            atEOF = true
            return
        case .failed(let message):
            throw CorpusError(path: path, line: lineNumber, cause: .unreadableInput(message))
        }
        buffer.withUnsafeBufferPointer { b in hash.update(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[offset..<offset + n]))) }
        end += n
        bytesRead += n
    }
}

/// Byte-level checks every corpus line passes before it is parsed.
enum LineCheck {
    /// The first NUL byte or invalid UTF-8 sequence in `line`, or nil when the line is clean UTF-8.
    static func problem(_ line: UnsafeBufferPointer<UInt8>) -> CorpusError.Cause? {
        let n = line.count
        var i = 0
        while i < n {
            let b = line[i]
            if b < 0x80 {
                if b == 0 { return .nulByte(byte: i + 1) }
                i += 1
                continue
            }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return .invalidUTF8(byte: i + 1)
            }
            guard i + len <= n else { return .invalidUTF8(byte: i + 1) }
            let second = line[i + 1]
            guard second >= lo && second <= hi else { return .invalidUTF8(byte: i + 1) }
            for k in 2..<len where line[i + k] & 0xC0 != 0x80 { return .invalidUTF8(byte: i + 1) }
            i += len
        }
        return nil
    }

    /// Whether the line is only spaces/tabs (such lines are skipped like empty ones).
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != 0x20 && b != 0x09 { return false }
        return true
    }
}
