import Reporting

/// The tables every report format shows, built once from a `ReportDocument` (text and Markdown
/// render them directly; HTML uses the same rows).
public enum ReportTables {
    /// Per label at its threshold, then the macro averages.
    public static func metrics(_ doc: ReportDocument) -> ReportTable {
        var t = ReportTable(headers: ["label", "threshold", "support", "positives", "precision", "recall", "F1",
                                      "ROC-AUC", "PR-AUC", "log loss", "ECE"])
        for r in doc.labels {
            let e = r.evaluation
            t.append([e.label, ReportFormat.fixed(e.threshold, doc.thresholdDigits), String(e.support), String(e.positives),
                      m(e.precision), m(e.recall), m(e.f1), m(e.rocAUC), m(e.prAUC), m(e.logLoss), m(e.expectedCalibrationError)])
        }
        let a = doc.macro
        t.append(["macro", "", "", "", m(a.precision), m(a.recall), m(a.f1), m(a.rocAUC), m(a.prAUC), m(a.logLoss),
                  m(a.expectedCalibrationError)])
        return t
    }

    /// Confusion counts at each label's threshold.
    public static func confusion(_ doc: ReportDocument) -> ReportTable {
        var t = ReportTable(headers: ["label", "threshold", "TP", "FP", "TN", "FN", "unscored"])
        for r in doc.labels {
            let e = r.evaluation, c = e.confusion
            t.append([e.label, ReportFormat.fixed(e.threshold, doc.thresholdDigits), String(c.truePositives), String(c.falsePositives),
                      String(c.trueNegatives), String(c.falseNegatives), String(e.unscored)])
        }
        return t
    }

    /// Thresholds for the target precisions and the best F1, with what they give.
    public static func thresholds(_ doc: ReportDocument) -> ReportTable {
        var t = ReportTable(headers: ["label", "goal", "--threshold", "precision", "recall", "F1", "flagged"],
                            alignments: [.left, .left, .right, .right, .right, .right, .right])
        for r in doc.labels {
            for c in r.thresholdOptions {
                guard let p = c.point else {
                    t.append([r.label, c.goal, "not reached", "", "", "", ""])
                    continue
                }
                t.append([r.label, c.goal, ReportFormat.padDecimals(c.suggested ?? String(p.threshold), doc.thresholdDigits),
                          m(p.precision), m(p.recall), m(p.f1),
                          String(p.confusion.predictedPositives)])
            }
        }
        return t
    }

    /// Per source and label at the label's threshold. `flagged` is the share of rows flagged: on
    /// a source with only negatives it is the false-positive rate, the number that shows a shortcut.
    /// The ROC-AUC column is left out when no source has both classes.
    public static func bySource(_ doc: ReportDocument) -> ReportTable {
        let withAUC = doc.bySource.contains { $0.labels.contains { $0.rocAUC.value != nil } }
        var t = ReportTable(headers: ["source", "label", "support", "positives", "flagged", "precision", "recall", "F1"] + (withAUC ? ["ROC-AUC"] : []),
                            alignments: [.left, .left, .right, .right, .right, .right, .right, .right] + (withAUC ? [.right] : []))
        for s in doc.bySource {
            for e in s.labels {
                t.append([s.source, e.label, String(e.support), String(e.positives), flaggedShare(e),
                          m(e.precision), m(e.recall), m(e.f1)] + (withAUC ? [m(e.rocAUC)] : []))
            }
        }
        return t
    }

