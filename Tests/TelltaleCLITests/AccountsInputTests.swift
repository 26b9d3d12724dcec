import Foundation
import Testing

@Test func missingAndUnreadableFieldsAreReportedPerLineAndNeverStopTheRun() throws {
    var input = Data()
    input.append(Data("""
    {"author":"a1","created_at":"2024-03-05T09:30:00+08:00","text":"fine post number one about the harbor"}
    {"created_at":"2024-03-05T09:30:00+08:00","text":"no author here, counted under unknown"}
    {"author":"a1","text":"no time here, counted without a time"}
    {"author":"a1","created_at":"yesterday","text":"a time nobody can read"}
    {"author":"a1","created_at":"2024-03-05T09:30:00","text":"a time without an offset"}
    {bad json

    """.utf8))
    input.append(contentsOf: [0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D, 0x0A]) // line 7: invalid UTF-8
    input.append(Data("just a plain text line\n{\"author\":\"\",\"created_at\":1709602200,\"text\":\"empty author is no author\"}\n".utf8))
    let r = AccountsRun()
    let result = try CLI.run(["accounts", "--no-scores", "--authors", r.authors.path, "--problems", r.problems.path], stdin: input)
    #expect(result.status == 0)
    let problems = jsonLines(r.problems)
    let byLine = Dictionary(grouping: problems) { $0["line"] as? Int ?? 0 }
    #expect(byLine[1] == nil)
    #expect(byLine[2]?.first?["field"] as? String == "author")
    #expect(byLine[3]?.first?["field"] as? String == "created_at")
    #expect((byLine[3]?.first?["error"] as? String)?.contains("no \"created_at\"") == true)
    #expect((byLine[4]?.first?["error"] as? String)?.contains("'yesterday' is not a time") == true)
    #expect((byLine[5]?.first?["error"] as? String)?.contains("no UTC offset") == true)
    #expect(byLine[6]?.first?["field"] is NSNull)
    #expect((byLine[6]?.first?["error"] as? String)?.hasPrefix("malformed JSON") == true)
    #expect((byLine[7]?.first?["error"] as? String)?.contains("invalid UTF-8") == true)
    #expect(Set(byLine[8]?.compactMap { $0["field"] as? String } ?? []) == ["author", "created_at"])
    #expect(byLine[9]?.map { $0["field"] as? String } == ["author"])
    // Seven posts were counted (lines 6 and 7 are skipped); a1 has four of them, one with a time.
    let authors = jsonLines(r.authors)
    let a1 = try #require(authors.first { $0["author"] as? String == "a1" })
    #expect(a1["posts"] as? Int == 4 && a1["timed_posts"] as? Int == 1)
    let unknown = try #require(authors.first { $0["author"] is NSNull })
    #expect(unknown["posts"] as? Int == 3 && unknown["timed_posts"] as? Int == 2)
    #expect(result.stderr.contains("line 4: \"created_at\" 'yesterday' is not a time"))
    #expect(result.stderr.contains("2 of 9 unreadable lines skipped"))
    #expect(result.stderr.contains("3 of 9 posts without \"author\" (counted under (unknown))"))
    #expect(result.stdoutLines.first?.hasPrefix("7 posts from 1 accounts") == true)
}

@Test func aCorpusWithoutAuthorsOrTimesGoesUnderUnknownWithOneSummaryPerKind() throws {
    let input = (0..<40).map { "{\"id\":\($0),\"text\":\"the village library and its garden https://t.co/\($0)\"}" }.joined(separator: "\n") + "\n"
    let r = AccountsRun()
    let result = try CLI.run(["accounts", "--no-scores", "--authors", r.authors.path], stdin: Data(input.utf8))
    #expect(result.status == 0)
    // The first five of each kind are echoed, then a count that points at --problems.
    #expect(result.stderr.components(separatedBy: "counted under (unknown)\n").count - 1 == 5)
    #expect(result.stderr.contains("40 of 40 posts without \"author\" (counted under (unknown)); --problems FILE lists every line"))
    #expect(result.stderr.contains("40 of 40 posts without \"created_at\""))
    let authors = jsonLines(r.authors)
    #expect(authors.count == 1 && authors[0]["author"] is NSNull && authors[0]["posts"] as? Int == 40)
    // Copies by the unknown author still form a cluster, just not one across accounts.
    #expect(result.stdoutLines.first == "40 posts from 0 accounts (0 with ≥ 3 posts ranked); 0 with a time; 39 near-duplicate posts in 1 cluster (0 across accounts)")
}

@Test func defaultOffsetAndCustomFieldNames() throws {
    let input = """
    {"user":"x","ts":"2024-03-05 09:30","text":"first post about the harbor and the lantern"}
    {"user":"x","ts":"2024-03-05 13:30:00","text":"second post about the meadow and the violin"}

    """
    let r = AccountsRun()
    let result = try CLI.run(["accounts", "--no-scores", "--author-field", "user", "--time-field", "ts",
                              "--default-offset", "+08:00", "--min-posts", "1", "--authors", r.authors.path], stdin: Data(input.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let a = try #require(jsonLines(r.authors).first)
    #expect(a["author"] as? String == "x")
    let hours = a["hours_beijing"] as? [Int] ?? []
    #expect(hours[9] == 1 && hours[13] == 1)
    #expect(a["first"] as? String == "2024-03-05T01:30:00Z")
}

@Test(arguments: [
    (["--no-scores", "--model", "m.model"], "--no-scores cannot be combined"),
    (["--similarity", "0.1"], "--similarity must be between 0.3 and 1"),
    (["--default-offset", "eight"], "--default-offset 'eight'"),
    (["--threads", "0"], "--threads must be 1...64"),
])
func badOptionsAreUsageErrors(args: [String], message: String) throws {
    let r = try CLI.run(["accounts"] + args, stdin: Data())
    #expect(r.status == 1)
    #expect(r.stderr.contains(message), "\(r.stderr)")
}

@Test func anUnwritableOutputFailsBeforeReadingTheInput() throws {
    let r = try CLI.run(["accounts", "--no-scores", "--report", "/nonexistent-dir/report.html"], stdin: Data("{\"text\":\"x\"}\n".utf8))
    #expect(r.status == 1)
    #expect(r.stderr.contains("--report: cannot write '/nonexistent-dir/report.html'"))
    #expect(r.stdout.isEmpty)
}

@Test func accountsEndsQuietlyWhenStdoutCloses() throws {
    // 1000 ranked accounts make a table larger than a pipe buffer; `head` closes it early.
    let r = try CLI.run([], shell: """
        seq 3000 | awk '{print "{\\"author\\":\\"a" $1 % 1000 "\\",\\"created_at\\":" 1709602200 + $1 ",\\"text\\":\\"t\\"}"}' \
          | "$TELLTALE" accounts --no-scores --top 1000 | head -c 10 >/dev/null; echo "status=${PIPESTATUS[2]}"
        """)
    #expect(r.stdoutLines.last == "status=0")
    #expect(r.stderr.isEmpty)
}
