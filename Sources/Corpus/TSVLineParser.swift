/// Parses one TSV line `label<TAB>text`. The label field is one or more comma-separated items:
/// `name` (= 1, and like fastText every other label of the label set is 0) or `name=0` /
/// `name=1` (exactly that label; explicit values override). Everything after the first TAB is text.
struct TSVLineParser {
    let labelSet: [String]?

    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CorpusRecord, LineProblem> {
        guard let tab = line.firstIndex(of: 0x09) else { return .failure(LineProblem(.missingTab)) }
        let field = String(decoding: UnsafeBufferPointer(rebasing: line[0..<tab]), as: UTF8.self)
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[(tab + 1)...]), as: UTF8.self)
        var positives = Set<String>(), negatives = Set<String>()
        var explicit: [String: Int] = [:]
        for rawItem in field.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingSpaces
            if let eq = item.firstIndex(of: "=") {
                let name = String(item[..<eq]).trimmingSpaces
                let value = String(item[item.index(after: eq)...]).trimmingSpaces
                guard !name.isEmpty else { return .failure(LineProblem(.emptyLabel)) }
                guard value == "0" || value == "1" else { return .failure(LineProblem(.badLabelValue(label: name, value: value))) }
                explicit[name] = value == "1" ? 1 : 0
            } else {
                guard !item.isEmpty else { return .failure(LineProblem(.emptyLabel)) }
                positives.insert(item)
            }
        }
        for (name, v) in explicit where v == 0 { negatives.insert(name) }
        var labels = ClosedWorldLabels.assign(positives: positives, negatives: negatives, labelSet: labelSet)
        for (name, v) in explicit where labelSet?.contains(name) ?? true { labels[name] = v }
        return .success(CorpusRecord(text: text, labels: labels))
    }

    /// Whether a first line is a `label<TAB>text` header (skipped).
    static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        String(decoding: line, as: UTF8.self).lowercased() == "label\ttext"
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
