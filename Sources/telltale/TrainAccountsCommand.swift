import ArgumentParser
import Campaign
import Classifier
import Foundation
import TelltaleIO
import Train
import Reporting

/// `telltale train-accounts`: rolls labelled posts up to accounts exactly as `telltale accounts`
/// does (same post model, same features), cross-validates a logistic regression over the account
/// features by author, fits it on every account and writes the account model file.
struct TrainAccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-accounts",
        abstract: "Train the account model that ranks `telltale accounts` from accounts with a 0/1 label.",
        discussion: """
        Input: the accounts input (JSONL with "text", "author", "created_at") where each post also has \
        "labels": {"state_linked": 0 or 1}; every post of an author must carry the same label. Prints \
        the cross-validation by author (ROC-AUC, precision at the top 10/20, log loss, the hand formula \
        on the same accounts) and the strongest features with their sign, and writes them into the model card.
        """
    )

    @Option(name: .long, help: "Labelled posts (JSONL), or - for standard input.")
    var input: String

    @Option(name: .long, help: ArgumentHelp("Account model file to write.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Post model whose scores feed the score features (default: the model in Models/, or $TELLTALE_MODEL).")
    var model: String?

    @Option(name: .long, help: "Key inside \"labels\" holding the account label (1 = positive).")
    var label = "state_linked"

    @Option(name: .long, help: "L2 penalty λ on the standardised weights (larger: smaller weights).")
    var l2 = 10.0

    @Option(name: .long, help: "Standardised values are clipped to ±clip standard deviations (no extrapolation past the training accounts).")
    var clip = 3.0

    @Option(name: .long, help: "Cross-validation folds (by author, stratified).")
    var folds = 5

    @Option(name: .long, help: "Seed of the fold assignment.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Accounts with fewer posts are left out of training.")
    var minPosts = 3

    @Option(name: .long, help: ArgumentHelp("Write every account's out-of-fold probability as JSON lines.", valueName: "file"))
    var outOfFold: String?

    @Option(name: .long, help: "Input field holding the account name.")
    var authorField = "author"

    @Option(name: .long, help: "Input field holding the post time.")
    var timeField = "created_at"

    @Option(name: .long, help: "Minimum estimated Jaccard similarity for near-duplicates (as in accounts).")
    var similarity = 0.6

    @Option(name: .long, help: "Scoring threads.")
    var threads = 1

    @OptionGroup var lineLimit: LineLimitOption

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1...64, got \(threads)") }
        guard (2...20).contains(folds) else { throw ValidationError("--folds must be 2...20, got \(folds)") }
        guard l2 > 0, l2.isFinite else { throw ValidationError("--l2 must be a positive number, got \(l2)") }
        guard clip > 0, clip.isFinite else { throw ValidationError("--clip must be a positive number, got \(clip)") }
        guard minPosts >= 1 else { throw ValidationError("--min-posts must be at least 1") }
        guard (0.3...1).contains(similarity) else { throw ValidationError("--similarity must be between 0.3 and 1, got \(similarity)") }
    }

    func run() throws {
        let postModelPath = try ModelLocator.resolve(model)
        let post = try loadModel(postModelPath)
        let log = try AccountsProblemLog(authorField: authorField, timeField: timeField, problemsPath: nil)
        let reading = AccountsReading(input: input, model: post, thresholds: [:], authorField: authorField, timeField: timeField,
                                      timeParser: TimestampParser(), similarity: similarity, maxClusters: 200_000, threads: threads,
                                      maxLineBytes: lineLimit.maxLineBytes, label: label)
        let read = try reading.run(log: log)
        if read.interrupted {
            printError("telltale: interrupted after \(read.lines) line\(read.lines == 1 ? "" : "s"): no model was written")
            throw ExitCode(130)
        }
        if let e = read.readError { throw ValidationErrorMessage("reading '\(input)' failed after line \(read.lines): \(e)") }
        try log.finish(lines: read.lines)
        let result = CampaignResult(aggregator: read.aggregator, settings: .init(input: input, model: postModelPath, similarity: similarity,
                                                                                maxClusters: 200_000, minPosts: minPosts, top: 0))
        let names = AccountFeatures.names(labels: post.labels)
        var rows: [AccountTrainer.Row] = []
        var unlabelled = 0, small = 0, posts = 0
        for a in result.authors where !a.isUnknown {
            guard let seen = read.authorLabels[a.name] else { unlabelled += 1; continue }
            if seen.seen == 3 {
                throw ValidationErrorMessage("account '\(a.name)' has \(label)=0 (line \(seen.firstZero)) and \(label)=1 (line \(seen.firstOne)): "
                    + "an account has one label; fix the data")
            }
            guard a.posts >= minPosts else { small += 1; continue }
            posts += a.posts
            rows.append(.init(name: a.name, values: AccountFeatures.values(a, labels: post.labels), positive: seen.seen == 2, handLead: a.lead.value))
        }
        if unlabelled > 0 { printError("telltale: \(unlabelled) accounts without a \(label) label left out") }
        if small > 0 { printError("telltale: \(small) accounts with fewer than \(minPosts) posts left out (--min-posts)") }
        var trainer = AccountTrainer(features: names)
        trainer.l2 = l2
        trainer.folds = folds
        trainer.seed = seed
        trainer.clip = clip
        let card = AccountModelCard(trainedOn: Self.fileName(input), authors: 0, positives: 0, posts: posts,
                                    postModel: Self.fileName(postModelPath), l2: l2, folds: folds, seed: seed, minPosts: minPosts,
                                    crossValidation: .init(rocAUC: .nan, precisionAt10: .nan, precisionAt20: .nan, logLoss: .nan),
                                    handFormulaROCAUC: nil, strongestFeatures: [])
        let trained: AccountTrainer.Result
        do { trained = try trainer.train(rows, label: label, card: card) } catch { throw ValidationErrorMessage("\(error)") }
        if let outOfFold { try Self.writeOutOfFold(trained, to: outOfFold) }
        do { try AccountModelFile.write(trained.model, to: output) } catch { throw ValidationErrorMessage("\(error)") }
        print(Self.report(trained.model), terminator: "")
        print("Wrote \(output)")
    }

    /// The text report: data, cross-validation, strongest features.
    static func report(_ m: AccountModel) -> String {
        let c = m.card, cv = c.crossValidation
        var s = "Account model: \(c.authors) accounts (\(c.positives) with \(m.label)=1), \(c.posts) posts, \(m.features.count) features; "
        s += "L2 \(CampaignJSON.rounded(c.l2)), values clipped to ±\(CampaignJSON.rounded(m.clip)) SD; post scores from \(c.postModel ?? "-")\n"
        s += "Cross-validation by author (\(c.folds) folds, stratified, seed \(c.seed)), out of fold:\n"
        s += "  ROC-AUC \(f3(cv.rocAUC))  precision@10 \(f3(cv.precisionAt10))  precision@20 \(f3(cv.precisionAt20))  log loss \(f3(cv.logLoss))\n"
        s += "  hand formula (flag + workday + duplicate) / 3 on the same accounts: ROC-AUC \(c.handFormulaROCAUC.map(f3) ?? "-")\n"
        s += "Strongest features (weight per standard deviation; + towards \(m.label)=1):\n"
        let order = m.features.indices.sorted { abs(m.weights[$0]) != abs(m.weights[$1]) ? abs(m.weights[$0]) > abs(m.weights[$1]) : $0 < $1 }
        for i in order.prefix(10) {
            let w = m.weights[i]
            s += "  \(w < 0 ? "−" : "+")\(f3(abs(w)))  \(m.features[i])\n"
        }
        return s
    }

    static func f3(_ x: Double) -> String {
        x.isFinite ? ReportFormat.fixed(x, 3) : "-"
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func writeOutOfFold(_ r: AccountTrainer.Result, to path: String) throws {
        let file = try PendingOutputFile(path, option: "--out-of-fold")
        let out = OutputWriter(fd: file.fd)
        var b: [UInt8] = []
        for row in r.outOfFold {
            b.removeAll(keepingCapacity: true)
            b.append(contentsOf: "{\"author\":".utf8)
            JSONWriter.appendString(row.name, to: &b)
            b.append(contentsOf: ",\"probability\":\(CampaignJSON.rounded(row.probability)),\"label\":\(row.positive ? 1 : 0)}\n".utf8)
            out.write(b)
        }
        out.flush()
        if let e = out.writeError {
            file.discard()
            throw ValidationErrorMessage("--out-of-fold: writing '\(path)' failed: \(e)")
        }
        try file.commit()
    }
}
