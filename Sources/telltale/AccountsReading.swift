import Campaign
import Classifier
import TelltaleIO

/// The reading half of `telltale accounts` and `telltale train-accounts`: streams the input
/// through scoring workers into a `CampaignAggregator`, logging per-line problems; with a training
/// label, also collects each author's label.
struct AccountsReading {
    var input: String
    var model: Model?
    var thresholds: [String: Double]
    var authorField: String
    var timeField: String
    var timeParser: TimestampParser
    var similarity: Double
    var maxClusters: Int
    var threads: Int
    var maxLineBytes: Int
    /// `labels.<name>` to collect per author (train-accounts).
    var label: String?

    /// What was read.
    struct Outcome {
        var aggregator: CampaignAggregator
        var lines: Int
        var readError: String?
        /// Ctrl-C stopped the reading (the caller discards its outputs and exits 130).
        var interrupted = false
        /// Per author name: labels seen (bit 0: a 0, bit 1: a 1) and the first line of each.
        var authorLabels: [String: (seen: UInt8, firstZero: Int, firstOne: Int)] = [:]
    }

    /// Reads everything, or up to Ctrl-C (`interrupted`).
    func run(log: AccountsProblemLog) throws -> Outcome {
        let labels = model?.labels ?? []
        let reader: LineReader
        do { reader = try LineReader.open(input, maxLineBytes: maxLineBytes) } catch { throw ValidationErrorMessage("\(error)") }
        Interrupt.install()
        reader.isInterrupted = { Interrupt.requested }
        let workers = try (0..<threads).map { _ in
            try AccountsWorker(model: model, thresholds: thresholds, authorField: authorField, timeField: timeField,
                               timeParser: timeParser, maxLineBytes: maxLineBytes, label: label)
        }
        var outcome = Outcome(aggregator: CampaignAggregator(labels: labels, clusters: .init(similarity: similarity, maxLiveClusters: maxClusters)),
                              lines: 0)
        let progress = Progress(label: "read", unit: "posts")
        // Workers parse, score and sign batch k+1 while this thread reads the next batch and
        // aggregates batch k (also with one worker: aggregation is real work).
        let pipeline = BatchPipeline(workers: workers, makeChunk: { AccountsChunk() }, linesPerWorker: 2048,
                                     overlapSingleWorker: true)
        pipeline.run(reader: reader, more: { true }) { chunks, n in
            for c in chunks {
                for p in c.problems { log.record(p) }
                AccountsCommand.aggregate(c, labelCount: labels.count, into: outcome.aggregator)
                if label != nil { Self.collectLabels(c, into: &outcome.authorLabels) }
            }
            outcome.lines += n
            progress.update(outcome.lines)
            return true
        }
        progress.finish(outcome.lines)
        outcome.interrupted = Interrupt.requested
        outcome.readError = reader.readError.map { "\($0)" }
        return outcome
    }

    private static func collectLabels(_ c: AccountsChunk, into labels: inout [String: (seen: UInt8, firstZero: Int, firstOne: Int)]) {
        for i in 0..<c.count where c.labels[i] >= 0 {
            guard let author = c.authors[i] else { continue }
            var e = labels[author] ?? (0, 0, 0)
            if c.labels[i] == 1 {
                if e.seen & 2 == 0 { e.firstOne = c.lineNumbers[i] }
                e.seen |= 2
            } else {
                if e.seen & 1 == 0 { e.firstZero = c.lineNumbers[i] }
                e.seen |= 1
            }
            labels[author] = e
        }
    }
}
