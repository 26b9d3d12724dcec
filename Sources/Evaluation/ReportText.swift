import Reporting

/// Renders a `ReportDocument` as the compact plain-text summary `telltale eval` prints: what was
/// read, the metrics table, confusion counts, thresholds to choose from, the per-source table and
/// the worst few mistakes per label.
public enum ReportText {
    /// `examples`: worst mistakes shown per label and kind (0 = none); `excerpt`: their length.
    public static func render(_ doc: ReportDocument, examples: Int = 3, excerpt: Int = 90) -> String {
        let c = doc.context
        var out = "Evaluation of \(c.model) on \(c.rows) rows"
        if c.skippedLines > 0 { out += " (\(c.skippedLines) bad lines skipped)" }
        out += "\n"
        for f in c.dataFiles {
            out += "  \(f.path): \(f.rows) rows" + (f.skipped > 0 ? ", \(f.skipped) bad lines skipped" : "") + "\n"
            for e in f.firstErrors.prefix(3) { out += "    \(e)\n" }
        }
        for (label, n) in c.ignoredLabels.sorted(by: { $0.key < $1.key }) {
            out += "  label \(label) (\(n) rows) is not one of the model's labels: ignored\n"
        }
        out += "\n" + ReportTables.metrics(doc).text()
        let notes = ReportTables.undefinedNotes(doc)
        if !notes.isEmpty { out += notes.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        out += "\nAt each label's threshold:\n" + ReportTables.confusion(doc).text(indent: "  ")
        out += "\nThresholds (use as --threshold label=VALUE):\n" + ReportTables.thresholds(doc).text(indent: "  ")
        if !doc.bySource.isEmpty {
            out += "\nBy source (at each label's threshold; flagged = share of rows flagged):\n" + ReportTables.bySource(doc).text(indent: "  ")
            let weak = ReportTables.weakSpots(doc)
            if !weak.isEmpty { out += "\nSources that stand out (shortcut or weak domain?):\n" + weak.map { "  " + $0 + "\n" }.joined() }
        }
        if examples > 0 {
            for r in doc.labels {
                out += mistakes(r.falsePositives.prefix(examples), title: "\(r.label): worst false positives (labelled 0, score ≥ \(ReportFormat.fixed(r.evaluation.threshold, doc.thresholdDigits)))", excerpt: excerpt)
                out += mistakes(r.falseNegatives.prefix(examples), title: "\(r.label): worst false negatives (labelled 1, score < \(ReportFormat.fixed(r.evaluation.threshold, doc.thresholdDigits)))", excerpt: excerpt)
            }
        }
        return out
    }

    private static func mistakes(_ list: ArraySlice<ReportExample>, title: String, excerpt: Int) -> String {
        guard !list.isEmpty else { return "" }
        var out = "\n\(title):\n"
        for x in list {
            let who = x.id ?? "row \(x.row)"
            out += "  \(ReportFormat.fixed(x.score, 3))  \(who)  \(ReportFormat.excerpt(x.text, limit: excerpt))\n"
            if !x.reasons.isEmpty { out += "         because: \(x.reasons.joined(separator: "; "))\n" }
        }
        return out
    }
}
