import Reporting

/// The compact text summary `telltale accounts` prints to stdout: totals, the ranked accounts and
/// the largest clusters (the HTML page is `CampaignHTML`, the JSON lines `CampaignJSON`).
public enum AccountsTable {
    public static func render(_ r: CampaignResult) -> String {
        let accounts = r.authors.filter { !$0.isUnknown }.count
        var lines: [String] = []
        lines.append("\(r.posts) posts from \(accounts) accounts (\(r.rankedAuthors.count) with ≥ \(r.settings.minPosts) posts ranked); "
            + "\(r.timedPosts) with a time; \(r.duplicatePosts) near-duplicate posts in \(r.clusters.count) cluster\(r.clusters.count == 1 ? "" : "s") (\(r.crossAccountClusters) across accounts)")
        let ranked = r.rankedAuthors.prefix(r.settings.top)
        if !ranked.isEmpty {
            lines.append("")
            lines.append(row(["#", "lead", "flag", "work", "dup", "posts", "office", "lunch", "clusters"]) + "  account")
            for (i, a) in ranked.enumerated() {
                lines.append(row([
                    "\(i + 1)", f2(a.rankScore), a.lead.flag.map(f2) ?? "-", f2(a.lead.workday), f2(a.lead.duplicate),
                    "\(a.posts)", pct(a.rhythm.officeShare), times(a.rhythm.lunchRate), "\(a.clusters)",
                ]) + "  " + oneLine(a.name, 40))
                if let learned = a.learned, !learned.reasons.isEmpty {
                    lines.append(String(repeating: " ", count: 13) + "why: " + learned.reasons.map(reason).joined(separator: " · "))
                }
            }
        }
        let clusters = r.clusters.prefix(min(r.settings.top, 10))
        if !clusters.isEmpty {
            lines.append("")
            lines.append(row(["", "posts", "accounts"]) + "  " + pad("first (Beijing)", 17) + "  text")
            for c in clusters {
                lines.append(row(["", "\(c.posts)", "\(c.distinctAuthors)"]) + "  " + pad(c.firstTime.map(TimeFormat.beijing) ?? "-", 17) + "  " + oneLine(c.sample ?? "", 60))
            }
        }
        lines.append("")
        lines.append(r.leadDescription + ". flag, work, dup: the hand formula's parts (flag share, Beijing workday rhythm, cross-account copy-paste); "
            + "lunch: posts at 12:00 per average office hour (0.00× silent, 1.00× as busy). A lead to check, not a verdict.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            let w = i == 0 ? 4 : 7
            return c.count >= w ? c : String(repeating: " ", count: w - c.count) + c
        }.joined(separator: " ")
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    private static func f2(_ x: Double) -> String { ReportFormat.fixed(x, 2) }

    /// One reason: `hashtag_share 45% (+1.20)`.
    static func reason(_ x: AccountReason) -> String {
        AccountFeatures.describe(x.feature, x.value) + " (\(x.contribution < 0 ? "−" : "+")\(ReportFormat.fixed(abs(x.contribution), 2)))"
    }

    /// A rate as `0.25×`, or `-`.
    static func times(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        return f2(x) + "×"
    }

    private static func pct(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        return ReportFormat.percent(x)
    }

    /// `s` on one line (control characters become spaces), cut to `limit` characters.
    static func oneLine(_ s: String, _ limit: Int) -> String {
        let flat = String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