    /// Whether a source stands out for a label against the label's overall numbers: without
    /// positives, a false-positive rate at least twice the overall one and at least 5 %; with
    /// positives, a recall 0.1 or more below the overall recall. Nil: nothing to flag.
    public static func weakSpot(_ e: LabelEvaluation, overall: LabelEvaluation) -> String? {
        let c = e.confusion, all = overall.confusion
        if e.positives == 0, e.negatives > 0 {
            let fpr = Double(c.falsePositives) / Double(e.negatives)
            let overallFPR = overall.negatives > 0 ? Double(all.falsePositives) / Double(overall.negatives) : 0
            if fpr >= 0.05 && fpr >= 2 * overallFPR {
                return "false-positive rate \(ReportFormat.fixed(fpr, 3)) vs \(ReportFormat.fixed(overallFPR, 3)) overall"
            }
        } else if let r = e.recall.value, let overallRecall = overall.recall.value, r <= overallRecall - 0.1 {
            return "recall \(ReportFormat.fixed(r, 3)) vs \(ReportFormat.fixed(overallRecall, 3)) overall"
        }
        return nil
    }

    /// "source / label: why" for every weak spot of the per-source breakdown (see `weakSpot`).
    public static func weakSpots(_ doc: ReportDocument) -> [String] {
        var overall: [String: LabelEvaluation] = [:]
        for r in doc.labels { overall[r.label] = r.evaluation }
        var out: [String] = []
        for s in doc.bySource {
            for e in s.labels {
                if let o = overall[e.label], let why = weakSpot(e, overall: o) { out.append("\(s.source) / \(e.label): \(why)") }
            }
        }
        return out
    }

    /// Share of rows flagged at the threshold ("n/a" without rows).
    public static func flaggedShare(_ e: LabelEvaluation) -> String {
        e.support == 0 ? "n/a" : ReportFormat.fixed(Double(e.confusion.predictedPositives) / Double(e.support), 3)
    }

    /// The precision/recall/F1 sweep of one label at every `step` (on the evaluation's grid).
    public static func sweep(_ r: LabelReport, step: Double = 0.1) -> ReportTable {
        var t = ReportTable(headers: ["threshold", "precision", "recall", "F1", "flagged", "TP", "FP", "FN"])
        for p in r.evaluation.sweep where isMultiple(p.threshold, of: step) {
            t.append([ReportFormat.fixed(p.threshold, 2), m(p.precision), m(p.recall), m(p.f1),
                      String(p.confusion.predictedPositives), String(p.confusion.truePositives),
                      String(p.confusion.falsePositives), String(p.confusion.falseNegatives)])
        }
        return t
    }

    /// Every distinct reason a metric of the main table is undefined: "off_topic ROC-AUC: no negative examples".
    public static func undefinedNotes(_ doc: ReportDocument) -> [String] {
        var notes: [String] = []
        for r in doc.labels {
            let e = r.evaluation
            if e.support == 0 {
                notes.append(e.unscored > 0
                    ? "\(e.label): every metric n/a, its \(e.unscored) labelled rows were not scored (not applicable: no parent post for a reply label, or outside the label's gate)"
                    : "\(e.label): every metric n/a, no row has this label")
                continue
            }
            var byReason: [(String, [String])] = []
            for (name, v) in [("precision", e.precision), ("recall", e.recall), ("F1", e.f1), ("ROC-AUC", e.rocAUC),
                              ("PR-AUC", e.prAUC), ("log loss", e.logLoss), ("ECE", e.expectedCalibrationError)] {
                guard v.value == nil else { continue }
                let reason = v.reason ?? "undefined"
                if let i = byReason.firstIndex(where: { $0.0 == reason }) { byReason[i].1.append(name) } else { byReason.append((reason, [name])) }
            }
            for (reason, names) in byReason { notes.append("\(e.label) \(names.joined(separator: ", ")): n/a, \(reason)") }
            if e.unscored > 0 {
                notes.append("\(e.label): \(e.unscored) labelled rows not scored (not applicable: no parent post for a reply label, or outside the label's gate)")
            }
        }
        return notes
    }

    static func isMultiple(_ x: Double, of step: Double) -> Bool {
        guard step > 0 else { return true }
        let k = x / step
        return abs(k - k.rounded()) < 1e-6
    }

    private static func m(_ v: MetricValue) -> String { ReportFormat.metric(v) }
}
