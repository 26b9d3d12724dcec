/// Reads a set of corpus files for training: decides the label set (given, or every label found,
/// sorted), reads every file with it (so fastText/TSV lines are negative for the labels they do not
/// list) and keeps each file's statistics and hash for provenance.
public struct CorpusLoader: Sendable {
    public var format: CorpusFormat?
    public var strict: Bool

    public init(format: CorpusFormat? = nil, strict: Bool = false) {
        self.format = format
        self.strict = strict
    }

    /// Every label named in `paths` (a streaming scan), sorted.
    public func discoverLabels(_ paths: [String]) throws(CorpusError) -> [String] {
        var found = Set<String>()
        for p in paths {
            let reader = try CorpusReader(path: p, format: format, labels: nil, strict: strict)
            while let r = try reader.next() { found.formUnion(r.labels.keys) }
        }
        return found.sorted()
    }

    /// The records of every file in order, restricted to `labels`, and each file's statistics.
    public func read(_ paths: [String], labels: [String]) throws(CorpusError) -> (records: [CorpusRecord], stats: [CorpusReadStats]) {
        var records: [CorpusRecord] = []
        var stats: [CorpusReadStats] = []
        for p in paths {
            let reader = try CorpusReader(path: p, format: format, labels: labels, strict: strict)
            while let r = try reader.next() { records.append(r) }
            stats.append(reader.stats)
        }
        return (records, stats)
    }
}
