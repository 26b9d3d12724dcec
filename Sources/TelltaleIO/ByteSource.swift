#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// The bytes of one input (a file or standard input), for a line reader: read as they are, or
/// decompressed when the stream starts with the gzip magic bytes `1f 8b` (detected on the first
/// read, so a pipe works too; concatenated gzip members are read one after another). A corrupt or
/// cut-short gzip stream ends the input with `.failed`, naming the compressed byte offset; every
/// byte decompressed before it has been returned. Plain input costs one `read(2)` per call, as
/// without this type.
public final class ByteSource {
    /// What one `read` gave.
    public enum Chunk: Equatable {
        /// This many bytes were written to the buffer (> 0).
        case bytes(Int)
        /// The input ended.
        case end
        /// `read(2)` was interrupted by a signal (`EINTR`) before any byte arrived; call again.
        case interrupted
        /// The input cannot be read further; the message says why and what to do.
        case failed(String)
    }

    public let fd: Int32
    private let ownsFD: Bool
    private var gzip: GzipInflater?
    private var detected = false

    /// Reads from `fd` (closed on deinit only if `ownsFD`).
    public init(fd: Int32, ownsFD: Bool = false) {
        self.fd = fd
        self.ownsFD = ownsFD
    }

    deinit {
        if ownsFD { close(fd) }
    }

    /// True once the input was found to be gzip-compressed.
    public var isGzip: Bool { gzip != nil }

    /// True when decompressed bytes may be ready without reading `fd` (a caller that polls `fd`
    /// to see whether the next read would block must not wait then).
    public var hasBufferedBytes: Bool { gzip?.hasPendingInput ?? false }

    /// Reads up to `count` (≥ 2) bytes into `buffer`.
    public func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Chunk {
        if let gzip { return gzip.inflate(into: buffer, count: count) }
        if !detected { return detectAndRead(into: buffer, count: count) }
        return Self.rawRead(fd, buffer, count)
    }

    static func rawRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Chunk {
        let n = SystemIO.read(fd, buffer, count)
        if n > 0 { return .bytes(n) }
        if n == 0 { return .end }
        if errno == EINTR { return .interrupted }
        return .failed(String(cString: strerror(errno)))
    }

    /// The first read goes into the caller's buffer: plain bytes stay there; a stream starting
    /// with `1f 8b` switches to decompression, fed with what was read.
    private func detectAndRead(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Chunk {
        precondition(count >= 2, "ByteSource.read needs room for the two magic bytes")
        var got = 0
        // Two bytes decide; a lone first 0x1f (a control character, never text) waits for one more.
        repeat {
            switch Self.rawRead(fd, buffer + got, count - got) {
            case .bytes(let n): got += n; continue
            case .end: break
            case let other: if got == 0 { return other }
            }
            break
        } while got == 1 && buffer[0] == 0x1F
        detected = true
        if got == 0 { return .end }
        guard got >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B else { return .bytes(got) }
        guard let inflater = GzipInflater(fd: fd, firstBytes: UnsafeBufferPointer(start: buffer, count: got)) else {
            return .failed("zlib could not start decompressing (out of memory?)")
        }
        gzip = inflater
        return inflater.inflate(into: buffer, count: count)
    }
}
