import Foundation
import Testing

/// Labelled accounts written for these tests (nothing from a real corpus): ten "ops" accounts post
/// short hashtagged slogans, often pasted between them; ten "newsroom" accounts post longer
/// headlines with a link, or replies to other handles.
enum LabelledAccountsFixture {
    static let slogans = [
        "Our great harbor city welcomes every friend #harbor #friendship",
        "Lantern festival brings the whole village together #lantern",
        "The new bridge shows how fast the valley is growing #progress",
    ]
    static let topics = ["council budget", "river flooding", "museum reopening", "rail strike", "school meals", "bicycle lanes",
                         "harbor dredging", "winter storm", "library hours", "concert season"]

    static func jsonl() -> String {
        var lines: [String] = []
        var n = 0
        func add(_ author: String, _ label: Int, _ time: String, _ text: String) {
            n += 1
            lines.append("{\"id\":\(n),\"author\":\"\(author)\",\"created_at\":\"\(time)\",\"text\":\(AccountsFixture.jsonString(text)),\"labels\":{\"state_linked\":\(label)}}")
        }
        for a in 0..<10 {
            for i in 0..<8 {
                let time = String(format: "2024-04-%02dT%02d:%02d:00Z", 1 + (i * 3 + a) % 27, (i * 5 + a * 3) % 24, (i * 11 + a) % 60)
                let text = i % 2 == 0 ? slogans[(i / 2 + a) % 3] : "Proud of our \(topics[(a + i) % 10]) #hometown\(a)"
                add("ops_\(a)", 1, time, text)
            }
        }
        for a in 0..<10 {
            for i in 0..<8 {
                let time = String(format: "2024-04-%02dT%02d:%02d:00Z", 1 + (i * 7 + a) % 27, (i * 3 + a * 5) % 24, (i * 13 + a) % 60)
                let topic = topics[(a * 3 + i) % 10]
                let text = i % 3 == 0
                    ? "@reader\(i) thanks, we have corrected the figure on the \(topic) in the piece \(a)-\(i)"
                    : "What the latest numbers on the \(topic) mean for residents, explained by our reporters \(a)-\(i) https://example.org/s/\(a)\(i)"
                add("newsroom_\(a)", 0, time, text)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Trains an account model on the fixture into `dir`; returns the run and the model path.
private func trainAccounts(_ dir: URL, _ extra: [String] = []) throws -> (CLIResult, URL) {
    let input = dir.appendingPathComponent("labelled.jsonl"), model = dir.appendingPathComponent("accounts.model")
    try Data(LabelledAccountsFixture.jsonl().utf8).write(to: input)
    let r = try CLI.run(["train-accounts", "--input", input.path, "--model", TestModel.path, "--output", model.path] + extra)
    return (r, model)
}

@Test func trainAccountsReportsAuthorCrossValidationAndWritesAReproducibleModel() throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (r, model) = try trainAccounts(dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Account model: 20 accounts (10 with state_linked=1), 160 posts"))
    let cv = try #require(r.stdoutLines.first { $0.contains("ROC-AUC") && $0.contains("precision@10") })
    let auc = try #require(Double(cv.split(separator: " ")[1]))
    #expect(auc >= 0.9, "\(cv)")
    #expect(cv.contains("precision@10 1.000"))
    #expect(r.stdout.contains("hand formula (flag + workday + duplicate) / 3 on the same accounts: ROC-AUC"))
    // The strongest features say what separates the two groups, with their sign.
    let strongest = r.stdoutLines.drop { !$0.hasPrefix("Strongest features") }.dropFirst().prefix(4).joined(separator: "\n")
    #expect(strongest.contains("+") && strongest.contains("hashtag_share"), "\(strongest)")
    let bytes = try Data(contentsOf: model)
    #expect(bytes.prefix(8) == Data("TTLACCTS".utf8))
    // Same data, same seed: same bytes.
    let again = dir.appendingPathComponent("again.model")
    let r2 = try CLI.run(["train-accounts", "--input", dir.appendingPathComponent("labelled.jsonl").path, "--model", TestModel.path, "--output", again.path])
    #expect(r2.status == 0)
    #expect(try Data(contentsOf: again) == bytes)
}

@Test func trainAccountsRefusesAnAccountWithTwoLabels() throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("bad.jsonl")
    let text = LabelledAccountsFixture.jsonl()
        + "{\"author\":\"ops_3\",\"created_at\":\"2024-04-02T10:00:00Z\",\"text\":\"hello there\",\"labels\":{\"state_linked\":0}}\n"
    try Data(text.utf8).write(to: input)
    let r = try CLI.run(["train-accounts", "--input", input.path, "--model", TestModel.path, "--output", dir.appendingPathComponent("m").path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("account 'ops_3' has state_linked=0 (line 161) and state_linked=1 (line 25)"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m").path))
}

@Test func accountsRanksByTheAccountModelAndShowsReasons() throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (t, model) = try trainAccounts(dir)
    #expect(t.status == 0, "\(t.stderr)")
    let run = AccountsRun()
    let r = try run.run(LabelledAccountsFixture.jsonl(), ["--account-model", model.path, "--top", "20"])
    #expect(r.status == 0, "\(r.stderr)")
    let authors = jsonLines(run.authors)
    #expect(authors.prefix(10).allSatisfy { ($0["author"] as? String ?? "").hasPrefix("ops_") })
    let first = try #require(authors.first)
    let reasons = try #require(first["reasons"] as? [[String: Any]])
    #expect(reasons.count == 3)
    #expect(reasons.allSatisfy { $0["feature"] is String && $0["contribution"] is Double })
    #expect((first["lead"] as? Double ?? 0) > 0.5)
    #expect(first["hand_lead"] is Double)
    // The table gives each account a "why:" line with signed log-odds.
    let why = r.stdoutLines.filter { $0.contains("why: ") }
    #expect(why.count == 20)
    #expect(why.first?.contains("% (+") == true || why.first?.contains("characters (+") == true, "\(why.first ?? "")")
    #expect(r.stdout.contains("lead = the account model's probability (\(model.path))"))
    let html = try String(contentsOf: run.report, encoding: .utf8)
    #expect(html.contains("why (largest contributions, log-odds)"))
    // --hand-lead ranks by the formula instead and shows no reasons.
    let hand = try run.run(LabelledAccountsFixture.jsonl(), ["--hand-lead"])
    #expect(hand.status == 0)
    #expect(!hand.stdout.contains("why: "))
    #expect(hand.stdout.contains("lead = (flag + work + dup) / 3 (hand formula)"))
}

@Test func aDamagedAccountModelFileIsAClearError() throws {
    let dir = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (t, model) = try trainAccounts(dir)
    #expect(t.status == 0, "\(t.stderr)")
    let bytes = try Data(contentsOf: model)
    let cut = dir.appendingPathComponent("cut.model"), flipped = dir.appendingPathComponent("flipped.model")
    try bytes.prefix(bytes.count / 2).write(to: cut)
    var f = bytes
    f[40] ^= 0x01
    try f.write(to: flipped)
    let input = Data(LabelledAccountsFixture.jsonl().utf8)
    let base = ["accounts", "--model", TestModel.path, "--account-model"]
    let r1 = try CLI.run(base + [cut.path], stdin: input)
    #expect(r1.status == 1)
    #expect(r1.stderr.contains("account model file '\(cut.path)' is truncated: expected \(bytes.count) bytes, found \(bytes.count / 2)"), "\(r1.stderr)")
    #expect(r1.stderr.contains("telltale train-accounts"))
    #expect(r1.stdout.isEmpty)
    let r2 = try CLI.run(base + [flipped.path], stdin: input)
    #expect(r2.status == 1)
    #expect(r2.stderr.contains("is corrupted (checksum mismatch)"), "\(r2.stderr)")
    let r3 = try CLI.run(base + [TestModel.path], stdin: input)
    #expect(r3.status == 1)
    #expect(r3.stderr.contains("is a post model (TTLMODEL), not an account model"), "\(r3.stderr)")
    let r4 = try CLI.run(base + [dir.appendingPathComponent("missing.model").path], stdin: input)
    #expect(r4.status == 1)
    #expect(r4.stderr.contains("does not exist"))
}

@Test func withoutScoresTheHandLeadAveragesTwoParts() throws {
    let r = AccountsRun()
    let result = try r.run(AccountsFixture.jsonl(), ["--no-scores"], model: false)
    #expect(result.status == 0, "\(result.stderr)")
    for a in jsonLines(r.authors) {
        let parts = try #require(a["lead_parts"] as? [String: Any])
        let w = try #require(parts["workday"] as? Double), d = try #require(parts["duplicate"] as? Double)
        #expect(parts["flag"] is NSNull)
        #expect(abs((a["lead"] as? Double ?? -1) - (w + d) / 2) < 1e-3, "\(a)")
    }
    #expect(result.stdout.contains("lead = (work + dup) / 2 (hand formula, texts not scored)"))
}

@Test func lunchIsShownAsARateNotANegativePercentage() throws {
    // One account: 2 posts per office hour 09–11 and 13–17, 6 at 12:00 (three times busier at lunch).
    var lines: [String] = []
    for hour in [9, 10, 11, 13, 14, 15, 16, 17] {
        for k in 0..<2 { lines.append("{\"author\":\"lunchy\",\"created_at\":\"2024-03-0\(4 + k)T\(hour < 10 ? "0" : "")\(hour):15:00+08:00\",\"text\":\"note \(hour) \(k)\"}") }
    }
    for k in 0..<6 { lines.append("{\"author\":\"lunchy\",\"created_at\":\"2024-03-0\(4 + k % 5)T12:\(10 + k):00+08:00\",\"text\":\"lunch \(k)\"}") }
    let run = AccountsRun()
    let r = try run.run(lines.joined(separator: "\n") + "\n", ["--hand-lead"])
    #expect(r.status == 0, "\(r.stderr)")
    let row = try #require(r.stdoutLines.first { $0.hasSuffix("lunchy") })
    #expect(row.contains("3.00×"), "\(row)")
    #expect(!row.contains("-200%"))
    let a = try #require(jsonLines(run.authors).first)
    #expect(a["lunch_rate"] as? Double == 3)
}
