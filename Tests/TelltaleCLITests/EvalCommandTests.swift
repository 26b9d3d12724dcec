import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A small labelled corpus for the hand-built `TestModel`: `non_idiomatic` reacts to the word
/// "regression", so at threshold 0.5 rows e-1…e-3 are TP, e-4 FN, e-5 FP, e-6…e-8 TN.
private let corpus = """
{"id":"e-1","text":"I can't live on regression in America.","labels":{"non_idiomatic":1},"source":"mt"}
{"id":"e-2","text":"The regression of prices makes people feel pressure.","labels":{"non_idiomatic":1},"source":"mt"}
{"id":"e-3","text":"We must firmly grasp the regression opportunity.","labels":{"non_idiomatic":1,"mixed_zh_en":0},"source":"mt"}
{"id":"e-4","text":"I very like this city, people are warm-hearted.","labels":{"non_idiomatic":1},"source":"mt"}
{"id":"e-5","text":"Linear regression is a fine baseline for this task.","labels":{"non_idiomatic":0},"source":"native"}
{"id":"e-6","text":"Grabbing coffee before the game tonight.","labels":{"non_idiomatic":0},"source":"native"}
{"id":"e-7","text":"美国的 democracy 只是一个 show。","labels":{"non_idiomatic":0,"mixed_zh_en":1},"source":"mixed"}
{"id":"e-8","text":"That was a great talk, thanks for sharing.","labels":{"non_idiomatic":0,"mixed_zh_en":0,"typo_label":1}}
{"id":"e-9","text":"Chinese police strengthen cooperation","parent":"How do I lose belly fat lifting weights?","labels":{"off_topic":1},"source":"replies"}
{"id":"e-10","text":"Lift heavy and eat less to lose belly fat","parent":"How do I lose belly fat lifting weights?","labels":{"off_topic":0},"source":"replies"}
{"id":"e-11","text":"Police cooperation news today","labels":{"off_topic":1},"source":"replies"}

"""

private func withCorpus(_ text: String = corpus, name: String = "dev.jsonl", _ body: (URL, URL) throws -> Void) throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    try body(dir, file)
}

private func eval(_ args: [String]) throws -> CLIResult {
    try CLI.run(["eval", "--model", TestModel.path] + args)
}

private func jsonObject(_ url: URL) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

private func label(_ root: [String: Any], _ name: String) -> [String: Any] {
    ((root["labels"] as? [[String: Any]]) ?? []).first { $0["label"] as? String == name } ?? [:]
}

@Test func evalScoresAgreeWithScoreByteForByte() throws {
    try withCorpus { dir, file in
        for extra in [[String](), ["--threshold", "mixed_zh_en=0.3", "--threads", "2"]] {
            let scores = dir.appendingPathComponent("eval-scores.jsonl")
            let e = try eval(["--data", file.path, "--scores", scores.path] + extra)
            #expect(e.status == 0, "\(e.stderr)")
            let s = try CLI.run(["score", "--model", TestModel.path, "--input", file.path] + extra.filter { $0 != "--threads" && $0 != "2" })
            #expect(s.status == 0)
            let evalLines = String(decoding: try Data(contentsOf: scores), as: UTF8.self)
            #expect(evalLines == s.stdout)
            #expect(s.stdoutLines.count == 11)
        }
    }
}

