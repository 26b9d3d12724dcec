import Foundation
import TelltaleIO

/// A file written atomically: bytes go to a temporary file next to the target, which replaces the
/// target only on `commit()`, so a failed or interrupted run never leaves a half-written report.
final class EvalOutputFile {
    private let file: PendingOutputFile
    private var buffer: [UInt8] = []

    var path: String { file.path }

    init(path: String) throws {
        file = try PendingOutputFile(path, option: nil)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ s: String) throws { try write(Array(s.utf8)) }

    private func flush() throws {
        if let failure = buffer.withUnsafeBytes({ writeAll(file.fd, $0) }) {
            throw ValidationErrorMessage("writing '\(path)' failed: \(String(cString: strerror(failure)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and moves the file into place.
    func commit() throws {
        do { try flush() } catch { file.discard(); throw error }
        try file.commit()
    }

    /// Removes the temporary file (when the run fails before `commit()`).
    func discard() { file.discard() }

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
