import Reporting
import Corpus

/// Collects an evaluation while rows stream by and builds the `ReportDocument` at the end.
///
/// Memory: per label, only for the rows where the label is known, the probability (8 bytes), the
/// target (1 byte) and an interned source index (4 bytes) — what ROC/PR-AUC and the per-source
/// breakdown need — plus the `topErrors` worst false positives and false negatives per label.
/// Texts are not kept otherwise.
///
/// ```swift
/// let collector = EvaluationCollector(labels: model.labels, thresholds: scorer.thresholds, topErrors: 5)
/// while let record = try reader.next() {
///     let s = scorer.score(text: record.text, parent: record.parent)
///     collector.add(record, probabilities: s.probabilities) { lane in reasonsFor(record, lane) }
/// }
/// let report = collector.report(context: ReportContext(model: path))
/// ```
public final class EvaluationCollector {
    public let labels: [String]
    /// Flag threshold per label (the confusion matrix, precision/recall/F1 and worst examples use it).
    public let thresholds: [Double]
    public let topErrors: Int
    /// Characters kept of a worst example's text and parent.
    public let excerptLimit: Int
    /// Rows added.
    public private(set) var rows = 0

    private var scores: [[Double]]
    private var targets: [[Bool]]
    private var sourceOfRow: [[UInt32]]
    /// Per label: source index → rows with the label known but no probability.
    private var unscored: [[UInt32: Int]]
    private var sourceIndex: [String: UInt32] = [:]
    private var sourceNames: [String] = []
    private var falsePositives: [WorstExamples]
    private var falseNegatives: [WorstExamples]
    private var ignoredLabels: [String: Int] = [:]
    /// Labels the rows carried that the model does not have, with their row counts.
    public var labelsNotInModel: [String: Int] { ignoredLabels }
    /// (row, label) pairs with one of the model's labels known, scored or not.
    public private(set) var knownLabels = 0

    public init(labels: [String], thresholds: [Double], topErrors: Int = 5, excerptLimit: Int = 240) {
        precondition(labels.count == thresholds.count, "one threshold per label")
        self.labels = labels
        self.thresholds = thresholds
        self.topErrors = topErrors
        self.excerptLimit = excerptLimit
        scores = labels.map { _ in [] }
        targets = labels.map { _ in [] }
        sourceOfRow = labels.map { _ in [] }
        unscored = labels.map { _ in [:] }
        falsePositives = labels.map { _ in WorstExamples(kind: .falsePositives, capacity: topErrors) }
        falseNegatives = labels.map { _ in WorstExamples(kind: .falseNegatives, capacity: topErrors) }
    }

    /// Adds one row: its known labels, the model's probability per label (label order; nil = not
    /// scored: not applicable, e.g. a reply label without parent or a label outside its gate). `reasons(lane)` is called only when the row
    /// becomes one of the worst examples of that label.
    public func add(_ record: CorpusRecord, probabilities: [Double?], reasons: (Int) -> [String] = { _ in [] }) {
        rows += 1
        let source = intern(record.source ?? Evaluator.noSource)
        for (name, value) in record.labels {
            guard let lane = labels.firstIndex(of: name) else {
                ignoredLabels[name, default: 0] += 1
                continue
            }
            knownLabels += 1
            guard lane < probabilities.count, let p = probabilities[lane] else {
                unscored[lane][source, default: 0] += 1
                continue
            }
            let positive = value == 1
            scores[lane].append(p)
            targets[lane].append(positive)
            sourceOfRow[lane].append(source)
            let flagged = p >= thresholds[lane]
            if flagged && !positive {
                falsePositives[lane].offer(score: p) { example(record, score: p, reasons: reasons(lane)) }
            } else if !flagged && positive {
                falseNegatives[lane].offer(score: p) { example(record, score: p, reasons: reasons(lane)) }
            }
        }
    }

    private func intern(_ source: String) -> UInt32 {
        if let i = sourceIndex[source] { return i }
        let i = UInt32(sourceNames.count)
        sourceIndex[source] = i
        sourceNames.append(source)
        return i
    }

