/// Why one input line could not be read. `byte` is 1-based within the line (0 when not about a
/// byte); the description is what the user sees in `{"line":N,"error":"..."}`.
public struct LineError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var byte: Int

    public init(_ message: String, byte: Int = 0) {
        self.message = message
        self.byte = byte
    }

    public var description: String { byte > 0 ? "\(message) at byte \(byte)" : message }
}

/// One post read from an input line: its text, optional parent, optional id (kept as the raw JSON
/// token, string or number, so it is echoed exactly) and any other top-level string fields the
/// caller asked for (e.g. `author`, `created_at`).
public struct PostLine {
    public var text: [UInt8] = []
    public var parent: [UInt8] = []
    public var hasParent = false
    /// Raw JSON of the id (`"t-1"` or `17`), empty when absent. Kept when the line has an error
    /// after the id (or a bad byte after it), so the error record can name the post.
    public var idJSON: [UInt8] = []
    /// Extra fields requested from the parser, unescaped (nil when absent or null).
    public var extras: [String: String] = [:]
    /// The line was a JSON object (not plain text).
    public var isJSON = false

    public init() {}
}

/// Reads a line as either a JSON object (`{"text": ..., "parent": ..., "id": ...}`) or plain text,
/// auto-detected per line: a line whose first byte after blanks and byte-order marks is `{` is JSON. Validates UTF-8, rejects
/// NUL bytes, malformed JSON, duplicate `text`/`parent`/`id` keys, `text` that is not a string and
/// nesting deeper than `maxDepth`. Reuses its buffers: one parser per thread.
public struct PostLineParser {
    public var maxDepth = 64
    /// Extra top-level string (or number) fields to capture into `PostLine.extras`.
    public var extraFields: [String] = []

    public init(extraFields: [String] = []) {
        self.extraFields = extraFields
    }

    /// Parses `line` into `post` (reusing its buffers).
    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into post: inout PostLine) -> LineError? {
        post.text.removeAll(keepingCapacity: true)
        post.parent.removeAll(keepingCapacity: true)
        post.idJSON.removeAll(keepingCapacity: true)
        post.hasParent = false
        post.isJSON = false
        if !post.extras.isEmpty { post.extras.removeAll() }
        if let bad = UTF8Check.firstProblem(line) {
            // The id, when it comes before the bad byte, still names the line in its error record.
            if bad.byte > 1 { recoverID(UnsafeBufferPointer(rebasing: line[..<(bad.byte - 1)]), into: &post) }
            return bad
        }
        guard let i = JSONScanner.objectStart(line) else {
            post.text.append(contentsOf: line)
            return nil
        }
        post.isJSON = true
        var p = JSONScanner(bytes: line, position: i, maxDepth: maxDepth)
        return parseObject(&p, into: &post)
    }

    /// Reads the clean bytes before a bad one as far as they go, keeping only the id found there.
    private func recoverID(_ prefix: UnsafeBufferPointer<UInt8>, into post: inout PostLine) {
        var i = 0
        while i < prefix.count && (prefix[i] == 0x20 || prefix[i] == 0x09) { i += 1 }
        guard i < prefix.count, prefix[i] == UInt8(ascii: "{") else { return }
        var p = JSONScanner(bytes: prefix, position: i, maxDepth: maxDepth)
        _ = parseObject(&p, into: &post)
        post.text.removeAll(keepingCapacity: true)
        post.parent.removeAll(keepingCapacity: true)
        post.hasParent = false
        if !post.extras.isEmpty { post.extras.removeAll() }
    }

    /// The top-level keys read into `PostLine` (anything else is `other`).
    private enum Field { case text, parent, id, other }

    /// Which field `key` names, compared byte by byte (no array is built per key).
    @inline(__always)
    private static func field(_ key: [UInt8]) -> Field {
        key.withUnsafeBufferPointer { k in
            switch k.count {
            case 4 where k[0] == 0x74 && k[1] == 0x65 && k[2] == 0x78 && k[3] == 0x74: .text       // text
            case 6 where k[0] == 0x70 && k[1] == 0x61 && k[2] == 0x72 && k[3] == 0x65 && k[4] == 0x6E && k[5] == 0x74: .parent // parent
            case 2 where k[0] == 0x69 && k[1] == 0x64: .id                                          // id
            default: .other
            }
        }
    }

    private func parseObject(_ p: inout JSONScanner, into post: inout PostLine) -> LineError? {
        var sawText = false, sawParent = false, sawID = false
        do {
            try JSONScanner.readObject(&p) { p, key, keyByte in
                switch PostLineParser.field(key) {
                case .text:
                    if sawText { throw LineError("duplicate key \"text\"", byte: keyByte) }
                    sawText = true
                    guard p.peek() == UInt8(ascii: "\"") else {
                        throw LineError("\"text\" must be a string, found \(p.describeValue())", byte: p.currentByte)
                    }
                    try p.readString(into: &post.text)
                case .parent:
                    if sawParent { throw LineError("duplicate key \"parent\"", byte: keyByte) }
                    sawParent = true
                    if p.peek() == UInt8(ascii: "n") { try p.skipValue(depth: 0) } else {
                        guard p.peek() == UInt8(ascii: "\"") else {
                            throw LineError("\"parent\" must be a string or null, found \(p.describeValue())", byte: p.currentByte)
                        }
                        try p.readString(into: &post.parent)
                        post.hasParent = true
                    }
                case .id:
                    if sawID { throw LineError("duplicate key \"id\"", byte: keyByte) }
                    sawID = true
                    let s = p.position
                    try p.skipValue(depth: 0)
                    let c = p.bytes[s]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) {
                        post.idJSON.append(contentsOf: UnsafeBufferPointer(rebasing: p.bytes[s..<p.position]))
                    }
                case .other:
                    if !extraFields.isEmpty, let name = String(validating: key, as: UTF8.self), extraFields.contains(name) {
                        if p.peek() == UInt8(ascii: "\"") {
                            var v: [UInt8] = []
                            try p.readString(into: &v)
                            post.extras[name] = String(decoding: v, as: UTF8.self)
                        } else {
                            let s = p.position
                            try p.skipValue(depth: 0)
                            let raw = String(decoding: UnsafeBufferPointer(rebasing: p.bytes[s..<p.position]), as: UTF8.self)
                            if raw != "null" { post.extras[name] = raw }
                        }
                    } else {
                        try p.skipValue(depth: 0)
                    }
                }
            }
            try p.expectEnd()
        } catch let e as LineError {
            return e
        } catch {
            return LineError("malformed JSON")
        }
        if !sawText { return LineError("missing \"text\" field (a JSON line needs {\"text\": \"...\"})") }
        return nil
    }
}
