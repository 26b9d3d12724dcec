import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A synthetic set of accounts written for these tests (nothing from a real corpus):
/// - four "desk" accounts post Monday–Friday 09:00–17:59 Beijing time, never at 12:00, pasting
///   three campaign texts (each paste disguised: upper case, full-width, Cyrillic look-alikes,
///   zero-width spaces, doubled spaces, a link or a handle) and sometimes a post the test model
///   flags (`regression`);
/// - four "evening" accounts post 19:00–23:59 New York time (UTC−4), any day, their own texts.
enum AccountsFixture {
    static let campaign = [
        "Western media keep lying about our country while ordinary people live happy and peaceful lives.",
        "The so-called report is full of fake news, the development of the people is the best answer to it.",
        "美国的民主只是一场表演，普通人根本没有发言权，这就是所谓的自由和人权。",
    ]
    static let deskAccounts = ["desk_1", "desk_2", "desk_3", "desk_4"]
    /// The last name checks HTML escaping.
    static let eveningAccounts = ["eve_1", "eve_2", "eve_3", "<b>eve&4</b>"]
    static let words = ["garden", "football", "coffee", "river", "museum", "concert", "bicycle", "winter", "kitchen", "library",
                        "camera", "island", "harbor", "lantern", "meadow", "violin", "pepper", "tunnel", "castle", "rabbit"]

    static func disguise(_ text: String, _ k: Int) -> String {
        switch k % 6 {
        case 0: return text.uppercased()
        case 1: return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value >= 0x21 && $0.value <= 0x7E ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        case 2: return text.replacingOccurrences(of: "o", with: "о").replacingOccurrences(of: "e", with: "е") // Cyrillic
        case 3: return text.replacingOccurrences(of: "ia", with: "i\u{200B}a").replacingOccurrences(of: "ve", with: "v\u{200D}e")
        case 4: return text.replacingOccurrences(of: " ", with: "  ") + " https://t.co/x\(k)"
        default: return "@someone\(k) " + text
        }
    }

    /// (author, created_at JSON value, text) rows; `pastes` counts pastes per campaign text.
    static func rows() -> (rows: [(String, String, String)], pastes: [Int]) {
        var rows: [(String, String, String)] = []
        var pastes = [0, 0, 0]
        let deskHours = [9, 10, 11, 13, 14, 15, 16, 17]
        for (a, name) in deskAccounts.enumerated() {
            for i in 0..<12 {
                // 2024-03-04 is a Monday; days 0–4 and 7–11 are weekdays.
                let day = [4, 5, 6, 7, 8, 11, 12, 13, 14, 15][(i + a) % 10]
                let hour = deskHours[(i * 3 + a) % deskHours.count]
                let time = String(format: "\"2024-03-%02dT%02d:%02d:00+08:00\"", day, hour, (i * 7 + a * 11) % 60)
                let text: String
                if i % 4 == 3 {
                    // Short (no copy-paste evidence) and flagged by the test model.
                    text = ["regression again", "pure regression", "regression today"][i / 4]
                } else {
                    let m = (i + a) % 3
                    pastes[m] += 1
                    text = disguise(campaign[m], i + a)
                }
                rows.append((name, time, text))
            }
        }
        for (a, name) in eveningAccounts.enumerated() {
            for i in 0..<12 {
                let day = 4 + (i * 5 + a) % 20
                let hour = 19 + (i + a) % 5
                let stamp = String(format: "2024-03-%02dT%02d:%02d:00-04:00", day, hour, (i * 13 + a) % 60)
                // Every third time as epoch seconds (a JSON number).
                let time = i % 3 == 2 ? String(Int(ISO8601DateFormatter().date(from: stamp)!.timeIntervalSince1970)) : "\"\(stamp)\""
                let text = (0..<12).map { words[($0 * 7 + i * 3 + a * 5 + $0 * $0 * i) % words.count] }.joined(separator: " ") + " \(a)-\(i)"
                rows.append((name, time, text))
            }
        }
        return (rows, pastes)
    }

    static func jsonl() -> String {
        rows().rows.enumerated().map { i, r in
            "{\"id\":\(i),\"author\":\(jsonString(r.0)),\"created_at\":\(r.1),\"text\":\(jsonString(r.2))}"
        }.joined(separator: "\n") + "\n"
    }

    static func jsonString(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
    }
}

func jsonLines(_ url: URL) -> [[String: Any]] {
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}

/// Runs `telltale accounts` on the fixture with output files in a temporary directory.
struct AccountsRun {
    let dir = CLI.temporaryDirectory()
    var authors: URL { dir.appendingPathComponent("authors.jsonl") }
    var clusters: URL { dir.appendingPathComponent("clusters.jsonl") }
    var report: URL { dir.appendingPathComponent("report.html") }
    var problems: URL { dir.appendingPathComponent("problems.jsonl") }

    func run(_ input: String, _ extra: [String] = [], model: Bool = true) throws -> CLIResult {
        try CLI.run(["accounts"] + (model ? ["--model", TestModel.path] : []) + [
            "--authors", authors.path, "--clusters", clusters.path, "--report", report.path, "--problems", problems.path,
        ] + extra, stdin: Data(input.utf8))
    }
}

