import TelltaleIO

/// A JSON value with object keys in the order they were written, serialised deterministically
/// (so the report JSON is stable byte for byte and diffable). Numbers that are not finite become
/// `null`.
public indirect enum ReportJSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([ReportJSONValue])
    case object([(String, ReportJSONValue)])

    public static func == (a: ReportJSONValue, b: ReportJSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// `.number`, or `.null` for nil.
    public static func optional(_ x: Double?) -> ReportJSONValue { x.map { .number($0) } ?? .null }
    /// `.string`, or `.null` for nil.
    public static func optional(_ s: String?) -> ReportJSONValue { s.map { .string($0) } ?? .null }

    /// Serialised with two-space indentation (`pretty`) or on one line.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil)
        return out
    }

    private func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += x.isFinite ? ReportJSONValue.numberText(x) : "null"
        case .string(let s): ReportJSONValue.writeString(s, to: &out)
        case .array(let items):
            writeContainer("[", "]", items.count, to: &out, indent: indent) { i, out, inner in
                items[i].write(to: &out, indent: inner)
            }
        case .object(let members):
            writeContainer("{", "}", members.count, to: &out, indent: indent) { i, out, inner in
                ReportJSONValue.writeString(members[i].0, to: &out)
                out += indent == nil ? ":" : ": "
                members[i].1.write(to: &out, indent: inner)
            }
        }
    }

    private func writeContainer(_ open: String, _ close: String, _ count: Int, to out: inout String, indent: Int?,
                                _ item: (Int, inout String, Int?) -> Void) {
        out += open
        guard count > 0 else { out += close; return }
        // Arrays of scalars stay on one line even when pretty (curves, counts).
        let scalarsOnly: Bool = {
            if case .array(let items) = self {
                return items.allSatisfy {
                    switch $0 {
                    case .array(let inner): return inner.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
                    case .object: return false
                    default: return true
                    }
                }
            }
            return false
        }()
        let inner = (indent == nil || scalarsOnly) ? nil : indent! + 2
        for i in 0..<count {
            if i > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: " ", count: inner) }
            item(i, &out, inner)
        }
        if let indent, inner != nil { out += "\n" + String(repeating: " ", count: indent) }
        out += close
    }

    /// Shortest text that reads back as the same Double ("0.1", "1e-05", "3.0").
    static func numberText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// `s` as a JSON string literal, escaped by TelltaleIO's `JSONWriter` (as every JSON Telltale writes).
    static func writeString(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        JSONWriter.appendString(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