@Test func metricsOnTheHandMadeCorpus() throws {
    try withCorpus { dir, file in
        let out = dir.appendingPathComponent("r.json")
        let r = try eval(["--data", file.path, "--json", out.path, "--top-errors", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try jsonObject(out)
        #expect(root["schema"] as? String == "telltale-eval-report" && root["rows"] as? Int == 11)
        #expect(root["ignored_labels"] as? [String: Int] == ["typo_label": 1])
        let ni = label(root, "non_idiomatic")
        #expect(ni["support"] as? Int == 8 && ni["positives"] as? Int == 4)
        #expect(ni["confusion"] as? [String: Int] == ["tp": 3, "fp": 1, "tn": 3, "fn": 1])
        #expect(ni["precision"] as? Double == 0.75 && ni["recall"] as? Double == 0.75)
        #expect((ni["false_positives"] as? [[String: Any]])?.map { $0["id"] as? String } == ["e-5"])
        #expect((ni["false_negatives"] as? [[String: Any]])?.map { $0["id"] as? String } == ["e-4"])
        let reasons = (ni["false_positives"] as? [[String: Any]])?.first?["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("regression") })
        // off_topic: e-11 has no parent, so it is known but unscored.
        let off = label(root, "off_topic")
        #expect(off["support"] as? Int == 2 && off["unscored"] as? Int == 1)
        // mixed_zh_en: known on three rows.
        #expect(label(root, "mixed_zh_en")["support"] as? Int == 3)
        let sources = (root["by_source"] as? [[String: Any]])?.compactMap { $0["source"] as? String }
        #expect(sources == ["(none)", "mixed", "mt", "native", "replies"])
        // The text summary says the same.
        #expect(r.stdout.hasPrefix("Evaluation of \(TestModel.path) on 11 rows\n"))
        #expect(r.stdout.contains("label typo_label (1 rows) is not one of the model's labels: ignored"))
        #expect(r.stdout.contains("non_idiomatic: worst false positives"))
    }
}

@Test func reportFilesParse() throws {
    try withCorpus { dir, file in
        let html = dir.appendingPathComponent("report.html"), md = dir.appendingPathComponent("report.md")
        let r = try eval(["--data", file.path, "--report", html.path, "--markdown", md.path, "--target-precision", "0.8"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try Data(contentsOf: html)
        let parser = XMLParser(data: page)
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse() && parser.parserError == nil && !counter.failed, "HTML report is not well-formed")
        #expect(counter.svg == 15)
        let text = String(decoding: page, as: UTF8.self)
        #expect(!text.contains("<script") && !text.contains("https://"))
        let markdown = String(decoding: try Data(contentsOf: md), as: UTF8.self)
        #expect(markdown.contains("| non\\_idiomatic | precision ≥ 0.80 |"))
        #expect(r.stderr.contains("wrote HTML report \(html.path)"))
        // Nothing left behind but the two reports and the corpus.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["dev.jsonl", "report.html", "report.md"])
    }
}

@Test func jsonDashPrintsTheReportOnStdout() throws {
    try withCorpus { _, file in
        let r = try eval(["--data", file.path, "--json", "-"])
        #expect(r.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? Int == 1)
    }
}

@Test func badLinesAreSkippedOrFatalUnderStrict() throws {
    let bad = corpus.replacingOccurrences(of: "{\"id\":\"e-6\"", with: "{oops \"e-6\"")
    try withCorpus(bad) { dir, file in
        let out = dir.appendingPathComponent("r.json")
        let lenient = try eval(["--data", file.path, "--json", out.path])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("\(file.path): skipped 1 bad lines (first: \(file.path):6: malformed JSON"))
        let root = try jsonObject(out)
        #expect(root["rows"] as? Int == 10 && root["skipped_lines"] as? Int == 1)
        let strict = try eval(["--data", file.path, "--strict", "--json", dir.appendingPathComponent("s.json").path])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("\(file.path):6:"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json").path))
    }
}

@Test(arguments: [
    (["--data", "/nonexistent/dev.jsonl"], "/nonexistent/dev.jsonl"),
    (["--data", "DATA", "--report", "/nonexistent-dir/r.html"], "--report '/nonexistent-dir/r.html'"),
    (["--data", "DATA", "--target-precision", "1.5"], "--target-precision"),
    (["--data", "DATA", "--threshold", "nope=0.5"], "unknown label `nope`"),
    (["--data", "DATA.unknown"], "cannot tell the corpus format"),
])
func usageAndUnreadableInputExitWith1(args: [String], message: String) throws {
    try withCorpus { _, file in
        let r = try eval(args.map { $0.replacingOccurrences(of: "DATA", with: file.path) })
        #expect(r.status == 1, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}

@Test func missingModelExitsWith1() throws {
    try withCorpus { _, file in
        let r = try CLI.run(["eval", "--model", "/nonexistent.model", "--data", file.path])
        #expect(r.status == 1 && r.stderr.contains("/nonexistent.model"))
    }
}

@Test func fastTextDataIsClosedWorldOverTheModelsLabels() throws {
    let ft = "__label__non_idiomatic I can't live on regression here\n__label__mixed_zh_en 美国的 democracy 只是一个 show。\n"
    try withCorpus(ft, name: "dev.txt") { dir, file in
        let out = dir.appendingPathComponent("r.json")
        #expect(try eval(["--data", file.path, "--json", out.path]).status == 0)
        let root = try jsonObject(out)
        // Every line is negative for the labels it does not list: both rows count for both labels.
        #expect(label(root, "non_idiomatic")["support"] as? Int == 2 && label(root, "non_idiomatic")["positives"] as? Int == 1)
        #expect(label(root, "off_topic")["unscored"] as? Int == 2)
    }
}

private final class SVGCounter: NSObject, XMLParserDelegate {
    var svg = 0
    var failed = false
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "svg" { svg += 1 }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }
}

@Test func evalWithoutAUsableLabelIsAnError() throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("nolabel.jsonl")
    try (#"{"text":"hello world there"}"# + "\n" + #"{"text":"another one here","labels":{"foo":1}}"# + "\n")
        .write(to: data, atomically: true, encoding: .utf8)
    let scores = dir.appendingPathComponent("scores.jsonl").path
    let r = try CLI.run(["eval", "--data", data.path, "--scores", scores])
    #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
    #expect(r.stderr.contains("carries a label of the model") && r.stderr.contains("labels found: foo"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scores))
}