@Test func deskAccountsPastingInBeijingOfficeHoursRankAboveUSEveningAccounts() throws {
    let r = AccountsRun()
    let result = try r.run(AccountsFixture.jsonl())
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let authors = jsonLines(r.authors)
    #expect(authors.count == 8)
    let names = authors.map { $0["author"] as? String ?? "" }
    #expect(Set(names.prefix(4)) == Set(AccountsFixture.deskAccounts))
    for a in authors {
        let parts = a["lead_parts"] as? [String: Double] ?? [:]
        let desk = AccountsFixture.deskAccounts.contains(a["author"] as? String ?? "")
        #expect(a["posts"] as? Int == 12)
        #expect(a["timed_posts"] as? Int == 12)
        if desk {
            #expect(a["office_hours_share"] as? Double == 1)
            #expect(a["lunch_dip"] as? Double == 1)
            #expect(a["weekend_posts"] as? Int == 0)
            #expect(a["clusters"] as? Int == 3)
            #expect((parts["workday"] ?? 0) > 0.4)
            #expect(abs((parts["flag"] ?? 0) - 3.0 / 12) < 1e-4)           // the three `regression` posts
            #expect(abs((parts["duplicate"] ?? 0) - 9.0 / 12) < 1e-4)      // every paste is shared
            #expect((a["hours_beijing"] as? [Int])?[12] == 0)
        } else {
            #expect(parts["workday"] == 0)
            #expect(parts["duplicate"] == 0 && a["clusters"] as? Int == 0)
            #expect(a["lunch_dip"] is NSNull)
            // 19:00–23:59 in New York is 07:00–11:59 in Beijing.
            let hours = a["hours_beijing"] as? [Int] ?? []
            #expect(hours[7..<12].reduce(0, +) == 12)
        }
        #expect((a["flag_share"] as? [String: Any])?["off_topic"] is NSNull)
    }
    // The three campaign texts: one cluster each, all four desk accounts, every paste found.
    let clusters = jsonLines(r.clusters)
    #expect(clusters.count == 3)
    let (_, pastes) = AccountsFixture.rows()
    #expect(clusters.map { $0["posts"] as? Int ?? 0 }.sorted() == pastes.sorted())
    for c in clusters {
        #expect(c["authors"] as? Int == 4)
        #expect(Set(c["author_sample"] as? [String] ?? []) == Set(AccountsFixture.deskAccounts))
        #expect((c["first"] as? String ?? "").hasSuffix("Z"))
    }
    // The stdout table lists a desk account first.
    let table = result.stdoutLines
    #expect(table.first?.hasPrefix("96 posts from 8 accounts") == true)
    let firstRow = try #require(table.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 ") })
    #expect(firstRow.contains("desk_"))
}

@Test func reportIsSelfContainedEscapedHTMLWithHourCharts() throws {
    let r = AccountsRun()
    let result = try r.run(AccountsFixture.jsonl())
    #expect(result.status == 0)
    let html = try String(contentsOf: r.report, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("&lt;b&gt;eve&amp;4&lt;/b&gt;"))
    #expect(!html.contains("<b>eve&4</b>"))
    #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"))
    // One hour chart per ranked account (8) and two overall charts.
    #expect(html.components(separatedBy: "<svg ").count - 1 == 10)
    // Well-formed XML, like the eval report (so tools can parse it).
    let parser = XMLParser(data: Data(html.utf8))
    #expect(parser.parse() && parser.parserError == nil, "report is not well-formed: \(String(describing: parser.parserError))")
    #expect(html.contains("Largest near-duplicate clusters"))
    #expect(html.contains("not a verdict"))
    #expect(html.contains("美国的民主"))
    // The eval report's base stylesheet, with its CJK fonts.
    #expect(html.contains("'Noto Sans CJK SC'") && html.contains("h2 { margin: 28px 0 10px;"))
}

@Test func outputIsTheSameWithTwoThreads() throws {
    let one = AccountsRun(), two = AccountsRun()
    #expect(try one.run(AccountsFixture.jsonl()).status == 0)
    #expect(try two.run(AccountsFixture.jsonl(), ["--threads", "2"]).status == 0)
    #expect(try Data(contentsOf: one.authors) == Data(contentsOf: two.authors))
    #expect(try Data(contentsOf: one.clusters) == Data(contentsOf: two.clusters))
    #expect(try Data(contentsOf: one.report) == Data(contentsOf: two.report))
}

@Test func withoutScoresTimesAndCopyPasteStillRankTheDeskAccounts() throws {
    let r = AccountsRun()
    let result = try r.run(AccountsFixture.jsonl(), ["--no-scores"], model: false)
    #expect(result.status == 0, "\(result.stderr)")
    let authors = jsonLines(r.authors)
    #expect(Set(authors.prefix(4).map { $0["author"] as? String ?? "" }) == Set(AccountsFixture.deskAccounts))
    #expect(authors.allSatisfy { $0["any_flag_share"] is NSNull })
    #expect(jsonLines(r.clusters).count == 3)
}
