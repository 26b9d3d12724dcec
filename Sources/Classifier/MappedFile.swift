#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped read-only into memory; unmapped when released. Opening classifies
/// every failure as a `ModelFileError` (missing, directory, unreadable, empty).
///
/// Like any mapping, it assumes nobody truncates the file while it is mapped.
final class MappedFile: @unchecked Sendable {
    let path: String
    /// The file's bytes (non-empty).
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws(ModelFileError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then rejected as not regular).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let e = errno
            switch e {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EISDIR: throw .isDirectory(path: path)
            default: throw .unreadable(path: path, reason: MappedFile.message(e))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: MappedFile.message(errno)) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw .isDirectory(path: path) }
        guard kind == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else { throw .empty(path: path) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw .unreadable(path: path, reason: "cannot map it into memory: \(MappedFile.message(errno))")
        }
        bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(base), count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }

    static func message(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }
}
