import Foundation
import Testing

/// The small things a new user hits (issue 17, point 9): usage of the right subcommand, ids in
/// error records, what an interrupted eval/train kept, one threshold precision, an `inspect`
/// that fits 100 columns, one `--threads` default.
@Suite struct NewUserDetailsTests {
    @Test func anOptionErrorFoundWhileRunningPrintsThatSubcommandsUsage() throws {
        let score = try CLI.run(["score", "--model", TestModel.path, "--threshold", "foo=2"])
        #expect(score.status == 1)
        #expect(score.stderr.contains("Error: --threshold 'foo=2'"))
        #expect(score.stderr.contains("Usage: telltale score ") && score.stderr.contains("See 'telltale score --help'"), "\(score.stderr)")
        #expect(!score.stderr.contains("telltale <subcommand>"))
        let train = try CLI.run(["train", "--data", "x.jsonl", "--out", "/tmp/never.model", "--gate", "nope"])
        #expect(train.status == 1)
        #expect(train.stderr.contains("Usage: telltale train ") && train.stderr.contains("See 'telltale train --help'"), "\(train.stderr)")
    }

    @Test func errorRecordsCarryTheIdWhenItWasRead() throws {
        var input = Data(#"{"id":"b","text":"caf"#.utf8)
        input.append(contentsOf: [0xC3, 0x20])
        input.append(Data("ok\"}\n".utf8))
        input.append(Data((#"{"id":7,"text": 5}"# + "\n").utf8))
        input.append(Data((#"{"text": 5, "id":"late"}"# + "\n").utf8))
        input.append(Data((#"{"id":"n","text":"a\u0000b"}"# + "\n").utf8))
        let r = try CLI.run(["score", "--model", TestModel.path], stdin: input)
        #expect(r.status == 0)
        #expect(r.stdoutLines == [
            #"{"line":1,"id":"b","error":"invalid UTF-8 at byte 22"}"#,
            #"{"line":2,"id":7,"error":"\"text\" must be a string, found a number at byte 17"}"#,
            #"{"line":3,"error":"\"text\" must be a string, found a number at byte 10"}"#,
            #"{"line":4,"id":"n","error":"NUL character (\\u0000) in string at byte 20"}"#,
        ], "\(r.stdout)")
        let f = try CLI.run(["features", "--model", TestModel.path], stdin: input)
        #expect(f.stdoutLines.first == #"{"line":1,"id":"b","error":"invalid UTF-8 at byte 22"}"#, "\(f.stdout)")
    }

    /// A corpus big enough that a debug build is still reading it after a second.
    static func bigCorpus(_ dir: URL, rows: Int) throws -> String {
        let path = dir.appendingPathComponent("big.jsonl").path
        let r = try CLI.run([], shell: """
            for i in $(seq 1 50); do
              echo '{"text":"We should strengthen the cooperation number '$i' and realize the win-win result.","labels":{"non_idiomatic":1}}'
              echo '{"text":"Grabbing coffee before the game tonight, number '$i' of many.","labels":{"non_idiomatic":0}}'
            done > '\(path).one'
            yes '\(path).one' | head -\(rows / 100) | xargs cat > '\(path)'
            """)
        try #require(r.status == 0, "\(r.stderr)")
        return path
    }

    @Test func anInterruptedEvalSaysNothingWasWrittenAndKeepsEarlierFiles() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Self.bigCorpus(dir, rows: 400_000)
        let report = dir.appendingPathComponent("keep.html"), scores = dir.appendingPathComponent("keep.jsonl")
        try Data("earlier report\n".utf8).write(to: report)
        try Data("earlier scores\n".utf8).write(to: scores)
        let r = try CLI.run([], shell: CLI.signalHelpers + """

            set -m   # job control: a background job gets SIGINT (it ignores it otherwise)
            "$TELLTALE" eval --model '\(TestModel.path)' --data '\(data)' --report '\(report.path)' --scores '\(scores.path)' 2> '\(dir.path)/err' &
            pid=$!; wait_for_sigint_handler $pid; sleep 0.3; kill -INT $pid; wait $pid; echo "status=$?"; cat '\(dir.path)/err'
            """)
        #expect(r.stdout.hasPrefix("status=130"), "\(r.stdout)")
        #expect(r.stdout.contains("telltale: interrupted after "), "\(r.stdout)")
        #expect(r.stdout.contains("rows: no report or scores file was written (files of an earlier run are kept)"), "\(r.stdout)")
        #expect(try String(contentsOf: report, encoding: .utf8) == "earlier report\n")
        #expect(try String(contentsOf: scores, encoding: .utf8) == "earlier scores\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !["big.jsonl", "big.jsonl.one", "keep.html", "keep.jsonl", "err"].contains($0) }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func anInterruptedTrainSaysTheModelWasNotWritten() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Self.bigCorpus(dir, rows: 400_000)
        let model = dir.appendingPathComponent("keep.model")
        try Data("earlier model\n".utf8).write(to: model)
        let r = try CLI.run([], shell: CLI.signalHelpers + """

            set -m
            "$TELLTALE" train --data '\(data)' --out '\(model.path)' --labels non_idiomatic 2> '\(dir.path)/err' &
            pid=$!; wait_for_sigint_handler $pid; sleep 0.3; kill -INT $pid; wait $pid; echo "status=$?"; cat '\(dir.path)/err'
            """)
        #expect(r.stdout.hasPrefix("status=130"), "\(r.stdout)")
        #expect(r.stdout.contains("telltale: interrupted: no model was written ('\(model.path)' is as it was)"), "\(r.stdout)")
        #expect(try String(contentsOf: model, encoding: .utf8) == "earlier model\n")
    }

    @Test func evalPrintsEveryThresholdWithOnePrecision() throws {
        let r = try CLI.run(["eval", "--data", CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path])
        #expect(r.status == 0, "\(r.stderr)")
        // The threshold column of the metrics, confusion and --threshold tables.
        var decimals: Set<Int> = []
        var table = ""
        for line in r.stdoutLines {
            if line.hasPrefix("label ") || line.hasPrefix("  label ") { table = line.contains("--threshold") ? "suggest" : "plain"; continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { table = ""; continue }
            let cells = line.split(separator: " ", omittingEmptySubsequences: true)
            guard !table.isEmpty, cells.count > 4, !line.hasPrefix("macro") else { continue }
            let cell = table == "suggest" ? cells[cells.count - 5] : cells[1]
            guard Double(cell) != nil else { continue }
            if let dot = cell.firstIndex(of: ".") { decimals.insert(cell.distance(from: dot, to: cell.endIndex) - 1) }
        }
        #expect(decimals.count == 1, "threshold decimals seen: \(decimals)\n\(r.stdout)")
    }

    @Test func inspectFitsInOneHundredColumns() throws {
        let r = try CLI.run(["inspect"])
        #expect(r.status == 0)
        let wide = r.stdoutLines.filter { $0.count > 100 }
        #expect(wide.isEmpty, "\(wide.map { "\($0.count): \($0.prefix(60))…" })")
        #expect(r.stdout.contains("non_idiomatic") && r.stdout.contains("strongest features for"))
    }

    @Test func everyCommandHasTheSameThreadsDefault() throws {
        var defaults: [String: String] = [:]
        for command in ["score", "eval", "train", "accounts"] {
            let help = try CLI.run([command, "--help"]).stdout
            let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let option = flat.components(separatedBy: "--threads <threads> ").dropFirst().last ?? ""
            defaults[command] = option.components(separatedBy: "(default: ").dropFirst().first?.prefix { $0 != ")" }.description
        }
        #expect(Set(defaults.values).count == 1 && defaults["score"] != nil, "\(defaults)")
    }
}
