import Reporting

/// Renders a `ReportDocument` as GitHub-flavoured Markdown, for a pull request or a model card:
/// summary, thresholds and per-source tables, then per label its confusion counts, a coarse
/// threshold sweep and the worst mistakes. All data-derived text is escaped.
public enum ReportMarkdown {
    public static func render(_ doc: ReportDocument, excerpt: Int = 160) -> String {
        let c = doc.context
        var out = "# Telltale evaluation\n\n"
        out += "Model \(ReportEscape.markdown(c.model))"
        if let d = c.modelDescription { out += " (\(ReportEscape.markdown(d)))" }
        out += ", evaluated on \(c.rows) rows"
        if c.skippedLines > 0 { out += " (\(c.skippedLines) bad lines skipped)" }
        out += ":\n\n"
        for f in c.dataFiles {
            out += "- \(ReportEscape.markdown(f.path)): \(f.rows) rows" + (f.skipped > 0 ? ", \(f.skipped) bad lines skipped" : "")
                + (f.hash.isEmpty ? "" : " (FNV-1a \(f.hash))") + "\n"
        }
        for (label, n) in c.ignoredLabels.sorted(by: { $0.key < $1.key }) {
            out += "- label \(ReportEscape.markdown(label)) (\(n) rows) is not a model label: ignored\n"
        }
        out += "\n## Metrics at the model's thresholds\n\n" + ReportTables.metrics(doc).markdown()
        let notes = ReportTables.undefinedNotes(doc)
        if !notes.isEmpty { out += "\n" + notes.map { "- " + ReportEscape.markdown($0) }.joined(separator: "\n") + "\n" }
        out += "\nPR-AUC is average precision; ECE uses \(c.calibrationBins) equal-width bins; a metric is only computed on the rows where its label is known.\n"
        out += "\n## Thresholds\n\nPass a value as `--threshold label=VALUE` to `telltale score`.\n\n" + ReportTables.thresholds(doc).markdown()
        if !doc.bySource.isEmpty {
            out += "\n## By source\n\n`flagged` is the share of rows flagged; on a source without positives it is the false-positive rate.\n\n"
            out += ReportTables.bySource(doc).markdown()
            let weak = ReportTables.weakSpots(doc)
            if !weak.isEmpty {
                out += "\nSources that stand out against their label overall (a shortcut or a weak domain?):\n\n"
                out += weak.map { "- " + ReportEscape.markdown($0) + "\n" }.joined()
            }
        }
        for r in doc.labels {
            let e = r.evaluation, m = e.confusion
            out += "\n## \(ReportEscape.markdown(r.label))\n\n"
            out += "At threshold \(ReportFormat.fixed(e.threshold, doc.thresholdDigits)): TP \(m.truePositives), FP \(m.falsePositives), "
                + "TN \(m.trueNegatives), FN \(m.falseNegatives)" + (e.unscored > 0 ? "; \(e.unscored) rows not scored (not applicable)" : "") + ".\n"
            let sweep = ReportTables.sweep(r)
            if !sweep.rows.isEmpty { out += "\nThreshold sweep:\n\n" + sweep.markdown() }
            out += examples(r.falsePositives, title: "Worst false positives (labelled 0, highest scores)", excerpt: excerpt)
            out += examples(r.falseNegatives, title: "Worst false negatives (labelled 1, lowest scores)", excerpt: excerpt)
        }
        return out
    }

    private static func examples(_ list: [ReportExample], title: String, excerpt: Int) -> String {
        guard !list.isEmpty else { return "" }
        var t = ReportTable(headers: ["score", "id", "source", "text", "reasons"], alignments: [.right, .left, .left, .left, .left])
        for x in list {
            var text = ReportFormat.excerpt(x.text, limit: excerpt)
            if let p = x.parent { text += " ← reply to: " + ReportFormat.excerpt(p, limit: excerpt / 2) }
            t.append([ReportFormat.fixed(x.score, 3), x.id ?? "row \(x.row)", x.source ?? "", text, x.reasons.joined(separator: "; ")])
        }
        return "\n\(title):\n\n" + t.markdown()
    }
}
