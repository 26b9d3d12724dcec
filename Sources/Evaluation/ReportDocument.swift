import Reporting

/// Everything an evaluation report shows, whatever the format (text, JSON, Markdown, HTML):
/// where the numbers come from, the metrics of each label with its curves and worst mistakes,
/// macro averages and the per-`source` breakdown. Built by `EvaluationCollector`.
public struct ReportDocument: Sendable, Equatable {
    public var context: ReportContext
    /// One per model label, in the model's label order.
    public var labels: [LabelReport]
    public var macro: MacroAverages
    /// Per source tag (sorted; "(none)" for rows without one), the labels known on its rows.
    public var bySource: [SourceEvaluation]

    public init(context: ReportContext, labels: [LabelReport], macro: MacroAverages, bySource: [SourceEvaluation]) {
        self.context = context
        self.labels = labels
        self.macro = macro
        self.bySource = bySource
    }
}

/// What was evaluated: the model, the data files and what reading them found.
public struct ReportContext: Sendable, Equatable {
    /// Model file as given (or found).
    public var model: String
    /// A short description of the model (algorithm, training time), if known.
    public var modelDescription: String?
    public var dataFiles: [ReportDataFile]
    /// Rows evaluated (all files).
    public var rows: Int
    /// Labels present in the data that the model does not score, with their row counts.
    public var ignoredLabels: [String: Int]
    public var targetPrecisions: [Double]
    public var calibrationBins: Int
    /// Worst examples kept per label and kind.
    public var topErrors: Int

    public init(model: String, modelDescription: String? = nil, dataFiles: [ReportDataFile] = [], rows: Int = 0,
                ignoredLabels: [String: Int] = [:], targetPrecisions: [Double] = [], calibrationBins: Int = 10, topErrors: Int = 0) {
        self.model = model
        self.modelDescription = modelDescription
        self.dataFiles = dataFiles
        self.rows = rows
        self.ignoredLabels = ignoredLabels
        self.targetPrecisions = targetPrecisions
        self.calibrationBins = calibrationBins
        self.topErrors = topErrors
    }

    /// Bad lines skipped over all files.
    public var skippedLines: Int { dataFiles.reduce(0) { $0 + $1.skipped } }
}

/// One data file as read: rows used, bad lines skipped (with the first few messages), hash.
public struct ReportDataFile: Sendable, Equatable {
    public var path: String
    public var rows: Int
    public var skipped: Int
    /// "path:line: what is wrong" for the first skipped lines.
    public var firstErrors: [String]
    /// FNV-1a-64 of the file's bytes (16 hex digits), empty if unknown.
    public var hash: String

    public init(path: String, rows: Int, skipped: Int = 0, firstErrors: [String] = [], hash: String = "") {
        self.path = path
        self.rows = rows
        self.skipped = skipped
        self.firstErrors = firstErrors
        self.hash = hash
    }
}

/// One label's part of a report: its metrics, the thresholds a user can pick from, curves for
/// the charts (thinned for drawing) and the worst mistakes.
public struct LabelReport: Sendable, Equatable {
    public var evaluation: LabelEvaluation
    /// For each target precision, then the best-F1 threshold.
    public var thresholdOptions: [ThresholdOption]
    public var roc: [CurvePoint]
    public var precisionRecall: [CurvePoint]
    public var histogram: ScoreHistogram
    /// Highest-scoring negatives at or above the threshold, worst first.
    public var falsePositives: [ReportExample]
    /// Lowest-scoring positives below the threshold, worst first.
    public var falseNegatives: [ReportExample]

    public var label: String { evaluation.label }

    public init(evaluation: LabelEvaluation, thresholdOptions: [ThresholdOption], roc: [CurvePoint], precisionRecall: [CurvePoint],
                histogram: ScoreHistogram, falsePositives: [ReportExample], falseNegatives: [ReportExample]) {
        self.evaluation = evaluation
        self.thresholdOptions = thresholdOptions
        self.roc = roc
        self.precisionRecall = precisionRecall
        self.histogram = histogram
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }
}

/// A threshold chosen for a goal (a target precision, or the best F1) with what it gives, and
/// the shortest value to pass as `--threshold label=VALUE` for exactly those decisions.
public struct ThresholdOption: Sendable, Equatable {
    /// The target precision; nil for the best-F1 choice.
    public var targetPrecision: Double?
    /// nil when no threshold reaches the goal.
    public var point: ThresholdPoint?
    /// Shortest decimal that flags exactly the rows `point` flags on this data.
    public var suggested: String?

    public init(targetPrecision: Double?, point: ThresholdPoint?, suggested: String?) {
        self.targetPrecision = targetPrecision
        self.point = point
        self.suggested = suggested
    }

    /// "precision ≥ 0.95" or "best F1".
    public var goal: String {
        targetPrecision.map { "precision ≥ \(ReportFormat.fixed($0, $0 * 100 == ($0 * 100).rounded() ? 2 : 3))" } ?? "best F1"
    }
}

extension ReportDocument {
    /// The decimals every threshold of this report is printed with: enough for the most precise
    /// one (a label's threshold such as 0.694, a suggested `--threshold` such as 0.9689), at least 2.
    public var thresholdDigits: Int {
        var digits = 2
        for r in labels {
            digits = max(digits, min(6, ReportFormat.decimals(String(r.evaluation.threshold))))
            for c in r.thresholdOptions { if let s = c.suggested { digits = max(digits, min(6, ReportFormat.decimals(s))) } }
        }
        return digits
    }
}
