/// Parses one fastText line: leading whitespace-separated `__label__name` tokens, then the text.
/// The listed labels are 1; with a label set, every other label of the set is 0 (closed world).
/// Labels outside the set are ignored.
struct FastTextLineParser {
    static let prefix = Array("__label__".utf8)
    let labelSet: [String]?

    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CorpusRecord, LineProblem> {
        var names: [String] = []
        var i = 0
        let n = line.count
        while true {
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            guard hasPrefix(line, at: i) else { break }
            var j = i + Self.prefix.count
            let nameStart = j
            while j < n && line[j] != 0x20 && line[j] != 0x09 { j += 1 }
            guard j > nameStart else { return .failure(LineProblem(.emptyLabel)) }
            names.append(String(decoding: UnsafeBufferPointer(rebasing: line[nameStart..<j]), as: UTF8.self))
            i = j
        }
        guard !names.isEmpty else { return .failure(LineProblem(.missingFastTextLabel)) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[i..<n]), as: UTF8.self)
        return .success(CorpusRecord(text: text, labels: ClosedWorldLabels.assign(positives: Set(names), negatives: [], labelSet: labelSet)))
    }

    private func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + Self.prefix.count <= line.count else { return false }
        for k in 0..<Self.prefix.count where line[i + k] != Self.prefix[k] { return false }
        return true
    }
}

/// Label assignment for formats that list labels per line (fastText, TSV).
enum ClosedWorldLabels {
    /// Positives are 1 and explicit negatives 0. When the line named at least one positive, every
    /// other label of `labelSet` is 0 too. Without a label set, all named labels are kept; with
    /// one, labels outside it are dropped.
    static func assign(positives: Set<String>, negatives: Set<String>, labelSet: [String]?) -> [String: Int] {
        var out: [String: Int] = [:]
        for l in negatives { out[l] = 0 }
        for l in positives { out[l] = 1 }
        guard let labelSet else { return out }
        var restricted: [String: Int] = [:]
        for l in labelSet {
            if let v = out[l] { restricted[l] = v } else if !positives.isEmpty { restricted[l] = 0 }
        }
        return restricted
    }
}
