import ArgumentParser
import Classifier
import Corpus
import Foundation
import TelltaleIO
import TextFeatures
import Train

/// `telltale train`: trains a model on labelled corpora (JSONL, fastText or TSV) and writes it
/// atomically. Same data + seed + options → byte-identical model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on labelled corpora.",
        discussion: """
        Corpus lines: {"id","text","parent"?,"labels":{"non_idiomatic":1},"source"?} (JSONL), \
        "__label__x text" (fastText) or "label<TAB>text" (TSV). A label missing from `labels` is \
        unknown, not negative. Bad lines are reported with file and line and skipped (--strict: fatal).
        """
    )

    @Option(name: .long, parsing: .upToNextOption, help: "Training files.")
    var data: [String]

    @Option(name: .long, parsing: .upToNextOption, help: "Dev files: metrics on them go into the model card.")
    var dev: [String] = []

    @Option(name: .long, help: "Where to write the model.")
    var out: String

    @Option(name: .long, help: "nb, lr or nblr.")
    var algorithm: String = "nblr"

    @Option(name: .long, parsing: .upToNextOption, help: "Labels to train (default: all labels in the data).")
    var labels: [String] = []

    @Option(name: .long, help: "Random seed (shuffles, hold-out split).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Training epochs (lr, nblr).")
    var epochs: Int = 10

    @Option(name: .long, help: "Learning rate (lr, nblr).")
    var learningRate: Double = TrainingOptions().learningRate

    @Option(name: .long, help: "L2 regularisation (default chosen on the shift folds, Models/README.md).")
    var l2: Double = 1e-4

    @Option(name: .long, help: "Naive Bayes smoothing (nb, nblr).")
    var alpha: Double = 1

    @Flag(name: .long, help: "Weigh classes equally.")
    var balanced = false

    @Option(name: .long, help: ArgumentHelp(
        "How the sources of one class are weighed: none, or balanced (every `source` of a class counts as much in total).",
        valueName: "none|balanced"))
    var sourceWeights: String = "balanced"

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(
        "Multiply the weight of rows whose source contains PATTERN by FACTOR (after --source-weights), for LABEL only or every label, e.g. non_idiomatic:own-answer=0.25: a source that is all one class teaches its genre as the class; a smaller weight keeps what it teaches with less of the shortcut.",
        valueName: "[label:]pattern=factor"))
    var sourceWeight: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(
        "Genre groups of sources to adjust for (lr, nblr): a row whose source contains PATTERN is in GROUP; each group gets a weight of its own during training that is left out of the model, so features learn what separates the classes within a genre.",
        valueName: "group=pattern"))
    var confound: [String] = []

    @Option(name: .long, help: "Value of the confounder feature (larger: the group weight absorbs more).")
    var confoundValue: Double = 1

    @Option(name: .long, help: "Longest word n-gram (1...4).")
    var maxWordNgram: Int = 2

    @Option(name: .long, help: ArgumentHelp("Latin character n-gram lengths, e.g. 2-5.", valueName: "min-max"))
    var charNgrams: String = "2-5"

    @Flag(name: .long, inversion: .prefixedNo, help: "Character n-grams of function words too (the, of, and ...: off by default; the word unigram already says it).")
    var functionWordChars = false

    @Option(name: .long, help: ArgumentHelp("Skeleton n-gram lengths, e.g. 2-4.", valueName: "min-max"))
    var skeletonNgrams: String = "2-3"

    @Option(name: .long, help: ArgumentHelp("skelchars byte n-gram lengths (with --features ... skelchars), e.g. 3-5.", valueName: "min-max"))
    var skelcharNgrams: String = "3-5"

    @Option(name: .long, help: "log2 of hash buckets (17 = 131,072).")
    var bucketBits: Int = 17

    /// The families of the shipped recipe (scripts/recipe.sh).
    static let defaultFamilies = ["word", "chars", "han", "script", "skeleton", "pair"]

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(
        "Feature families (default: word chars han script skeleton pair, the shipped recipe). normalization and shape are opt-in: on the real corpora they learned habits an evader controls (an emoji decoration flipped a quarter of the flags). skelchars (byte 3–5 grams of the skeleton written as text: `the ‹w› of`) is opt-in while it is measured.",
        valueName: "family"))
    var features: [String] = TrainCommand.defaultFamilies

    @Option(name: .long, help: "Calibration: none, platt or isotonic.")
    var calibration: String = "platt"

    @Option(name: .long, parsing: .upToNextOption, help: "Fit calibration and thresholds on these files instead of a random hold-out of the training data.")
    var calibrateOn: [String] = []

    @Option(name: .long, help: "Flag threshold: a probability, or max-f1 (chosen on the hold-out).")
    var threshold: String = "0.5"

    @Option(name: .long, help: "Share of training rows held out for early stopping and calibration (a row's side follows from its text and --seed alone).")
    var holdout: Double = 0.1

    @Option(name: .long, help: ArgumentHelp(
        "Early stopping watches: holdout (the --holdout rows, or a split of the training rows), dev (the --dev files), or off (every epoch runs, every training row is trained on).",
        valueName: "holdout|dev|off"))
    var earlyStopping: String = "holdout"

    @Option(name: .long, help: "Corpus format when the file extension does not say: jsonl, fasttext, tsv.")
    var format: String?

    @Flag(name: .long, help: "Write no label gates (every label is scored on every post).")
    var noGates = false

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Gate of a label: mandarin-english, mostly-english or none. Repeatable. Default: mixed_zh_en=mandarin-english, non_idiomatic=mostly-english.",
        valueName: "label=rule"))
    var gate: [String] = []

    @Option(name: .long, help: "Training time recorded in the model (default: derived from the data, for byte-identical rebuilds).")
    var trainedAt: String?

    @Option(name: .long, help: "Threads for feature extraction.")
    var threads: Int = ThreadsDefault.value

    @Flag(name: .long, help: "Stop at the first bad corpus line.")
    var strict = false

    @OptionGroup var lineLimit: LineLimitOption

    /// `min-max` (e.g. `2-4`) as a range; the message names the option otherwise (the bounds
    /// themselves are checked with the rest of the feature configuration).
    static func range(_ text: String, option: String, example: String) throws -> (min: Int, max: Int) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("\(option): expected min-max such as \(example), got '\(text)'") }
        return (parts[0], parts[1])
    }

    func run() throws {
        var o = TrainingOptions()
        guard let alg = TrainingOptions.Algorithm(rawValue: algorithm) else {
            throw ValidationError("--algorithm must be nb, lr or nblr, got '\(algorithm)'")
        }
        o.algorithm = alg
        o.labels = labels
        o.seed = seed
        o.epochs = epochs
        o.learningRate = learningRate
        o.l2 = l2
        o.alpha = alpha
        o.classWeights = balanced ? .balanced : .none
        guard let sw = SourceWeighting(rawValue: sourceWeights) else {
            throw ValidationError("--source-weights: expected none or balanced, got '\(sourceWeights)'")
        }
        o.sourceWeights = sw
        o.sourceScales = try sourceWeight.map { spec in
            guard let s = SourceScale(parsing: spec) else {
                throw ValidationError("--source-weight: expected [label:]pattern=factor with a factor ≥ 0 (e.g. non_idiomatic:own-answer=0.25), got '\(spec)'")
            }
            return s
        }
        o.confounders = try confound.map { spec in
            guard let g = SourceGroup(parsing: spec) else {
                throw ValidationError("--confound: expected group=pattern (e.g. news=wmt), got '\(spec)'")
            }
            return g
        }
        o.confounderValue = confoundValue
        let sk = try Self.range(skeletonNgrams, option: "--skeleton-ngrams", example: "2-4")
        let ch = try Self.range(charNgrams, option: "--char-ngrams", example: "2-5")
        let sc = try Self.range(skelcharNgrams, option: "--skelchar-ngrams", example: "3-5")
        var fc = FeatureConfig(bucketBits: bucketBits, maxWordNgram: maxWordNgram, minCharNgram: ch.min, maxCharNgram: ch.max,
                               minSkeletonNgram: sk.min, maxSkeletonNgram: sk.max, charsOfFunctionWords: functionWordChars,
                               minSkelcharNgram: sc.min, maxSkelcharNgram: sc.max)
        if !features.isEmpty {
            fc.families = try features.map { name in
                guard let f = FeatureFamily(rawValue: name) else {
                    throw ValidationError("--features: unknown family '\(name)' (known: \(FeatureFamily.allCases.map(\.rawValue).joined(separator: " ")))")
                }
                return f
            }
        }
        o.features = fc
        guard let cal = CalibrationMethod(rawValue: calibration) else {
            throw ValidationError("--calibration must be none, platt or isotonic, got '\(calibration)'")
        }
        o.calibration = cal
        if threshold == "max-f1" { o.threshold = .maxF1 } else if let t = Double(threshold), t >= 0, t <= 1 {
            o.threshold = .fixed(t)
        } else {
            throw ValidationError("--threshold must be a probability or max-f1, got '\(threshold)'")
        }
        o.holdoutFraction = holdout
        guard let es = TrainingOptions.EarlyStoppingSource(rawValue: earlyStopping) else {
            throw ValidationError("--early-stopping: expected holdout, dev or off, got '\(earlyStopping)'")
        }
        o.earlyStopping = es
        o.calibrationFiles = calibrateOn
        if let format {
            guard let f = CorpusFormat(rawValue: format) else {
                throw ValidationError("--format must be one of \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(format)'")
            }
            o.format = f
        }
        o.gates = try chosenGates()
        let gateLabels = gate.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }
        if !labels.isEmpty, let unknown = gateLabels.first(where: { !labels.contains($0) }) {
            throw ValidationError("--gate \(unknown): not among the --labels trained (\(labels.joined(separator: ", ")))")
        }
        o.trainedAt = trainedAt
        o.threads = threads
        o.strict = strict
        o.maxLineBytes = lineLimit.maxLineBytes
        if let problem = o.problem() { throw ValidationError(problem) }

        let result: TrainingResult
        do {
            TrainInterrupt.install(out: out)
            result = try TrainingPipeline(options: o).run(data: data, dev: dev)
        } catch {
            // 2 only for a bad line under --strict (as eval); a file that cannot be read or whose
            // format is unknown, and data that cannot train, are 1.
            if case .corpus(let e) = error, strict, e.line > 0, !e.isReadFailure {
                throw ExitCodeMessage(message: "\(error)", code: 2)
            }
            throw ExitCodeMessage(message: "\(error)", code: 1)
        }
        for r in result.reading where r.skipped > 0 {
            printError("telltale: \(r.path): skipped \(r.skipped) bad lines (first: \(r.errors.first.map { "\($0)" } ?? "?"))")
        }
        do {
            TrainInterrupt.writing = true
            try result.model.write(to: out)
        } catch {
            TrainInterrupt.writing = false
            throw ValidationErrorMessage("\(error)")
        }
        // From here an interrupt finds the model complete, and says so.
        TrainInterrupt.setMessage("telltale: interrupted: the model was written to '\(out)' (complete)\n")
        TrainInterrupt.writing = false
        if TrainInterrupt.pending {
            printError("telltale: interrupted: the model was written to '\(out)' (complete)")
            throw ExitCode(130)
        }
        for l in gateLabels where !result.labels.contains(l) {
            printError("telltale: --gate \(l): the data has no label `\(l)` (labels: \(result.labels.joined(separator: ", "))); gate ignored")
        }
        var summary = "wrote \(out): labels \(result.labels.joined(separator: ", ")); \(result.reading.map(\.rows).reduce(0, +)) training rows"
        if let dev = result.dev {
            summary += "\ndev metrics:"
            for e in dev.labels {
                summary += "\n  \(e.label): ROC-AUC \(e.rocAUC) F1 \(e.f1) ECE \(e.expectedCalibrationError) (n=\(e.support))"
            }
        }
        printError(summary)
    }
}

extension TrainCommand {
    /// The gates from --no-gates and --gate (nil: the defaults).
    func chosenGates() throws -> [String: LabelGate]? {
        guard noGates || !gate.isEmpty else { return nil }
        var gates = noGates ? [:] : LabelGate.defaults
        let rules = LabelGate.presets.keys.sorted().joined(separator: ", ")
        for item in gate {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--gate '\(item)' is not label=rule (rules: \(rules), none)")
            }
            if parts[1] == "none" {
                gates[parts[0]] = nil
            } else if let preset = LabelGate.presets[parts[1]] {
                gates[parts[0]] = preset
            } else {
                throw ValidationError("--gate \(parts[0]): unknown rule '\(parts[1])' (rules: \(rules), none)")
            }
        }
        return gates
    }
}
