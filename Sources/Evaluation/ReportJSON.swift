/// Renders a `ReportDocument` as JSON for scripts. The schema is documented in
/// `docs/eval-json-schema.md`; keys are snake_case, written in a fixed order, and only ever added
/// to (a breaking change bumps `version`). An undefined metric is `null`, with its reason under
/// the object's `undefined` map.
///
/// Top level: `schema` ("telltale-eval-report"), `version` (1), `model`, `data`, `rows`,
/// `skipped_lines`, `ignored_labels`, `settings`, `labels` (one object per model label: counts,
/// `confusion`, metrics, `undefined`, `thresholds`, `sweep`, `reliability`, `roc_curve`,
/// `pr_curve`, `histogram`, `false_positives`, `false_negatives`), `macro`, `by_source`.
public enum ReportJSON {
    public static let schemaName = "telltale-eval-report"
    public static let version = 1

    /// The report as pretty-printed JSON text (ends with a newline).
    public static func render(_ doc: ReportDocument) -> String {
        value(doc).serialized(pretty: true) + "\n"
    }

    /// The report as a JSON value.
    public static func value(_ doc: ReportDocument) -> ReportJSONValue {
        let c = doc.context
        return .object([
            ("schema", .string(schemaName)),
            ("version", .int(version)),
            ("model", .object([("path", .string(c.model)), ("description", .optional(c.modelDescription))])),
            ("data", .array(c.dataFiles.map { f in
                .object([("path", .string(f.path)), ("rows", .int(f.rows)), ("skipped", .int(f.skipped)),
                         ("hash", .string(f.hash)), ("first_errors", .array(f.firstErrors.map { .string($0) }))])
            })),
            ("rows", .int(c.rows)),
            ("skipped_lines", .int(c.skippedLines)),
            ("ignored_labels", .object(c.ignoredLabels.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("settings", .object([("target_precisions", .array(c.targetPrecisions.map { .number($0) })),
                                  ("calibration_bins", .int(c.calibrationBins)), ("top_errors", .int(c.topErrors))])),
            ("labels", .array(doc.labels.map(label))),
            ("macro", .object(macroMembers(doc.macro))),
            ("by_source", .array(doc.bySource.map { s in
                .object([("source", .string(s.source)), ("labels", .array(s.labels.map { .object(basics($0)) }))])
            })),
        ])
    }

    static func label(_ r: LabelReport) -> ReportJSONValue {
        let e = r.evaluation
        var m = basics(e)
        m.append(("thresholds", .array(r.thresholdOptions.map { choice in
            var o: [(String, ReportJSONValue)] = [
                ("goal", .string(choice.targetPrecision == nil ? "best_f1" : "precision")),
                ("target", .optional(choice.targetPrecision)),
                ("threshold", .optional(choice.point?.threshold)),
                ("suggested", .optional(choice.suggested)),
            ]
            o += pointMembers(choice.point, includeThreshold: false)
            return .object(o)
        })))
        m.append(("sweep", .array(e.sweep.map { .object(pointMembers($0, includeThreshold: true)) })))
        m.append(("reliability", .array(e.reliability.map { b in
            .object([("lower", .number(b.lower)), ("upper", .number(b.upper)), ("count", .int(b.count)),
                     ("mean_probability", .number(b.meanProbability)), ("positive_rate", .number(b.positiveRate))])
        })))
        m.append(("roc_curve", .array(r.roc.map { .array([.number($0.x), .number($0.y)]) })))
        m.append(("pr_curve", .array(r.precisionRecall.map { .array([.number($0.x), .number($0.y)]) })))
        m.append(("histogram", .object([("bins", .int(r.histogram.bins)),
                                        ("positives", .array(r.histogram.positives.map { .int($0) })),
                                        ("negatives", .array(r.histogram.negatives.map { .int($0) }))])))
        m.append(("false_positives", .array(r.falsePositives.map(example))))
        m.append(("false_negatives", .array(r.falseNegatives.map(example))))
        return .object(m)
    }

    /// Counts, confusion matrix and metrics of one label (also used per source).
    static func basics(_ e: LabelEvaluation) -> [(String, ReportJSONValue)] {
        let c = e.confusion
        var m: [(String, ReportJSONValue)] = [
            ("label", .string(e.label)), ("threshold", .number(e.threshold)), ("support", .int(e.support)),
            ("positives", .int(e.positives)), ("negatives", .int(e.negatives)), ("unscored", .int(e.unscored)),
            ("confusion", .object([("tp", .int(c.truePositives)), ("fp", .int(c.falsePositives)),
                                   ("tn", .int(c.trueNegatives)), ("fn", .int(c.falseNegatives))])),
        ]
        m += metricMembers([("precision", e.precision), ("recall", e.recall), ("f1", e.f1), ("accuracy", e.accuracy),
                            ("roc_auc", e.rocAUC), ("pr_auc", e.prAUC), ("log_loss", e.logLoss), ("ece", e.expectedCalibrationError)])
        return m
    }

    static func macroMembers(_ a: MacroAverages) -> [(String, ReportJSONValue)] {
        metricMembers([("precision", a.precision), ("recall", a.recall), ("f1", a.f1), ("roc_auc", a.rocAUC),
                       ("pr_auc", a.prAUC), ("log_loss", a.logLoss), ("ece", a.expectedCalibrationError)])
    }

    /// Each metric as a number or null, then `undefined`: metric → reason for the null ones.
    static func metricMembers(_ metrics: [(String, MetricValue)]) -> [(String, ReportJSONValue)] {
        var m = metrics.map { ($0.0, ReportJSONValue.optional($0.1.value)) }
        let reasons = metrics.compactMap { k, v in v.value == nil ? (k, ReportJSONValue.string(v.reason ?? "undefined")) : nil }
        m.append(("undefined", .object(reasons)))
        return m
    }

    static func pointMembers(_ p: ThresholdPoint?, includeThreshold: Bool) -> [(String, ReportJSONValue)] {
        var m: [(String, ReportJSONValue)] = includeThreshold ? [("threshold", .optional(p?.threshold))] : []
        m += [("precision", .optional(p?.precision.value)), ("recall", .optional(p?.recall.value)), ("f1", .optional(p?.f1.value))]
        let c = p?.confusion
        m += [("tp", c.map { .int($0.truePositives) } ?? .null), ("fp", c.map { .int($0.falsePositives) } ?? .null),
              ("tn", c.map { .int($0.trueNegatives) } ?? .null), ("fn", c.map { .int($0.falseNegatives) } ?? .null)]
        return m
    }

    static func example(_ x: ReportExample) -> ReportJSONValue {
        .object([("row", .int(x.row)), ("id", .optional(x.id)), ("source", .optional(x.source)), ("score", .number(x.score)),
                 ("text", .string(x.text)), ("parent", .optional(x.parent)), ("reasons", .array(x.reasons.map { .string($0) }))])
    }
}