    private func example(_ r: CorpusRecord, score: Double, reasons: [String]) -> ReportExample {
        ReportExample(row: rows, id: r.id, source: r.source, text: ReportFormat.excerpt(r.text, limit: excerptLimit),
                      parent: r.parent.map { ReportFormat.excerpt($0, limit: excerptLimit) }, score: score, reasons: reasons)
    }

    /// The report over every row added. `context.rows`, `ignoredLabels`, `targetPrecisions`,
    /// `calibrationBins` and `topErrors` are filled in from the collector and `options`.
    public func report(context: ReportContext, options: EvaluationOptions = EvaluationOptions(),
                       curvePoints: Int = 200, histogramBins: Int = 20) -> ReportDocument {
        var context = context
        context.rows = rows
        context.ignoredLabels = ignoredLabels
        context.targetPrecisions = options.targetPrecisions
        context.calibrationBins = options.calibrationBins
        context.topErrors = topErrors
        var labelReports: [LabelReport] = []
        for lane in labels.indices {
            let data = LabelledScores(scores: scores[lane], targets: targets[lane])
            let evaluation = Evaluator.evaluate(label: labels[lane], data, threshold: thresholds[lane],
                                                unscored: unscored[lane].values.reduce(0, +), options: options)
            let distinct = ThresholdMetrics.distinctThresholds(data)
            var choices = evaluation.thresholdsForPrecision.map {
                ThresholdOption(targetPrecision: $0.targetPrecision, point: $0.point,
                                suggested: $0.point.map { suggestion(for: $0.threshold, among: distinct) })
            }
            let best = ThresholdMetrics.bestF1(data)
            choices.append(ThresholdOption(targetPrecision: nil, point: best, suggested: best.map { suggestion(for: $0.threshold, among: distinct) }))
            labelReports.append(LabelReport(
                evaluation: evaluation, thresholdOptions: choices,
                roc: ReportCurves.thin(ReportCurves.roc(data), maxPoints: curvePoints),
                precisionRecall: ReportCurves.thin(ReportCurves.precisionRecall(data), maxPoints: curvePoints),
                histogram: ReportCurves.histogram(data, bins: histogramBins),
                falsePositives: falsePositives[lane].examples, falseNegatives: falseNegatives[lane].examples))
        }
        return ReportDocument(context: context, labels: labelReports,
                              macro: Evaluator.macroAverages(labelReports.map(\.evaluation)),
                              bySource: options.bySource ? sourceBreakdown(options) : [])
    }

    /// The shortest threshold text that flags exactly the rows scoring at least `threshold`
    /// (`distinct` = the label's distinct scores, ascending), at most 0.01 below it.
    private func suggestion(for threshold: Double, among distinct: [Double]) -> String {
        var lo = 0, hi = distinct.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if distinct[mid] < threshold { lo = mid + 1 } else { hi = mid }
        }
        // Stay within 0.01 below the exact threshold, so the value also means much the same on new data.
        let floor = threshold - 0.01
        let below = lo > 0 ? max(distinct[lo - 1], floor) : floor
        return ReportFormat.shortestThreshold(above: below, atMost: threshold)
    }

    /// Every label's metrics on the rows of each source (no sweep, no threshold search).
    private func sourceBreakdown(_ options: EvaluationOptions) -> [SourceEvaluation] {
        var light = options
        light.sweepThresholds = []
        light.targetPrecisions = []
        var perSource: [[LabelEvaluation]] = sourceNames.map { _ in [] }
        for lane in labels.indices {
            var s: [[Double]] = sourceNames.map { _ in [] }, t: [[Bool]] = sourceNames.map { _ in [] }
            for (i, src) in sourceOfRow[lane].enumerated() {
                s[Int(src)].append(scores[lane][i])
                t[Int(src)].append(targets[lane][i])
            }
            for src in sourceNames.indices {
                let missing = unscored[lane][UInt32(src)] ?? 0
                guard !s[src].isEmpty || missing > 0 else { continue }
                perSource[src].append(Evaluator.evaluate(label: labels[lane], LabelledScores(scores: s[src], targets: t[src]),
                                                         threshold: thresholds[lane], unscored: missing, options: light))
            }
        }
        return sourceNames.indices.filter { !perSource[$0].isEmpty }
            .sorted { sourceNames[$0] < sourceNames[$1] }
            .map { SourceEvaluation(source: sourceNames[$0], labels: perSource[$0]) }
    }
}
