/// Escaping for the text that user data puts into reports (ids, texts, sources, label names,
/// reasons, file paths, authors): nothing a corpus contains can break the page or inject markup.
/// Shared by the eval reports (Train) and the accounts page (Campaign).
public enum ReportEscape {
    /// For HTML and SVG text and attribute values: `& < > " '` as character references. Control
    /// characters other than tab/newline (not allowed in XML 1.0) become U+FFFD.
    public static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F || (0xFFFE...0xFFFF).contains(u.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// For a Markdown table cell or inline text: one line, Markdown and HTML punctuation
    /// backslash-escaped (`\ ` * _ [ ] < > | #`), so a text cannot end the cell, open a link or
    /// inject HTML.
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~":
                out.append("\\")
                out.append(ch)
            case "\n", "\r", "\r\n", "\t":
                out.append(" ")
            default:
                if ch.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { out.append(" ") } else { out.append(ch) }
            }
        }
        return out
    }
}
