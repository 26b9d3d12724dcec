import Foundation
import TextFeatures
import Corpus
import TelltaleIO

/// Turns records into a `FeatureMatrix` in two passes: (1) document frequencies of the content
/// words of every text and every distinct parent, (2) feature extraction with those frequencies.
/// Work is split into fixed chunks of rows, each with its own `FeatureExtractor`, and the chunks
/// are joined in order, so the matrix is identical whatever the number of threads.
public struct FeatureMatrixBuilder: Sendable {
    public var config: FeatureConfig
    /// Threads for both passes (1 = single-threaded).
    public var threads: Int
    /// Rows per chunk (each chunk gets a fresh extractor).
    public var chunkSize: Int
    /// log2 of the number of document-frequency counters.
    public var documentFrequencyBits: Int

    public init(config: FeatureConfig = FeatureConfig(), threads: Int = 2, chunkSize: Int = 512, documentFrequencyBits: Int = 16) {
        self.config = config
        self.threads = threads
        self.chunkSize = max(1, chunkSize)
        self.documentFrequencyBits = documentFrequencyBits
    }

    /// Document frequencies over the content words of each record's text and of each distinct
    /// parent (a question answered by many replies counts once).
    public func documentFrequencies(_ records: [CorpusRecord], progress: ProgressReporter = .silent) -> DocumentFrequencies {
        var seenParents = Set<String>()
        var documents: [String] = []
        documents.reserveCapacity(records.count)
        for r in records {
            documents.append(r.text)
            if let p = r.replyParent, seenParents.insert(p).inserted { documents.append(p) }
        }
        let bits = documentFrequencyBits
        let start = ProgressReporter.now()
        let done = SharedCounter()
        let docs = UncheckedSendable(documents)
        let chunks = WorkerThreads.map(count: (documents.count + chunkSize - 1) / chunkSize, threads: threads) { c in
            let extractor = FeatureExtractor(config: config)
            var df = DocumentFrequencies(bits: bits)
            var analysis = TextAnalysis()
            var words: [UInt64] = [], stems: [Range<Int>] = []
            let lo = c * chunkSize, hi = min(lo + chunkSize, docs.value.count)
            for d in lo..<hi {
                var text = docs.value[d]
                text.withUTF8 { extractor.analyze($0, into: &analysis) }
                analysis.normalized.withUnsafeBufferPointer { norm in
                    ContentWords.collect(norm, tokens: analysis.tokens, spans: analysis.spans, into: &words, stems: &stems, version: config.pairVersion)
                }
                df.add(document: words)
            }
            let n = done.add(hi - lo)
            progress.update { Self.rate("document frequencies", n, docs.value.count, start) }
            return df
        }
        var total = DocumentFrequencies(bits: bits)
        for df in chunks {
            total.documents &+= df.documents
            for i in total.counts.indices { total.counts[i] &+= df.counts[i] }
        }
        progress.finish()
        return total
    }

    /// Extracts every record (with its parent when it has one) into a matrix over `labels`.
    public func matrix(_ records: [CorpusRecord], labels: [String], documentFrequencies: DocumentFrequencies?,
                       progress: ProgressReporter = .silent) -> FeatureMatrix {
        let start = ProgressReporter.now()
        let done = SharedCounter()
        let recs = UncheckedSendable(records)
        let parts = WorkerThreads.map(count: (records.count + chunkSize - 1) / chunkSize, threads: threads) { c in
            let extractor = FeatureExtractor(config: config, documentFrequencies: documentFrequencies)
            var vector = FeatureVector()
            var merger = DuplicateMerger()
            let lo = c * chunkSize, hi = min(lo + chunkSize, recs.value.count)
            var indices: [UInt32] = [], values: [Float] = [], offsets: [Int] = [0]
            var targets = [[Int8]](repeating: [], count: labels.count)
            var scripts: [ScriptSummary?] = []
            scripts.reserveCapacity(hi - lo)
            indices.reserveCapacity((hi - lo) * 256)
            values.reserveCapacity((hi - lo) * 256)
            offsets.reserveCapacity(hi - lo + 1)
            for r in lo..<hi {
                let record = recs.value[r]
                extractor.extract(text: record.text, parent: record.replyParent, into: &vector)
                merger.append(indices: vector.indices, values: vector.values, into: &indices, &values)
                offsets.append(indices.count)
                scripts.append(extractor.scriptSummary)
                for (l, name) in labels.enumerated() { targets[l].append(record.labels[name].map { Int8($0) } ?? -1) }
            }
            var part = FeatureMatrix(bucketCount: config.bucketCount, labels: labels)
            part.rowOffsets = offsets
            part.indices = indices
            part.values = values
            part.targets = targets
            part.sources = recs.value[lo..<hi].map(\.source)
            part.hasParent = recs.value[lo..<hi].map { $0.replyParent != nil }
            part.scripts = scripts
            let n = done.add(hi - lo)
            progress.update { Self.rate("extracting features", n, recs.value.count, start) }
            return part
        }
        var matrix = FeatureMatrix(bucketCount: config.bucketCount, labels: labels)
        matrix.indices.reserveCapacity(parts.reduce(0) { $0 + $1.indices.count })
        matrix.values.reserveCapacity(matrix.indices.capacity)
        for p in parts { matrix.append(contentsOf: p) }
        progress.update(force: true) { Self.rate("extracting features", records.count, records.count, start) }
        progress.finish()
        return matrix
    }

    static func rate(_ what: String, _ done: Int, _ total: Int, _ start: Double) -> String {
        let elapsed = max(ProgressReporter.now() - start, 1e-9)
        return "\(what): \(done)/\(total) rows (\(Int(Double(done) / elapsed)) rows/s)"
    }
}
