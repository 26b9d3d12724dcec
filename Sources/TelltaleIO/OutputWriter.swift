#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor with `write(2)`. A closed reader (`| head`) is not an
/// error: `isClosed` becomes true and later writes are dropped, so the caller can stop quietly.
/// Call `ignoreSIGPIPE()` once at start-up so a closed pipe gives EPIPE instead of killing us.
public final class OutputWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    public private(set) var isClosed = false
    /// Set when a write failed for another reason than a closed pipe (disk full...).
    public private(set) var writeError: String?

    public init(fd: Int32 = 1, flushThreshold: Int = 1 << 16) {
        self.fd = fd
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold * 2)
    }

    public static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Appends bytes; flushes when the buffer is large.
    public func write(_ bytes: [UInt8]) {
        guard !isClosed else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flush() }
    }

    public func write(_ s: String) { write(Array(s.utf8)) }

    /// Writes everything buffered.
    public func flush() {
        guard !isClosed, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
        if let failure = buffer.withUnsafeBytes({ writeAll(fd, $0) }) {
            // A closed pipe (`| head`) is not an error: later writes are dropped.
            if failure != EPIPE { writeError = String(cString: strerror(failure)) }
            isClosed = true
            return
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes a line to standard error immediately (unbuffered): every diagnostic of every command goes
/// through here (or `writeStandardError`).
public func printError(_ message: String) {
    writeStandardError(message.hasSuffix("\n") ? message : message + "\n")
}

/// Writes `text` to standard error as it is (no newline added), unbuffered, retrying short writes.
public func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { writeAll(2, $0) }
}
