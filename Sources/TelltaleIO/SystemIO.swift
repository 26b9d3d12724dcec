#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw system calls of TelltaleIO, each written once (the types that call them have methods of
/// the same names, `read`, `write`, `open`, which would hide the C functions).
enum SystemIO {
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        readBytes(fd, buffer, count)
    }

    static func open(_ path: String, _ flags: Int32) -> Int32 {
        openFile(path, flags)
    }
}

private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func openFile(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }

/// Writes every byte of `bytes` to `fd`, retrying short and interrupted writes (the one write loop
/// of standard output, standard error and report files). Returns nil on success, else the `errno`
/// of the failed write (`EPIPE` when the reader went away).
public func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var off = 0
    while off < bytes.count {
        let n = write(fd, bytes.baseAddress! + off, bytes.count - off)
        if n > 0 { off += n; continue }
        if n < 0 && errno == EINTR { continue }
        return n < 0 ? errno : EIO
    }
    return nil
}
