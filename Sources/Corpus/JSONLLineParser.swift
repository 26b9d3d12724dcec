import Foundation

/// Parses one JSONL corpus line (`{"id", "text", "parent"?, "labels": {"x": 0|1}, "source"?}`)
/// with `JSONDecoder` (which, unlike JSONSerialization, keeps a leading U+FEFF inside strings).
/// Unknown fields are ignored. A label value may be 0/1, true/false or "0"/"1"; `null` means
/// unknown, like a missing label. `id` may be a string or a number.
struct JSONLLineParser {
    private let decoder = JSONDecoder()

    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CorpusRecord, LineProblem> {
        do {
            let row = try decoder.decode(JSONLRow.self, from: Data(line))
            return .success(row.record)
        } catch let problem as LineProblem {
            return .failure(problem)
        } catch let DecodingError.dataCorrupted(context) {
            return .failure(LineProblem(.malformedJSON(Self.hint(line) ?? Self.describe(context))))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            return .failure(LineProblem(.malformedJSON("expected an object {...}, found another JSON value")))
        } catch {
            return .failure(LineProblem(.malformedJSON(String(describing: error))))
        }
    }

    /// A more useful message than the decoder's "not valid JSON" for the common cases.
    private static func hint(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = line.first(where: { !isSpace($0) }) else { return nil }
        if first != UInt8(ascii: "{") { return "the line does not start with '{'" }
        if line.last(where: { !isSpace($0) }) != UInt8(ascii: "}") { return "the line does not end with '}' (cut off?)" }
        return nil
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError {
            let text = String(describing: underlying)
            // Foundation wraps the useful part ("Unexpected character ... around line 1, column 9") in a dictionary dump.
            if let r = text.range(of: "NSDebugDescription=") {
                return String(text[r.upperBound...].prefix { $0 != "," && $0 != "}" })
            }
            return text
        }
        return context.debugDescription
    }
}

/// A cause found while decoding a line (wrapped into a `CorpusError` with path and line number by the reader).
struct LineProblem: Error {
    var cause: CorpusError.Cause
    init(_ cause: CorpusError.Cause) { self.cause = cause }
}

/// The decoded shape of one JSONL line.
private struct JSONLRow: Decodable {
    var record: CorpusRecord

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let textKey = Key(stringValue: "text")
        guard c.contains(textKey) else { throw LineProblem(.missingText) }
        guard let text = try? c.decode(String.self, forKey: textKey) else { throw LineProblem(.notAString(field: "text")) }
        let parent = try Self.optionalString(c, "parent")
        let source = try Self.optionalString(c, "source")
        var id: String? = nil
        let idKey = Key(stringValue: "id")
        if c.contains(idKey), !(try c.decodeNil(forKey: idKey)) {
            if let s = try? c.decode(String.self, forKey: idKey) { id = s }
            else if let n = try? c.decode(Int64.self, forKey: idKey) { id = String(n) }
            else { throw LineProblem(.notAString(field: "id")) }
        }
        var labels: [String: Int] = [:]
        let labelsKey = Key(stringValue: "labels")
        if c.contains(labelsKey), !(try c.decodeNil(forKey: labelsKey)) {
            guard let lc = try? c.nestedContainer(keyedBy: Key.self, forKey: labelsKey) else { throw LineProblem(.labelsNotAnObject) }
            for key in lc.allKeys {
                if let v = try Self.labelValue(lc, key) { labels[key.stringValue] = v }
            }
        }
        record = CorpusRecord(id: id, text: text, parent: parent, labels: labels, source: source)
    }

    private static func optionalString(_ c: KeyedDecodingContainer<Key>, _ name: String) throws -> String? {
        let key = Key(stringValue: name)
        guard c.contains(key), !(try c.decodeNil(forKey: key)) else { return nil }
        guard let s = try? c.decode(String.self, forKey: key) else { throw LineProblem(.notAString(field: name)) }
        return s
    }

    /// 0 or 1, nil for null; anything else is a bad label value.
    private static func labelValue(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int? {
        if try c.decodeNil(forKey: key) { return nil }
        let shown: String
        if let i = try? c.decode(Int.self, forKey: key) {
            if i == 0 || i == 1 { return i }
            shown = String(i)
        } else if let b = try? c.decode(Bool.self, forKey: key) {
            return b ? 1 : 0
        } else if let s = try? c.decode(String.self, forKey: key) {
            if s == "0" || s == "1" { return Int(s) }
            shown = "\"\(s)\""
        } else if let d = try? c.decode(Double.self, forKey: key) {
            if d == 0 || d == 1 { return Int(d) }
            shown = String(d)
        } else {
            shown = "an object or array"
        }
        throw LineProblem(.badLabelValue(label: key.stringValue, value: shown))
    }
}
