#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be opened or read.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Streams `\n`-separated lines from a file descriptor with `read(2)` into one large buffer and
/// `memchr`: no per-line allocation, memory bounded by `maxLineBytes`. A trailing `\r` (CRLF) and
/// a UTF-8 byte-order mark at the start of the stream are removed. A line longer than
/// `maxLineBytes` is not buffered: it is skipped and reported as `.tooLong` with its length.
/// When a read is interrupted by a signal and `isInterrupted` says so, the input ends there: the
/// complete lines already buffered are still returned, a partial last line is not. Bytes come from
/// a `ByteSource`, so gzip-compressed input is read transparently; when it (or any read) fails,
/// `readError` says why and the lines before are still returned, a partial last line is not.
public final class LineReader {
    /// One line: its bytes (valid until the next call to `next()`) or, for an over-long line,
    /// its length.
    public enum Line {
        case text(UnsafeBufferPointer<UInt8>)
        case tooLong(bytes: Int)
    }

    private let source: ByteSource
    public let maxLineBytes: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    private var lineNumber = 0
    /// Offset of the next newline at or after `start`, once found (-1: not searched yet).
    private var knownNewline = -1
    /// Set when `read` failed (the stream ends early); the message says why.
    public private(set) var readError: String?
    /// Asked when a read is interrupted by a signal: true ends the input (e.g. after Ctrl-C).
    public var isInterrupted: () -> Bool = { false }
    /// True once the input was found to be gzip-compressed (after the first line was read).
    public var isGzip: Bool { source.isGzip }
    /// True once the input ended because `isInterrupted` said so.
    public private(set) var wasInterrupted = false
    /// The largest accepted `maxLineBytes` (larger values are clamped, so sizes cannot overflow).
    public static let largestMaxLineBytes = 1 << 40
    /// The one default line limit of every command that reads lines (`--max-line-bytes`): 64 MiB.
    public static let defaultMaxLineBytes = 64 << 20
    /// What every command says about a line over the limit (an error record, a problem line or a
    /// skipped corpus line).
    public static func tooLongMessage(bytes: Int, limit: Int) -> String {
        "line is \(bytes) bytes, over the --max-line-bytes limit of \(limit): split it or raise the limit"
    }
    /// Called with every chunk of bytes as it is read (after gzip decompression), before it is split
    /// into lines, over-long lines included: e.g. to fingerprint the whole input for provenance.
    public var onBytes: ((UnsafeRawBufferPointer) -> Void)?

    /// Reads from `fd` (not closed unless `ownsFD`).
    public init(fd: Int32, ownsFD: Bool = false, bufferSize: Int = 1 << 20, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        source = ByteSource(fd: fd, ownsFD: ownsFD)
        self.maxLineBytes = min(max(maxLineBytes, 1), LineReader.largestMaxLineBytes)
        capacity = max(min(bufferSize, self.maxLineBytes + 1), 64)
        buffer = .allocate(capacity: capacity)
    }

    /// Opens `path` for reading, or standard input for `-`.
    public static func open(_ path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(InputError) -> LineReader {
        if path == "-" { return LineReader(fd: 0, maxLineBytes: maxLineBytes) }
        var st = stat()
        if stat(path, &st) != 0 {
            throw InputError("cannot open '\(path)': \(String(cString: strerror(errno))) — check the path")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw InputError("cannot read '\(path)': it is a directory — give a file")
        }
        let fd = SystemIO.open(path, O_RDONLY)
        if fd < 0 {
            throw InputError("cannot open '\(path)': \(String(cString: strerror(errno))) — check the permissions")
        }
        return LineReader(fd: fd, ownsFD: true, maxLineBytes: maxLineBytes)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line and its 1-based number, or nil at the end of input.
    public func next() -> (number: Int, line: Line)? {
        while true {
            if let nl = findNewline() {
                let lineStart = start
                start = nl + 1
                return emit(from: lineStart, to: nl)
            }
            if eof {
                if start < end && !wasInterrupted && readError == nil {
                    let lineStart = start
                    start = end
                    return emit(from: lineStart, to: end)
                }
                return nil
            }
            // No newline buffered: make room, then read more.
            if start > 0 {
                if end > start { memmove(buffer, buffer + start, end - start) }
                end -= start
                start = 0
                knownNewline = -1
            }
            if end == capacity {
                if capacity > maxLineBytes { return skipLongLine() }
                grow(to: min(capacity * 2, maxLineBytes + 1))
            }
            fill()
        }
    }

    private func findNewline() -> Int? {
        if knownNewline >= start { return knownNewline }
        guard end > start, let p = memchr(buffer + start, 0x0A, end - start) else { return nil }
        knownNewline = buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
        return knownNewline
    }

    /// True when the next `next()` would block: no complete line is buffered, the input has not
    /// ended, and nothing is waiting to be read (a pipe or terminal that paused). Callers batching
    /// lines use it to hand over what they have instead of waiting (`tail -f | telltale score`).
    public func wouldWait() -> Bool {
        if eof || findNewline() != nil || source.hasBufferedBytes { return false }
        var p = pollfd(fd: source.fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) == 0
    }

    private func emit(from s: Int, to e: Int) -> (number: Int, line: Line) {
        lineNumber += 1
        var s = s, e = e
        if e > s && buffer[e - 1] == 0x0D { e -= 1 }
        if lineNumber == 1 && e - s >= 3 && buffer[s] == 0xEF && buffer[s + 1] == 0xBB && buffer[s + 2] == 0xBF { s += 3 }
        if e - s > maxLineBytes { return (lineNumber, .tooLong(bytes: e - s)) }
        return (lineNumber, .text(UnsafeBufferPointer(start: buffer + s, count: e - s)))
    }

    private func grow(to newCapacity: Int) {
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        nb.update(from: buffer, count: end)
        buffer.deallocate()
        buffer = nb
        capacity = newCapacity
    }

    private func fill() {
        while end < capacity {
            if isInterrupted() { wasInterrupted = true; eof = true; return }
            switch source.read(into: buffer + end, count: capacity - end) {
            case .bytes(let n):
                onBytes?(UnsafeRawBufferPointer(start: buffer + end, count: n))
                end += n
                return
            case .end:
                eof = true
                return
            case .interrupted:
                if isInterrupted() { wasInterrupted = true; eof = true; return }
            case .failed(let message):
                readError = message
                eof = true
                return
            }
        }
    }

    /// Discards the rest of an over-long line; reports its total length.
    private func skipLongLine() -> (number: Int, line: Line) {
        var total = end - start
        start = 0
        end = 0
        while true {
            fill()
            if end == 0 && eof { break }
            if let p = memchr(buffer, 0x0A, end) {
                let nl = buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
                total += nl
                start = nl + 1
                break
            }
            total += end
            end = 0
            if eof { break }
        }
        lineNumber += 1
        return (lineNumber, .tooLong(bytes: total))
    }
}
