#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Decompresses a gzip stream read from a file descriptor with zlib, one caller buffer at a time
/// (memory: a 256 KiB input buffer and zlib's 32 KiB window). Members written one after another
/// (`cat a.gz b.gz`) are read as one stream. Errors name the offset in the compressed input.
final class GzipInflater {
    private let fd: Int32
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 256 << 10
    private var inputEnded = false
    /// Between members: the last one ended and no byte of a next one has been fed.
    private var atMemberBoundary = false
    /// Compressed bytes handed to zlib and consumed by it so far (the error offset).
    private var consumed = 0
    private var failure: String?

    /// Starts decompressing; `firstBytes` were already read from `fd` (they start with 1f 8b).
    init?(fd: Int32, firstBytes: UnsafeBufferPointer<UInt8>) {
        self.fd = fd
        input = .allocate(capacity: max(inputCapacity, firstBytes.count))
        input.update(from: firstBytes.baseAddress!, count: firstBytes.count)
        guard telltale_inflate_init_gzip(&stream) == Z_OK else {
            input.deallocate()
            return nil
        }
        stream.next_in = input
        stream.avail_in = UInt32(firstBytes.count)
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Compressed bytes are waiting in the input buffer (they may decompress without a read).
    var hasPendingInput: Bool { stream.avail_in > 0 }

    /// Decompresses up to `count` bytes into `buffer`.
    func inflate(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> ByteSource.Chunk {
        if let failure { return .failed(failure) }
        while true {
            if stream.avail_in == 0 && !inputEnded {
                switch ByteSource.rawRead(fd, input, inputCapacity) {
                case .bytes(let n):
                    stream.next_in = input
                    stream.avail_in = UInt32(n)
                case .end:
                    inputEnded = true
                case .interrupted:
                    return .interrupted
                case .failed(let m):
                    return fail(m)
                }
            }
            if stream.avail_in == 0 && inputEnded && atMemberBoundary { return .end }
            if stream.avail_in > 0 { atMemberBoundary = false }
            let availIn = stream.avail_in
            stream.next_out = buffer
            stream.avail_out = UInt32(min(count, Int(UInt32.max)))
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            consumed += Int(availIn - stream.avail_in)
            let produced = min(count, Int(UInt32.max)) - Int(stream.avail_out)
            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                // The next bytes, if any, must be another gzip member.
                inflateReset(&stream)
                atMemberBoundary = true
            case Z_BUF_ERROR:
                // No progress possible: zlib needs more input.
                if inputEnded && produced == 0 {
                    return fail("the gzip data is cut short: it ends at byte \(consumed) of the compressed input "
                        + "inside a compressed block (an incomplete download or copy?); the lines before it were read")
                }
            default:
                let why = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                // The bytes decompressed before the damage are handed over first.
                let message = "corrupt gzip data at byte \(consumed) of the compressed input (\(why)); "
                    + "the lines before it were read — check the file with `gzip -t`"
                if produced > 0 {
                    failure = message
                    return .bytes(produced)
                }
                return fail(message)
            }
            if produced > 0 { return .bytes(produced) }
        }
    }

    private func fail(_ message: String) -> ByteSource.Chunk {
        failure = message
        return .failed(message)
    }
}
