import Foundation
import Testing

private func json(_ line: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
}

private func score(_ input: String, _ extra: [String] = []) throws -> CLIResult {
    try CLI.run(["score", "--model", TestModel.path] + extra, stdin: Data(input.utf8))
}

@Test func scoresJSONAndPlainLinesInOrder() throws {
    let input = """
    {"id":"t-1","text":"I can't live on regression in America."}
    美国的 democracy 只是一个 show。
    {"id":7,"text":"Chinese police strengthen cooperation","parent":"How do I lose belly fat lifting weights?"}
    {"text":"Lift heavy and eat less to lose belly fat","parent":"How do I lose belly fat lifting weights?"}

    """
    let r = try score(input)
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    let lines = r.stdoutLines
    #expect(lines.count == 4)
    let first = json(lines[0]), second = json(lines[1]), third = json(lines[2]), fourth = json(lines[3])
    #expect(first["id"] as? String == "t-1")
    #expect(first["flags"] as? [String] == ["non_idiomatic"])
    #expect((first["scores"] as? [String: Any])?["off_topic"] is NSNull)
    #expect(second["id"] == nil)
    #expect(second["flags"] as? [String] == ["mixed_zh_en"])
    #expect(third["id"] as? Int == 7)
    #expect(third["flags"] as? [String] == ["off_topic"])
    let onTopic = (fourth["scores"] as? [String: Any])?["off_topic"] as? Double ?? 1
    let offTopic = (third["scores"] as? [String: Any])?["off_topic"] as? Double ?? 0
    #expect(onTopic < offTopic)
}

@Test func badLinesBecomeErrorRecordsAndScoringGoesOn() throws {
    var input = Data("{\"text\":\"fine\"}\n".utf8)
    input.append(contentsOf: [0x61, 0xFF, 0x0A])                       // line 2: invalid UTF-8
    input.append(Data("{\"text\": 5}\n".utf8))                          // line 3: text not a string
    input.append(contentsOf: [0x61, 0x00, 0x62, 0x0A])                 // line 4: NUL
    input.append(Data("{\"text\":\"live on regression\"}\n".utf8))      // line 5: good
    let r = try CLI.run(["score", "--model", TestModel.path], stdin: input)
    #expect(r.status == 0)
    let lines = r.stdoutLines
    #expect(lines.count == 5)
    #expect(lines[1] == #"{"line":2,"error":"invalid UTF-8 at byte 2"}"#)
    #expect(lines[2] == #"{"line":3,"error":"\"text\" must be a string, found a number at byte 10"}"#)
    #expect(lines[3] == #"{"line":4,"error":"NUL byte at byte 2"}"#)
    // The good line scores exactly as when alone.
    let alone = try score("{\"text\":\"live on regression\"}\n")
    #expect(lines[4] == alone.stdoutLines[0])
    #expect(r.stderr.contains("3 of 5 lines could not be scored"))
    #expect(r.stderr.contains("first: line 2: invalid UTF-8 at byte 2"))
}

@Test func strictStopsAtTheFirstBadLineWithStatus2() throws {
    let r = try score("{\"text\":\"ok\"}\n{bad json\n{\"text\":\"never reached\"}\n", ["--strict"])
    #expect(r.status == 2)
    #expect(r.stdoutLines.count == 2)
    #expect(r.stdoutLines[1].hasPrefix(#"{"line":2,"error":"malformed JSON"#))
    #expect(r.stderr.contains("line 2"))
}

@Test func closedStdoutEndsQuietly() throws {
    let r = try CLI.run([], shell: "yes 'live on regression' | head -200000 | \"$TELLTALE\" score --model '\(TestModel.path)' | head -1; echo \"status=${PIPESTATUS[2]}\"")
    #expect(r.stdoutLines.count == 2)
    #expect(r.stdoutLines.last == "status=0")
    #expect(r.stderr.isEmpty)
}

@Test func threadsKeepOrderAndGiveTheSameOutput() throws {
    var input = ""
    for i in 0..<3000 { input += i % 3 == 0 ? "{\"id\":\(i),\"text\":\"live on regression \(i)\"}\n" : "plain line \(i) 美国 democracy\n" }
    let one = try score(input)
    let two = try score(input, ["--threads", "2"])
    #expect(one.status == 0 && two.status == 0)
    #expect(one.stdout == two.stdout)
    #expect(one.stdoutLines.count == 3000)
}

@Test func explainGivesReasonsForFlags() throws {
    let r = try score("{\"text\":\"I can't live on regression in America.\"}\n", ["--explain"])
    let obj = json(r.stdoutLines[0])
    let reasons = (obj["reasons"] as? [String: [String]])?["non_idiomatic"] ?? []
    #expect(reasons.first?.contains("regression") == true)
}

@Test func thresholdOptionChangesFlags() throws {
    let input = "{\"text\":\"live on regression\"}\n"
    let normal = json(try score(input).stdoutLines[0])
    let strict = json(try score(input, ["--threshold", "non_idiomatic=0.99"]).stdoutLines[0])
    #expect(normal["flags"] as? [String] == ["non_idiomatic"])
    #expect(strict["flags"] as? [String] == [])
}

@Test func usageAndModelErrorsExitWithStatus1() throws {
    let unknownLabel = try score("x\n", ["--threshold", "bogus=0.5"])
    #expect(unknownLabel.status == 1)
    #expect(unknownLabel.stderr.contains("bogus"))
    let missing = try CLI.run(["score", "--model", "/nonexistent/m.model"], stdin: Data("x\n".utf8))
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent/m.model"))
    let noInput = try CLI.run(["score", "--model", TestModel.path, "--input", "/nonexistent/in.jsonl"])
    #expect(noInput.status == 1)
    #expect(noInput.stderr.contains("/nonexistent/in.jsonl"))
}

@Test func emptyInputGivesNoOutput() throws {
    let r = try score("")
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
}

@Test func overLongLinesAreReportedNotBuffered() throws {
    let long = String(repeating: "a", count: 5000)
    let r = try score("{\"text\":\"\(long)\"}\nok\n", ["--max-line-bytes", "1000"])
    #expect(r.stdoutLines.count == 2)
    #expect(r.stdoutLines[0].hasPrefix(#"{"line":1,"error":"line is 5011 bytes, over the --max-line-bytes limit of 1000"#))
}
