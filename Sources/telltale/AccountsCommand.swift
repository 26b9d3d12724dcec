import ArgumentParser
import Campaign
import Classifier
#if canImport(Glibc)
import Glibc
#endif
import TelltaleIO

/// `telltale accounts`: scores posts like `score`, then rolls them up to accounts (flag shares,
/// Beijing office-hours rhythm, cross-account copy-paste) and near-duplicate clusters, streaming
/// with bounded memory. Writes a ranked table to stdout and, on request, JSONL per author and per
/// cluster and a self-contained HTML report.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Roll scored posts up to accounts: flag shares, Beijing office hours, copy-paste clusters.",
        discussion: """
        Input: the score input JSONL plus optional "author" and "created_at" (ISO 8601 with an offset, \
        e.g. 2024-03-05T09:30:00+08:00 or ...Z, or epoch seconds). A post without an author is counted \
        under (unknown); one without a readable time is counted without a time; every such line is \
        reported (stderr, or all of them with --problems) and never stops the run.
        Ranking: by the account model (Models/accounts.model when present, or --account-model): its \
        calibrated probability, with the largest contributions as reasons. Fallback (--hand-lead, \
        --no-scores, no account model): \(LeadScore.explanation)
        """
    )

    @Option(name: .long, help: "Model file (default: the model in Models/, or $TELLTALE_MODEL).")
    var model: String?

    @Flag(name: .long, help: "Do not score the texts (no model needed): only times and copy-paste; ranks by the hand formula.")
    var noScores = false

    @Option(name: .long, help: ArgumentHelp("Account model ranking the accounts (default: Models/\(ModelLocator.accountModelFileName) when present, or $TELLTALE_ACCOUNT_MODEL).", valueName: "file"))
    var accountModel: String?

    @Flag(name: .long, help: "Rank by the hand formula (flag + workday + duplicate) / 3 instead of an account model.")
    var handLead = false

    @Option(name: .long, help: "Input file, or - for standard input.")
    var input: String = "-"

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Flag threshold for a label, e.g. non_idiomatic=0.7. Repeatable.", valueName: "label=p"))
    var threshold: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write one JSON line per author (highest lead first).", valueName: "file"))
    var authors: String?

    @Option(name: .long, help: ArgumentHelp("Write one JSON line per near-duplicate cluster of 2+ posts (most authors first).", valueName: "file"))
    var clusters: String?

    @Option(name: .long, help: ArgumentHelp("Write a self-contained HTML report.", valueName: "file"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Write every per-line problem as a JSON line.", valueName: "file"))
    var problems: String?

    @Option(name: .long, help: "Input field holding the account name.")
    var authorField = "author"

    @Option(name: .long, help: "Input field holding the post time.")
    var timeField = "created_at"

    @Option(name: .long, help: ArgumentHelp("UTC offset to assume for times without one, e.g. +00:00 (default: such times are reported and ignored).", valueName: "±hh:mm"))
    var defaultOffset: String?

    @Option(name: .long, help: "Minimum estimated Jaccard similarity for two posts to be near-duplicates (0.3...1).")
    var similarity = 0.6

    @Option(name: .long, help: "Distinct texts held for matching (~600 bytes each); older single posts are forgotten beyond it.")
    var maxClusters = 200_000

    @Option(name: .long, help: "Accounts with fewer posts are not ranked in the table and report (still in --authors).")
    var minPosts = 3

    @Option(name: .long, help: "Accounts (and clusters) shown in the stdout table and the report.")
    var top = 20

    @Option(name: .long, help: "Scoring threads (reading and aggregation run on one more thread, overlapped).")
    var threads: Int = ThreadsDefault.value

    @OptionGroup var lineLimit: LineLimitOption

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1...64, got \(threads)") }
        guard (0.3...1).contains(similarity) else { throw ValidationError("--similarity must be between 0.3 and 1, got \(similarity)") }
        guard maxClusters >= 100 else { throw ValidationError("--max-clusters must be at least 100") }
        guard minPosts >= 1, top >= 1 else { throw ValidationError("--min-posts and --top must be at least 1") }
        guard !noScores || (model == nil && threshold.isEmpty) else { throw ValidationError("--no-scores cannot be combined with --model or --threshold") }
        guard !handLead || accountModel == nil else { throw ValidationError("--hand-lead and --account-model exclude each other: pick one way to rank") }
        if let d = defaultOffset, Self.parseOffset(d) == nil {
            throw ValidationError("--default-offset '\(d)': expected an offset like +08:00, -05:00 or Z")
        }
    }

    func run() throws {
        OutputWriter.ignoreSIGPIPE()
        let loaded = noScores ? nil : try loadModel(model)
        let labels = loaded?.labels ?? []
        guard labels.count <= 64 else { throw ValidationErrorMessage("the model has \(labels.count) labels; accounts handles at most 64") }
        let thresholds = try parseThresholds(threshold)
        let leads = try accountLeads(labels: labels)
        let timeParser = TimestampParser(defaultOffsetSeconds: defaultOffset.flatMap(Self.parseOffset))
        let outputs = try AccountsOutputs(authors: authors, clusters: clusters, report: report)
        let log = try AccountsProblemLog(authorField: authorField, timeField: timeField, problemsPath: problems)
        let reading = AccountsReading(input: input, model: loaded, thresholds: thresholds, authorField: authorField, timeField: timeField,
                                      timeParser: timeParser, similarity: similarity, maxClusters: maxClusters, threads: threads,
                                      maxLineBytes: lineLimit.maxLineBytes)
        let read = try reading.run(log: log)
        if read.interrupted {
            outputs.discard()
            log.discard()
            printError("telltale: interrupted after \(read.lines) line\(read.lines == 1 ? "" : "s"): no output file was written (files of an earlier run are kept)")
            throw ExitCode(130)
        }
        if let e = read.readError { printError("telltale: reading '\(input)' failed after line \(read.lines): \(e)") }
        try log.finish(lines: read.lines)
        let settings = CampaignResult.Settings(input: input, model: noScores ? nil : (try? ModelLocator.resolve(model)),
                                               similarity: similarity, maxClusters: maxClusters, minPosts: minPosts, top: top,
                                               accountModel: leads?.path)
        let run = CampaignResult(aggregator: read.aggregator, settings: settings, leads: leads?.scorer)
        try outputs.write(run)
        let out = OutputWriter()
        out.write(AccountsTable.render(run))
        out.flush()
        if read.readError != nil { throw ExitCode(1) }
    }

    /// The account model to rank with: --account-model, else the default one when present — unless
    /// --hand-lead, or --no-scores without --account-model (the shipped model needs post scores).
    func accountLeads(labels: [String]) throws -> (path: String, scorer: AccountLeadScorer)? {
        if handLead { return nil }
        if let path = accountModel {
            do {
                let m = try AccountModelFile.load(path: path)
                return (path, try AccountLeadScorer(model: m, labels: labels, modelPath: path))
            } catch {
                throw ValidationErrorMessage("\(error)")
            }
        }
        guard !noScores, let path = ModelLocator.defaultAccountModel() else { return nil }
        // The default model: a damaged file is an error (it should be replaced), one that does not
        // fit this post model falls back to the hand formula with a note.
        let m: AccountModel
        do { m = try AccountModelFile.load(path: path) } catch { throw ValidationErrorMessage("\(error)") }
        do {
            return (path, try AccountLeadScorer(model: m, labels: labels, modelPath: path))
        } catch {
            printError("telltale: ranking by the hand formula: \(error) (--hand-lead silences this)")
            return nil
        }
    }

    /// Feeds a chunk's posts to the aggregator, in order.
    static func aggregate(_ c: AccountsChunk, labelCount: Int, into agg: CampaignAggregator) {
        c.probabilities.withUnsafeBufferPointer { probs in
            c.signatures.withUnsafeBufferPointer { sigs in
                c.texts.withUnsafeBufferPointer { texts in
                    var textStart = 0
                    for i in 0..<c.count {
                        let t = c.times[i]
                        let p = UnsafeBufferPointer(rebasing: probs[i * labelCount..<(i + 1) * labelCount])
                        let sig = c.signed[i] ? UnsafeBufferPointer(rebasing: sigs[i * MinHash.size..<(i + 1) * MinHash.size]) : nil
                        let text = UnsafeBufferPointer(rebasing: texts[textStart..<c.textEnds[i]])
                        textStart = c.textEnds[i]
                        agg.add(author: c.authors[i], time: t.isNaN ? nil : t, probabilities: p, flags: c.flags[i], signature: sig, text: text,
                                traits: c.traits[i])
                    }
                }
            }
        }
    }

    /// `+08:00`, `-0500`, `+08`, `Z` → seconds east of UTC.
    static func parseOffset(_ s: String) -> Int? {
        if s == "Z" || s == "z" || s == "UTC" { return 0 }
        // Reuse the timestamp parser: a fixed local time with this offset.
        guard case .success(let t) = TimestampParser().parse("1970-01-01T00:00:00" + s) else { return nil }
        return -Int(t)
    }
}
