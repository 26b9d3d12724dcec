import Reporting

/// The five charts of one label in the HTML report: ROC curve, precision–recall curve,
/// reliability diagram, score histograms per class and the threshold sweep. Each shows the
/// model's threshold the same way (vermillion), so a reader can follow one operating point.
public enum ReportCharts {
    typealias P = SVGChart.Palette

    /// All charts of `r`, in page order. `prefix` makes element ids unique in the page.
    public static func all(_ r: LabelReport, prefix: String) -> [SVGChart] {
        [roc(r, id: prefix + "-roc"), precisionRecall(r, id: prefix + "-pr"), reliability(r, id: prefix + "-cal"),
         histogram(r, id: prefix + "-hist"), sweep(r, id: prefix + "-sweep")]
    }

    private static func thresholdName(_ r: LabelReport) -> String {
        "threshold \(ReportFormat.fixed(r.evaluation.threshold, 2))"
    }

    public static func roc(_ r: LabelReport, id: String) -> SVGChart {
        let e = r.evaluation
        var c = SVGChart(id: id, title: "ROC curve — AUC \(ReportFormat.metric(e.rocAUC))",
                         xTitle: "False positive rate", yTitle: "True positive rate (recall)")
        c.series.append(.init(name: "chance", colour: P.grey, style: .line, points: [CurvePoint(x: 0, y: 0), CurvePoint(x: 1, y: 1)], dash: "5 4"))
        guard !r.roc.isEmpty else {
            c.note = "undefined: \(e.rocAUC.reason ?? "no data")"
            return c
        }
        c.series.append(.init(name: "model", colour: P.blue, style: .line, points: r.roc))
        let m = e.confusion
        if m.positives > 0 && m.trueNegatives + m.falsePositives > 0, let tpr = m.recall.value {
            let fpr = Double(m.falsePositives) / Double(m.falsePositives + m.trueNegatives)
            c.series.append(.init(name: thresholdName(r), colour: P.vermillion, style: .points,
                                  points: [CurvePoint(x: fpr, y: tpr, threshold: e.threshold)], sizes: [5.5],
                                  tooltips: ["threshold \(ReportFormat.fixed(e.threshold, 3)): FPR \(ReportFormat.fixed(fpr, 3)), recall \(ReportFormat.fixed(tpr, 3))"]))
        }
        return c
    }

    public static func precisionRecall(_ r: LabelReport, id: String) -> SVGChart {
        let e = r.evaluation
        var c = SVGChart(id: id, title: "Precision–recall — AP \(ReportFormat.metric(e.prAUC))", xTitle: "Recall", yTitle: "Precision")
        guard !r.precisionRecall.isEmpty, e.support > 0 else {
            c.note = "undefined: \(e.prAUC.reason ?? "no data")"
            return c
        }
        let prevalence = Double(e.positives) / Double(e.support)
        c.series.append(.init(name: "chance (\(ReportFormat.fixed(prevalence, 2)) positive)", colour: P.grey, style: .line,
                              points: [CurvePoint(x: 0, y: prevalence), CurvePoint(x: 1, y: prevalence)], dash: "5 4"))
        c.series.append(.init(name: "model", colour: P.blue, style: .line, points: r.precisionRecall))
        let targets = r.thresholdOptions.filter { $0.targetPrecision != nil && $0.point != nil }
        if !targets.isEmpty {
            c.series.append(.init(name: "target precision", colour: P.purple, style: .points,
                                  points: targets.map { CurvePoint(x: $0.point!.recall.value ?? 0, y: $0.point!.precision.value ?? 0, threshold: $0.point!.threshold) },
                                  sizes: targets.map { _ in 4.5 },
                                  tooltips: targets.map { "\($0.goal): threshold \($0.suggested ?? ""), recall \(ReportFormat.metric($0.point!.recall))" }))
        }
        if let p = e.precision.value, let rec = e.recall.value {
            c.series.append(.init(name: thresholdName(r), colour: P.vermillion, style: .points, points: [CurvePoint(x: rec, y: p)],
                                  sizes: [5.5], tooltips: ["threshold \(ReportFormat.fixed(e.threshold, 3)): precision \(ReportFormat.fixed(p, 3)), recall \(ReportFormat.fixed(rec, 3))"]))
        }
        return c
    }

