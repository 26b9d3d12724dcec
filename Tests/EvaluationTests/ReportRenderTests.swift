import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Evaluation
import Reporting
import Corpus

/// A report over hand-made rows, with hostile text in ids, sources, texts and reasons, one label
/// with all rows negative (ROC undefined) and one label with no rows at all.
private func sampleDocument() -> ReportDocument {
    let c = EvaluationCollector(labels: ["non_idiomatic", "off_topic", "empty"], thresholds: [0.5, 0.6, 0.5], topErrors: 3)
    let rows: [(String, [String: Int], [Double?], String?)] = [
        ("a-1", ["non_idiomatic": 1], [0.91, nil, 0.1], "wmt"),
        ("a-2", ["non_idiomatic": 0], [0.72, nil, 0.1], "tweets"),
        ("<b>x</b>", ["non_idiomatic": 1, "off_topic": 0], [0.31, 0.65, 0.1], "a|b <i>"),
        ("a-4", ["non_idiomatic": 0, "off_topic": 0], [0.12, 0.2, 0.1], "tweets"),
        ("a-5", ["non_idiomatic": 1], [0.55, nil, 0.1], "wmt"),
        ("a-6", ["non_idiomatic": 0], [0.5, nil, 0.1], nil),
    ]
    for (id, labels, p, source) in rows {
        c.add(CorpusRecord(id: id, text: "<script>alert('x')</script> & | *text* of \(id)", parent: labels["off_topic"] != nil ? "parent \"quoted\"" : nil,
                           labels: labels, source: source),
              probabilities: p) { _ in ["n-gram `<live>` (+0.84)", "Han run & more"] }
    }
    var context = ReportContext(model: "models/<m>.model", modelDescription: "nb & friends")
    context.dataFiles = [ReportDataFile(path: "dev & test.jsonl", rows: 6, skipped: 1, firstErrors: ["dev & test.jsonl:7: malformed JSON <here>"], hash: "0123456789abcdef")]
    return c.report(context: context)
}

/// Parses XML and counts elements by name; nil when the text is not well-formed.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var svgTitles: [String] = []
    private var inSVGTitle = false, depthInSVG = 0, text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if name == "svg" { depthInSVG = 0 }
        depthInSVG += 1
        if name == "title" && depthInSVG == 2 { inSVGTitle = true; text = "" }
    }

    var failed = false
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inSVGTitle { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depthInSVG -= 1
        if name == "title" && inSVGTitle { svgTitles.append(text); inSVGTitle = false }
    }

    static func parse(_ xml: String) -> ElementCounter? {
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        // On Linux `parse()` can return true after an error: check the error too.
        let ok = parser.parse()
        return ok && parser.parserError == nil && !counter.failed ? counter : nil
    }
}

struct ReportRenderTests {
    @Test func jsonIsValidStableAndCarriesTheMetrics() throws {
        let doc = sampleDocument()
        let text = ReportJSON.render(doc)
        #expect(text == ReportJSON.render(doc))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["schema"] as? String == "telltale-eval-report")
        #expect(root["version"] as? Int == 1)
        #expect(root["rows"] as? Int == 6)
        #expect(root["skipped_lines"] as? Int == 1)
        let labels = try #require(root["labels"] as? [[String: Any]])
        #expect(labels.map { $0["label"] as? String } == ["non_idiomatic", "off_topic", "empty"])
        let ni = labels[0], e = doc.labels[0].evaluation
        #expect(ni["support"] as? Int == 6 && ni["positives"] as? Int == 3)
        #expect(ni["f1"] as? Double == e.f1.value && ni["roc_auc"] as? Double == e.rocAUC.value)
        #expect((ni["confusion"] as? [String: Int]) == ["tp": 2, "fp": 2, "tn": 1, "fn": 1])
        #expect((ni["sweep"] as? [Any])?.count == 101)
        #expect((ni["reliability"] as? [Any])?.count == 10)
        #expect((ni["roc_curve"] as? [[Double]])?.first == [0, 0])
        let fps = try #require(ni["false_positives"] as? [[String: Any]])
        #expect(fps.map { $0["id"] as? String } == ["a-2", "a-6"])
        #expect(fps[0]["reasons"] as? [String] == ["n-gram `<live>` (+0.84)", "Han run & more"])
        let thresholds = try #require(ni["thresholds"] as? [[String: Any]])
        #expect(thresholds.map { $0["goal"] as? String } == ["precision", "precision", "best_f1"])
        // off_topic: every scored row negative → ROC-AUC null with its reason.
        let off = labels[1]
        #expect(off["roc_auc"] is NSNull)
        #expect((off["undefined"] as? [String: String])?["roc_auc"] == "no positive examples")
        #expect(off["unscored"] as? Int == 0 && off["support"] as? Int == 2)
        let empty = labels[2]
        #expect(empty["support"] as? Int == 0 && empty["log_loss"] is NSNull)
        let bySource = try #require(root["by_source"] as? [[String: Any]])
        #expect(bySource.map { $0["source"] as? String } == ["(none)", "a|b <i>", "tweets", "wmt"])
        #expect((root["data"] as? [[String: Any]])?.first?["path"] as? String == "dev & test.jsonl")
    }

