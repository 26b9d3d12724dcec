import TelltaleIO

/// Reads a set of corpus files for training: decides the label set (given, or every label found,
/// sorted), reads every file with it (so fastText/TSV lines are negative for the labels they do not
/// list) and keeps each file's statistics and hash for provenance.
public struct CorpusLoader: Sendable {
    public var format: CorpusFormat?
    public var strict: Bool
    /// The line limit (`--max-line-bytes`); a longer line is a bad line.
    public var maxLineBytes: Int

    public init(format: CorpusFormat? = nil, strict: Bool = false, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.format = format
        self.strict = strict
        self.maxLineBytes = maxLineBytes
    }

    /// What `load` returns.
    public struct Loaded: Sendable {
        public var records: [CorpusRecord]
        /// One per file, in order.
        public var stats: [CorpusReadStats]
        /// The label set used (given, or discovered and sorted).
        public var labels: [String]
    }

    /// Reads `paths` with `labels`, or (nil) with every label found in them. JSONL files are read
    /// once; when a fastText/TSV file must be read without a label set, the files are first scanned
    /// for label names, because such lines are negative for the labels of the set they do not list.
    public func load(_ paths: [String], labels: [String]?) throws(CorpusError) -> Loaded {
        if let labels { return try read(paths, labels: labels) }
        let allOpenWorld = paths.allSatisfy { (format ?? CorpusFormat.infer(fromPath: $0)) == .jsonl }
        if !allOpenWorld { return try read(paths, labels: try discoverLabels(paths)) }
        var loaded = try read(paths, labels: nil)
        var found = Set<String>()
        for r in loaded.records { found.formUnion(r.labels.keys) }
        loaded.labels = found.sorted()
        return loaded
    }

    /// Every label named in `paths` (a streaming scan), sorted.
    public func discoverLabels(_ paths: [String]) throws(CorpusError) -> [String] {
        var found = Set<String>()
        for p in paths {
            let reader = try CorpusReader(path: p, format: format, labels: nil, strict: strict, maxLineBytes: maxLineBytes)
            while let r = try reader.next() { found.formUnion(r.labels.keys) }
        }
        return found.sorted()
    }

    /// The records of every file in order, restricted to `labels` (nil: all), and each file's statistics.
    public func read(_ paths: [String], labels: [String]?) throws(CorpusError) -> Loaded {
        var records: [CorpusRecord] = []
        var stats: [CorpusReadStats] = []
        for p in paths {
            let reader = try CorpusReader(path: p, format: format, labels: labels, strict: strict, maxLineBytes: maxLineBytes)
            while let r = try reader.next() { records.append(r) }
            stats.append(reader.stats)
        }
        return Loaded(records: records, stats: stats, labels: labels ?? [])
    }
}
