import Foundation

/// A file written atomically: bytes go to a temporary file next to the target, which replaces the
/// target only on `commit()`, so a failed or interrupted run never leaves a half-written report.
final class EvalOutputFile {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let h = FileHandle(forWritingAtPath: temporaryPath) else {
            throw ValidationErrorMessage("cannot write '\(path)': check that its directory exists and is writable")
        }
        handle = h
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ s: String) throws { try write(Array(s.utf8)) }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw ValidationErrorMessage("writing '\(path)' failed: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and moves the file into place.
    func commit() throws {
        try flush()
        try? handle.close()
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ValidationErrorMessage("cannot write '\(path)': \(reason)")
        }
    }

    /// Removes the temporary file (when the run fails before `commit()`).
    func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        unlink(temporaryPath)
    }

    deinit { discard() }

    /// Writes `text` to `path` atomically.
    static func write(_ text: String, to path: String) throws {
        let file = try EvalOutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Fails early (before hours of scoring) when `path` cannot be created: its directory must
    /// exist and be writable, and `path` must not be a directory.
    static func checkWritable(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationErrorMessage("\(option) '\(path)' is a directory: give a file name")
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw ValidationErrorMessage("\(option) '\(path)': directory '\(dir)' does not exist or is not writable")
        }
    }
}
