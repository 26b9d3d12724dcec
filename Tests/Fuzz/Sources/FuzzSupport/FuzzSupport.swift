#if canImport(Glibc)
import Glibc
#endif

/// Helpers shared by the fuzz targets.
public enum FuzzSupport {
    /// Stops the fuzzer with a message when an invariant does not hold (libFuzzer reports the
    /// input that caused it).
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            var line = Array(("invariant failed: " + message() + "\n").utf8)
            line.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
            abort()
        }
    }

    /// A per-process scratch file in /dev/shm (or /tmp) for targets that need a path.
    public static let scratchDirectory: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let dir = "\(base)/telltale-fuzz-\(getpid())"
        mkdir(dir, 0o700)
        return dir
    }()

    /// Writes `bytes` to `path` (replacing it).
    public static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        check(fd >= 0, "cannot create \(path)")
        var off = 0
        while off < bytes.count {
            let n = write(fd, bytes.baseAddress! + off, bytes.count - off)
            check(n > 0, "cannot write \(path)")
            off += n
        }
        close(fd)
    }

    /// True when `bytes` is valid UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}
