import ArgumentParser
import Classifier
import Corpus
import Evaluation
import Foundation
import TelltaleIO

/// `telltale eval`: scores labelled corpora with a model and reports how well it does — per-label
/// metrics, thresholds for target precisions, per-source breakdown and the worst mistakes — as a
/// text summary on stdout and, on request, JSON, Markdown and a self-contained HTML page.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on labelled data: metrics, thresholds, per-source breakdown, worst mistakes.",
        discussion: """
        Reads corpora like `train` (JSONL {"id","text","parent"?,"labels":{...},"source"?}, fastText or TSV), \
        streaming; bad lines are reported and skipped (--strict: exit status 2). Each label is evaluated on \
        the rows where it is known. Prints a summary table; --json (schema: docs/eval-json-schema.md, \
        '-' for stdout), --markdown and --report (HTML with charts, no external assets) write report files \
        atomically. --scores writes each row's probabilities exactly as `telltale score` prints them.
        """
    )

    @Option(name: .long, help: "Model file (default: the model in Models/, or $TELLTALE_MODEL).")
    var model: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Labelled data files ('-' = standard input, needs --format).")
    var data: [String]

    @Option(name: .long, help: ArgumentHelp("Write the HTML report (charts inline, works offline).", valueName: "out.html"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Write the JSON report ('-': print it instead of the summary).", valueName: "out.json"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Write the Markdown report.", valueName: "out.md"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Write every row's probabilities as `telltale score` prints them.", valueName: "out.jsonl"))
    var scores: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Flag threshold for a label instead of the model's, e.g. non_idiomatic=0.7. Repeatable.", valueName: "label=p"))
    var threshold: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Target precision to find a threshold for (default 0.9 and 0.95). Repeatable.", valueName: "p"))
    var targetPrecision: [Double] = []

    @Option(name: .long, help: "Worst false positives and false negatives kept per label.")
    var topErrors: Int = 5

    @Option(name: .long, help: "Scoring threads.")
    var threads: Int = ThreadsDefault.value

    @Option(name: .long, help: "Corpus format when the file extension does not say: jsonl, fasttext, tsv.")
    var format: String?

    @Flag(name: .long, help: "Stop at the first bad corpus line (exit status 2).")
    var strict = false

    @OptionGroup var lineLimit: LineLimitOption

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1...64, got \(threads)") }
        guard (0...1000).contains(topErrors) else { throw ValidationError("--top-errors must be 0...1000, got \(topErrors)") }
        for p in targetPrecision where !(p > 0 && p <= 1) {
            throw ValidationError("--target-precision \(p) is not a precision: give a value in (0, 1], e.g. 0.95")
        }
        if let format, CorpusFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(format)'")
        }
        guard !data.isEmpty else { throw ValidationError("--data needs at least one file") }
    }

    func run() throws {
        OutputWriter.ignoreSIGPIPE()
        let modelPath = try ModelLocator.resolve(model)
        let loaded = try loadModel(modelPath)
        let scorer = try EvalBatchScorer(model: loaded, thresholds: try parseThresholds(threshold), threads: threads)
        for (path, option) in [(report, "--report"), (json, "--json"), (markdown, "--markdown"), (scores, "--scores")] {
            if let path, path != "-" || option != "--json" { try EvalOutputFile.checkWritable(path, option: option) }
        }
        let scoresFile = try scores.map { try EvalOutputFile(path: $0) }
        defer { scoresFile?.discard() }
        let scoreLine = ScoreLine(labels: loaded.labels)

        let collector = EvaluationCollector(labels: loaded.labels, thresholds: scorer.thresholds, topErrors: topErrors)
        let corpusFormat = format.flatMap(CorpusFormat.init(rawValue:))
        // Ctrl-C stops at the next batch, writes nothing and says so (exit 130).
        Interrupt.install()
        let progress = Progress(label: "evaluated", unit: "rows")
        var files: [ReportDataFile] = []
        var batch: [CorpusRecord] = []
        let batchSize = 512 * threads
        for path in data {
            let reader: CorpusReader
            do {
                let f = corpusFormat ?? CorpusFormat.infer(fromPath: path)
                reader = try CorpusReader(path: path, format: corpusFormat, labels: f?.closedWorld == true ? loaded.labels : nil, strict: strict,
                                          maxLineBytes: lineLimit.maxLineBytes)
            } catch {
                throw ExitCodeMessage(message: "\(error)", code: 1)
            }
            var more = true
            while more {
                if Interrupt.requested {
                    // Nothing is written on the way: the scores file is a temporary one until the end.
                    scoresFile?.discard()
                    printError("telltale: interrupted after \(collector.rows) row\(collector.rows == 1 ? "" : "s"): no report or scores file was written (files of an earlier run are kept)")
                    throw ExitCode(130)
                }
                batch.removeAll(keepingCapacity: true)
                do {
                    while batch.count < batchSize, let r = try reader.next() { batch.append(r) }
                } catch {
                    if error.isReadFailure { throw ExitCodeMessage(message: "\(error)", code: 1) }
                    throw ExitCodeMessage(message: "\(error) (--strict: stopping)", code: error.line > 0 ? 2 : 1)
                }
                more = batch.count == batchSize
                scorer.score(batch)
                for (i, record) in batch.enumerated() {
                    let result = scorer.results[i]
                    if let scoresFile {
                        // The id, when present, is always written as a JSON string.
                        var id: [UInt8] = []
                        if let recordID = record.id { JSONWriter.appendString(recordID, to: &id) }
                        var line: [UInt8] = []
                        scoreLine.append(idJSON: id, result, explain: false, to: &line)
                        try scoresFile.write(line)
                    }
                    collector.add(record, probabilities: result.probabilities) { lane in scorer.reasons(record, result, lane: lane) }
                }
                progress.update(collector.rows)
            }
            let s = reader.stats
            files.append(ReportDataFile(path: path, rows: s.rows, skipped: s.skipped, firstErrors: s.errors.prefix(5).map(\.description), hash: s.hash))
            if s.skipped > 0 {
                printError("telltale: \(path): skipped \(s.skipped) bad lines (first: \(s.errors.first.map(\.description) ?? "?"))")
            }
        }
        progress.finish(collector.rows)
        if collector.knownLabels == 0 {
            let found = collector.labelsNotInModel.keys.sorted()
            throw ValidationErrorMessage("no row of \(data.joined(separator: ", ")) carries a label of the model ("
                + loaded.labels.joined(separator: ", ") + "): nothing to evaluate"
                + (found.isEmpty ? "; the rows have no \"labels\"" : "; labels found: " + found.joined(separator: ", ")))
        }
        try scoresFile?.commit()

        let p = loaded.header.provenance
        let description = p.algorithm.isEmpty ? nil : p.algorithm + (p.trainedAt.isEmpty ? "" : ", trained \(p.trainedAt)")
        var options = EvaluationOptions()
        if !targetPrecision.isEmpty { options.targetPrecisions = targetPrecision }
        let doc = collector.report(context: ReportContext(model: modelPath, modelDescription: description, dataFiles: files), options: options)
        if let report { try EvalOutputFile.write(ReportHTML.render(doc), to: report) }
        if let markdown { try EvalOutputFile.write(ReportMarkdown.render(doc), to: markdown) }
        if let json, json != "-" { try EvalOutputFile.write(ReportJSON.render(doc), to: json) }

        let out = OutputWriter()
        out.write(json == "-" ? ReportJSON.render(doc) : ReportText.render(doc))
        out.flush()
        if let e = out.writeError { throw ValidationErrorMessage("writing the summary failed: \(e)") }
        for (path, what) in [(report, "HTML report"), (markdown, "Markdown report"), (json == "-" ? nil : json, "JSON report"), (scores, "scores")] {
            if let path { printError("telltale: wrote \(what) \(path)") }
        }
    }
}