    @Test func htmlIsWellFormedSelfContainedWithFiveChartsPerLabel() throws {
        let html = ReportHTML.render(sampleDocument())
        let parsed = try #require(ElementCounter.parse(html), "the HTML report must be well-formed XML")
        #expect(parsed.counts["svg"] == 15)
        #expect(parsed.counts["html"] == 1 && parsed.counts["table"] ?? 0 >= 5)
        #expect(parsed.svgTitles.filter { $0.hasPrefix("ROC curve") }.count == 3)
        #expect(parsed.svgTitles.contains("Threshold sweep") && parsed.svgTitles.contains("Scores by true class"))
        #expect(parsed.svgTitles.contains { $0.hasPrefix("Calibration — ECE") } && parsed.svgTitles.contains { $0.hasPrefix("Precision–recall — AP") })
        // Nothing external, nothing executable, all data text escaped.
        for forbidden in ["<script", "src=", "http://www.w3.org/1999", "https://", "@import", "url("] {
            #expect(!html.contains(forbidden), "HTML contains \(forbidden)")
        }
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;") && html.contains("a|b &lt;i&gt;"))
        #expect(html.contains("models/&lt;m&gt;.model") && html.contains("dev &amp; test.jsonl"))
        // Undefined charts say why instead of drawing nonsense.
        #expect(html.contains("undefined: no positive examples") && html.contains("undefined: no examples"))
    }

    /// The eval page and the accounts page share one base stylesheet, CJK fonts included (the
    /// worst examples are often Chinese).
    @Test func htmlUsesTheSharedStylesheetWithCJKFonts() {
        let html = ReportHTML.render(sampleDocument())
        #expect(html.contains("<style>" + ReportStyle.base))
        #expect(html.contains("'Noto Sans CJK SC'"))
    }

    @Test func everyChartHasAxisTitlesAndALegend() {
        let doc = sampleDocument()
        for chart in ReportCharts.all(doc.labels[0], prefix: "t") {
            let svg = chart.render()
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains(">\(ReportEscape.xml(chart.xTitle))</text>") && svg.contains(">\(ReportEscape.xml(chart.yTitle))</text>"))
            #expect(chart.series.filter { !$0.name.isEmpty }.count >= 2, "legend of \(chart.title)")
            #expect(ElementCounter.parse(svg) != nil)
        }
    }

    @Test func markdownHasTablesAndEscapesData() {
        let md = ReportMarkdown.render(sampleDocument())
        #expect(md.hasPrefix("# Telltale evaluation\n"))
        #expect(md.contains("| label | threshold | support | positives | precision | recall | F1 | ROC-AUC | PR-AUC | log loss | ECE |"))
        #expect(md.contains("## non\\_idiomatic") && md.contains("## off\\_topic"))
        #expect(md.contains("\\<script\\>alert('x')\\</script\\> & \\| \\*text\\* of a-2"))
        #expect(!md.contains("<script>"))
        // Every table row has as many cells as its header.
        for line in md.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count
            #expect(cells >= 4, "row: \(line)")
        }
    }

    @Test func textSummaryShowsTablesNotesAndMistakes() {
        let text = ReportText.render(sampleDocument())
        #expect(text.hasPrefix("Evaluation of models/<m>.model on 6 rows (1 bad lines skipped)\n"))
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.first { $0.hasPrefix("label") } ?? ""
        #expect(header.contains("precision") && header.contains("ROC-AUC") && header.contains("ECE"))
        #expect(lines.contains { $0.hasPrefix("macro ") })
        #expect(lines.contains { $0.hasPrefix("empty ") && $0.contains("n/a") })
        #expect(text.contains("empty: every metric n/a, no row has this label"))
        #expect(text.contains("non_idiomatic: worst false positives"))
        #expect(text.contains("because: n-gram `<live>` (+0.84); Han run & more"))
        #expect(text.contains("Thresholds (use as --threshold label=VALUE):"))
        // Aligned: every row of the metrics table is as wide as or narrower than the header line's columns.
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }
}