    public static func reliability(_ r: LabelReport, id: String) -> SVGChart {
        let e = r.evaluation
        var c = SVGChart(id: id, title: "Calibration — ECE \(ReportFormat.metric(e.expectedCalibrationError))",
                         xTitle: "Mean predicted probability (per bin)", yTitle: "Observed positive rate")
        c.series.append(.init(name: "perfectly calibrated", colour: P.grey, style: .line,
                              points: [CurvePoint(x: 0, y: 0), CurvePoint(x: 1, y: 1)], dash: "5 4"))
        let bins = e.reliability.filter { $0.count > 0 }
        guard !bins.isEmpty else {
            c.note = "undefined: \(e.expectedCalibrationError.reason ?? "no data")"
            return c
        }
        let largest = Double(bins.map(\.count).max() ?? 1)
        c.series.append(.init(name: "model (dot area ∝ rows)", colour: P.blue, style: .lineWithPoints,
                              points: bins.map { CurvePoint(x: $0.meanProbability, y: $0.positiveRate) },
                              sizes: bins.map { 2.5 + 6 * (Double($0.count) / largest).squareRoot() },
                              tooltips: bins.map {
                                  "\(ReportFormat.fixed($0.lower, 1))–\(ReportFormat.fixed($0.upper, 1)): \($0.count) rows, mean p \(ReportFormat.fixed($0.meanProbability, 3)), positive rate \(ReportFormat.fixed($0.positiveRate, 3))"
                              }))
        return c
    }

    public static func histogram(_ r: LabelReport, id: String) -> SVGChart {
        let h = r.histogram, e = r.evaluation
        var c = SVGChart(id: id, title: "Scores by true class", xTitle: "Predicted probability", yTitle: "Share of the class's rows")
        let negTotal = h.negativeTotal, posTotal = h.positiveTotal
        guard negTotal + posTotal > 0 else {
            c.note = "no scored rows"
            return c
        }
        let width = 1.0 / Double(h.bins)
        func shares(_ counts: [Int], _ total: Int) -> [Double] { counts.map { total > 0 ? Double($0) / Double(total) : 0 } }
        let neg = shares(h.negatives, negTotal), pos = shares(h.positives, posTotal)
        let top = max(neg.max() ?? 0, pos.max() ?? 0)
        c.yRange = 0...niceCeiling(top)
        func tips(_ counts: [Int], _ cls: String) -> [String] {
            counts.indices.map { b in "\(cls), \(ReportFormat.fixed(Double(b) * width, 2))–\(ReportFormat.fixed(Double(b + 1) * width, 2)): \(counts[b]) rows" }
        }
        if negTotal > 0 {
            c.series.append(.init(name: "labelled 0 (\(negTotal))", colour: P.blue, style: .bars(width: width / 2),
                                  points: neg.indices.map { CurvePoint(x: Double($0) * width, y: neg[$0]) }, tooltips: tips(h.negatives, "labelled 0")))
        }
        if posTotal > 0 {
            c.series.append(.init(name: "labelled 1 (\(posTotal))", colour: P.orange, style: .bars(width: width / 2),
                                  points: pos.indices.map { CurvePoint(x: (Double($0) + 0.5) * width, y: pos[$0]) }, tooltips: tips(h.positives, "labelled 1")))
        }
        c.series.append(.init(name: thresholdName(r), colour: P.vermillion, style: .vertical,
                              points: [CurvePoint(x: e.threshold, y: 0)], dash: "6 3"))
        return c
    }

    public static func sweep(_ r: LabelReport, id: String) -> SVGChart {
        let e = r.evaluation
        var c = SVGChart(id: id, title: "Threshold sweep", xTitle: "Threshold (flag when probability ≥ threshold)", yTitle: "Metric value")
        guard !e.sweep.isEmpty, e.support > 0 else {
            c.note = e.support == 0 ? "no scored rows" : "no sweep computed"
            return c
        }
        func line(_ name: String, _ colour: String, _ dash: String, _ pick: (ThresholdPoint) -> MetricValue) -> SVGChart.Series {
            .init(name: name, colour: colour, style: .line,
                  points: e.sweep.map { CurvePoint(x: $0.threshold, y: pick($0).value ?? .nan, threshold: $0.threshold) }, dash: dash)
        }
        c.series.append(line("precision", P.blue, "", \.precision))
        c.series.append(line("recall", P.orange, "7 3", \.recall))
        c.series.append(line("F1", P.green, "2 2", \.f1))
        c.series.append(.init(name: thresholdName(r), colour: P.vermillion, style: .vertical, points: [CurvePoint(x: e.threshold, y: 0)], dash: "6 3"))
        let targets = r.thresholdOptions.filter { $0.targetPrecision != nil && $0.point != nil }
        if !targets.isEmpty {
            c.series.append(.init(name: "target precision", colour: P.purple, style: .vertical,
                                  points: targets.map { CurvePoint(x: $0.point!.threshold, y: 0) }, dash: "2 3",
                                  tooltips: targets.map { "\($0.goal) from threshold \($0.suggested ?? "")" }))
        }
        return c
    }

    /// A round upper bound ≥ x for a share axis (at most 1).
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        for v in [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0] where x <= v { return v }
        return 1
    }
}
