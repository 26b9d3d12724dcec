import Foundation

/// A temporary directory for one test, removed when the value is released.
public final class TempDir {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-train-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
