#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written to a temporary file next to it (`.NAME.tmp-PID`) and moved into place by
/// `commit()`, so a failed, interrupted or killed run leaves the previous file as it was. The one
/// way every command writes its files (`accounts` outputs, `eval` reports and scores). Opened at
/// start-up, so a bad path fails before a long run; errors name the option (when given) and path.
final class PendingOutputFile {
    let path: String
    /// The command-line option the path came from, for error messages (nil: none).
    let option: String?
    let fd: Int32
    private let temporaryPath: String
    private var finished = false

    init(_ path: String, option: String?) throws {
        self.path = path
        self.option = option
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(dir).\(name).tmp-\(getpid())"
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw ValidationErrorMessage("\(option ?? "output") '\(path)' is a directory: give a file name")
        }
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            guard let option else { throw ValidationErrorMessage("cannot write '\(path)': check that its directory exists and is writable") }
            throw ValidationErrorMessage("\(option): cannot write '\(path)': \(String(cString: strerror(errno))) — check the directory exists and is writable")
        }
    }

    /// Closes the temporary file and moves it over `path`.
    func commit() throws {
        guard !finished else { return }
        finished = true
        close(fd)
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ValidationErrorMessage("\(option.map { "\($0): " } ?? "")cannot write '\(path)': \(reason)")
        }
    }

    /// Removes the temporary file; `path` keeps what it had.
    func discard() {
        guard !finished else { return }
        finished = true
        close(fd)
        unlink(temporaryPath)
    }

    deinit { discard() }
}
