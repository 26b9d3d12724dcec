import TelltaleIO

/// Parses one JSONL corpus line (`{"id", "text", "parent"?, "labels": {"x": 0|1}, "source"?}`)
/// with TelltaleIO's `JSONScanner`, the scanner `telltale score` reads posts with (so both accept
/// and reject the same JSON, with the same messages and byte positions). Unknown fields are skipped
/// (their syntax is still checked). A label value may be 0/1, true/false or "0"/"1"; `null` means
/// unknown, like a missing label. `id` may be a string or an integer. A field given twice is an
/// error, as in `score`.
struct JSONLLineParser {
    var maxDepth = 64

    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CorpusRecord, LineProblem> {
        guard let i = JSONScanner.objectStart(line) else {
            return .failure(LineProblem(.malformedJSON("the line does not start with '{'")))
        }
        var p = JSONScanner(bytes: line, position: i, maxDepth: maxDepth)
        do {
            return .success(try object(&p))
        } catch let problem as LineProblem {
            return .failure(problem)
        } catch let e as LineError {
            let prefix = "malformed JSON: "
            let text = e.description.hasPrefix(prefix) ? String(e.description.dropFirst(prefix.count)) : e.description
            return .failure(LineProblem(.malformedJSON(text)))
        } catch {
            return .failure(LineProblem(.malformedJSON("\(error)")))
        }
    }

    private func object(_ p: inout JSONScanner) throws -> CorpusRecord {
        var text: String?, parent: String?, source: String?, id: String?
        var labels: [String: Int] = [:]
        var seen: Set<String> = []
        try JSONScanner.readObject(&p) { p, key, keyByte in
            let name = String(decoding: key, as: UTF8.self)
            if ["text", "parent", "source", "id", "labels"].contains(name) {
                guard seen.insert(name).inserted else { throw LineError("duplicate key \"\(name)\"", byte: keyByte) }
            }
            switch name {
            case "text":
                guard p.peek() == UInt8(ascii: "\"") else { throw LineProblem(.notAString(field: "text")) }
                text = try Self.string(&p)
            case "parent": parent = try Self.optionalString(&p, field: name)
            case "source": source = try Self.optionalString(&p, field: name)
            case "id": id = try Self.id(&p)
            case "labels": labels = try Self.labels(&p)
            default: try p.skipValue(depth: 0)
            }
        }
        try p.expectEnd()
        guard let text else { throw LineProblem(.missingText) }
        return CorpusRecord(id: id, text: text, parent: parent, labels: labels, source: source)
    }

    private static func string(_ p: inout JSONScanner) throws -> String {
        var bytes: [UInt8] = []
        try p.readString(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A string, or nil for `null`.
    private static func optionalString(_ p: inout JSONScanner, field: String) throws -> String? {
        if try null(&p) { return nil }
        guard p.peek() == UInt8(ascii: "\"") else { throw LineProblem(.notAString(field: field)) }
        return try string(&p)
    }

    /// A string, an integer (kept as its decimal text) or null.
    private static func id(_ p: inout JSONScanner) throws -> String? {
        if try null(&p) { return nil }
        if p.peek() == UInt8(ascii: "\"") { return try string(&p) }
        let token = try rawValue(&p)
        guard let n = Int64(token) else { throw LineProblem(.notAString(field: "id")) }
        return String(n)
    }

    /// `{"label": 0|1|true|false|"0"|"1"|null, ...}` or null; unknown (null) labels are left out.
    private static func labels(_ p: inout JSONScanner) throws -> [String: Int] {
        if try null(&p) { return [:] }
        guard p.peek() == UInt8(ascii: "{") else {
            _ = try rawValue(&p)
            throw LineProblem(.labelsNotAnObject)
        }
        var out: [String: Int] = [:]
        try JSONScanner.readObject(&p) { p, key, _ in
            let label = String(decoding: key, as: UTF8.self)
            if let v = try labelValue(&p, label: label) { out[label] = v }
        }
        return out
    }

    /// 0 or 1, nil for null; anything else is a bad label value.
    private static func labelValue(_ p: inout JSONScanner, label: String) throws -> Int? {
        if try null(&p) { return nil }
        let shown: String
        switch p.peek() {
        case UInt8(ascii: "\""):
            let s = try string(&p)
            if s == "0" || s == "1" { return s == "1" ? 1 : 0 }
            shown = "\"\(s)\""
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            _ = try rawValue(&p)
            shown = "an object or array"
        default:
            let token = try rawValue(&p)
            if token == "true" || token == "false" { return token == "true" ? 1 : 0 }
            if let i = Int(token) {
                if i == 0 || i == 1 { return i }
                shown = String(i)
            } else if let d = Double(token) {
                if d == 0 || d == 1 { return Int(d) }
                shown = String(d)
            } else {
                shown = token
            }
        }
        throw LineProblem(.badLabelValue(label: label, value: shown))
    }

    /// Consumes `null` (true) or nothing (false).
    private static func null(_ p: inout JSONScanner) throws -> Bool {
        guard p.peek() == UInt8(ascii: "n") else { return false }
        try p.skipValue(depth: 0)
        return true
    }

    /// Skips one value (checking its syntax) and returns its JSON text.
    private static func rawValue(_ p: inout JSONScanner) throws -> String {
        let start = p.position
        try p.skipValue(depth: 0)
        return String(decoding: UnsafeBufferPointer(rebasing: p.bytes[start..<p.position]), as: UTF8.self)
    }
}

/// A cause found while decoding a line (wrapped into a `CorpusError` with path and line number by the reader).
struct LineProblem: Error {
    var cause: CorpusError.Cause
    init(_ cause: CorpusError.Cause) { self.cause = cause }
}
