/// The line formats a corpus can be in. `closedWorld` formats list only the labels a line has, so
/// every other label of the requested label set is negative for that line.
public enum CorpusFormat: String, Sendable, CaseIterable, Codable {
    /// One JSON object per line: `{"id", "text", "parent"?, "labels": {"x": 0|1}, "source"?}`.
    case jsonl
    /// `__label__a __label__b text`.
    case fastText = "fasttext"
    /// `label<TAB>text`; label = `name` (1), `name=0|1`, comma-separated for several.
    case tsv

    /// Infers the format from a file name: `.jsonl`/`.json`, `.txt`/`.ft`, `.tsv`, each optionally
    /// followed by `.gz` (gzip input is decompressed by the reader, whatever its name).
    /// Returns nil for anything else (including "-" for standard input).
    public static func infer(fromPath path: String) -> CorpusFormat? {
        var path = Substring(path)
        if path.lowercased().hasSuffix(".gz") { path = path.dropLast(3) }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "jsonl", "json", "ndjson": return .jsonl
        case "txt", "ft", "fasttext": return .fastText
        case "tsv": return .tsv
        default: return nil
        }
    }

    /// Whether a line lists only its positive labels (the others in the label set are 0).
    public var closedWorld: Bool { self != .jsonl }
}
