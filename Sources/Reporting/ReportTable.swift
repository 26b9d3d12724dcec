/// A table of strings rendered as aligned plain text (for the terminal) or as a Markdown table.
/// Cells are given already formatted; Markdown cells are escaped here.
public struct ReportTable: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    /// Columns after the first are right-aligned unless `alignments` says otherwise.
    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// Columns padded to their widest cell, two spaces apart, no trailing spaces.
    public func text(indent: String = "") -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                let fill = String(repeating: " ", count: max(widths[i] - cell.count, 0))
                parts.append(alignments[i] == .left ? cell + fill : fill + cell)
            }
            var s = indent + parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table (cells escaped with `ReportEscape.markdown`).
    public func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + headers.indices.map { i in ReportEscape.markdown(i < cells.count ? cells[i] : "") }.joined(separator: " | ") + " |"
        }
        let rule = "|" + alignments.map { $0 == .left ? " --- |" : " ---: |" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
