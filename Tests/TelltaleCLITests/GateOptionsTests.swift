import Foundation
import Testing

/// `train` writes label gates (default, --no-gates, --gate label=rule), `inspect` shows them, and
/// `score` / `eval` apply them, on a model trained from Corpus/examples.jsonl.
@Suite struct GateOptionsTests {
    static let examples = CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path
    static let korean = #"{"text":"오늘 회의는 세 시에 시작합니다. See you tomorrow!"}"# + "\n"

    /// Trains on the written examples with `extra` options; returns the model path (in `dir`).
    static func train(_ extra: [String], in dir: URL) throws -> String {
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", examples, "--out", out, "--bucket-bits", "14", "--epochs", "3"] + extra)
        try #require(r.status == 0, "\(r.stderr)")
        return out
    }

    static func scores(_ model: String, _ input: String) throws -> [String: Any] {
        let r = try CLI.run(["score", "--model", model, "--explain"], stdin: Data(input.utf8))
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdoutLines.first?.utf8 ?? "".utf8)) as? [String: Any]
        return obj?["scores"] as? [String: Any] ?? [:]
    }

    @Test func trainWritesTheDefaultGatesAndScoreAppliesThem() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Self.train([], in: dir)
        let inspect = try CLI.run(["inspect", model])
        #expect(inspect.stdout.contains("gates: mixed_zh_en mandarin-english"))
        #expect(inspect.stdout.contains("non_idiomatic mostly-english"))
        let s = try Self.scores(model, Self.korean)
        #expect(s["mixed_zh_en"] as? Double == 0 && s["non_idiomatic"] is NSNull)
    }

    @Test func noGatesScoresEveryLabelOnEveryPost() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Self.train(["--no-gates"], in: dir)
        #expect(try CLI.run(["inspect", model]).stdout.contains("gates: none"))
        let s = try Self.scores(model, Self.korean)
        #expect((s["mixed_zh_en"] as? Double ?? 0) > 0 && s["non_idiomatic"] is Double)
    }

    @Test func gatesCanBeChosenPerLabel() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Self.train(["--gate", "mixed_zh_en=none", "--gate", "off_topic=mostly-english"], in: dir)
        let card = try CLI.run(["inspect", model]).stdout
        #expect(card.contains("gates: non_idiomatic mostly-english") && card.contains("off_topic mostly-english"))
        #expect(!card.contains("mandarin-english"))
        #expect((try Self.scores(model, Self.korean)["mixed_zh_en"] as? Double ?? 0) > 0)
        for (bad, message) in [("mixed_zh_en=fancy", "unknown rule 'fancy'"), ("mixed_zh_en", "is not label=rule")] {
            let r = try CLI.run(["train", "--data", Self.examples, "--out", dir.appendingPathComponent("x.model").path, "--gate", bad])
            #expect(r.status == 1 && r.stderr.contains(message), "\(bad): \(r.stderr)")
        }
        let r = try CLI.run(["train", "--data", Self.examples, "--out", dir.appendingPathComponent("y.model").path,
                             "--labels", "off_topic", "--gate", "mixed_zh_en=mandarin-english"])
        #expect(r.status == 1 && r.stderr.contains("not among the --labels"))
    }

    @Test func evalReportsRowsOutsideAGateAsNotScored() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Self.train([], in: dir)
        let data = dir.appendingPathComponent("dev.jsonl")
        try Data("""
        {"id":"a","text":"We should firmly grasp the opportunity and promote the development.","labels":{"non_idiomatic":1,"mixed_zh_en":0}}
        {"id":"b","text":"Grabbing coffee before the game tonight, anyone in?","labels":{"non_idiomatic":0,"mixed_zh_en":0}}
        {"id":"c","text":"今天天气很好，我们去公园散步吧。","labels":{"non_idiomatic":0,"mixed_zh_en":0}}
        {"id":"d","text":"오늘 회의는 세 시에 시작합니다. See you tomorrow!","labels":{"non_idiomatic":0,"mixed_zh_en":0}}
        {"id":"e","text":"这个 weekend 我们去 hiking 吧","labels":{"mixed_zh_en":1}}

        """.utf8).write(to: data)
        let r = try CLI.run(["eval", "--model", model, "--data", data.path, "--json", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let labels = root["labels"] as? [[String: Any]] ?? []
        let nonIdiomatic = try #require(labels.first { $0["label"] as? String == "non_idiomatic" })
        let mixed = try #require(labels.first { $0["label"] as? String == "mixed_zh_en" })
        #expect(nonIdiomatic["support"] as? Int == 2 && nonIdiomatic["unscored"] as? Int == 2)
        #expect(mixed["support"] as? Int == 5 && mixed["unscored"] as? Int == 0)  // outside its gate = a scored 0
        let text = try CLI.run(["eval", "--model", model, "--data", data.path]).stdout
        #expect(text.contains("non_idiomatic: 2 labelled rows not scored (not applicable"))
    }
}
