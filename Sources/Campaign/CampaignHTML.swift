/// The `--report` page of `telltale accounts`: one self-contained HTML file (inline CSS and SVG,
/// no scripts, no external requests) with the ranked accounts and their Beijing hour histograms,
/// the largest near-duplicate clusters and how to read both. Every input-derived string is
/// HTML-escaped.
public enum CampaignHTML {
    public static func render(_ r: CampaignResult) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>Telltale accounts — \(escape(r.settings.input))</title>\n<style>\(css)</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>Telltale — accounts and copy-paste</h1>\n"
        h += "<p class=\"sub\">input <code>\(escape(r.settings.input))</code> · "
        h += r.settings.model.map { "model <code>\(escape($0))</code>" } ?? "texts not scored (<code>--no-scores</code>)"
        h += " · times on the Beijing clock (UTC+8)</p>\n"
        h += summaryCards(r)
        h += "<section class=\"note\"><h2>How to read this</h2><p>\(escape(LeadScore.explanation))</p>"
        h += "<p>Hour charts: posts per Beijing hour, 0–23; dark = Monday–Friday, light = weekend; the shaded band is 09:00–18:00 and the outlined column the 12:00 lunch hour.</p></section>\n"
        h += accountsTable(r)
        h += overallHours(r)
        h += clustersTable(r)
        h += notes(r)
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    private static func summaryCards(_ r: CampaignResult) -> String {
        let accounts = r.authors.filter { !$0.isUnknown }.count
        let cards: [(String, String)] = [
            ("posts", "\(r.posts)"),
            ("accounts", "\(accounts)"),
            ("ranked (≥ \(r.settings.minPosts) posts)", "\(r.rankedAuthors.count)"),
            ("posts with a time", percent(r.posts > 0 ? Double(r.timedPosts) / Double(r.posts) : nil)),
            ("near-duplicate posts", "\(r.duplicatePosts)"),
            ("clusters across accounts", "\(r.crossAccountClusters)"),
        ]
        return "<section class=\"cards\">" + cards.map { "<div class=\"card\"><div class=\"v\">\(escape($0.1))</div><div class=\"k\">\(escape($0.0))</div></div>" }.joined() + "</section>\n"
    }

    private static func accountsTable(_ r: CampaignResult) -> String {
        let ranked = r.rankedAuthors.prefix(r.settings.top)
        var h = "<section><h2>Accounts, highest lead first</h2>\n"
        guard !ranked.isEmpty else {
            return h + "<p class=\"empty\">No account has \(r.settings.minPosts) or more posts with an author field.</p></section>\n"
        }
        h += "<table class=\"accounts\"><thead><tr><th>#</th><th class=\"l\">account</th><th>posts</th><th>lead</th><th>flag</th><th>workday</th><th>dup</th>"
        h += "<th>office hours</th><th>lunch dip</th><th>weekend</th><th>clusters</th><th class=\"l\">Beijing hours</th></tr></thead>\n<tbody>\n"
        for (i, a) in ranked.enumerated() {
            let flagTitle = zip(r.labels, a.flagShare).map { "\($0): \(percent($1))" }.joined(separator: ", ")
            let weekend = a.rhythm.timedPosts > 0 ? Double(a.rhythm.weekendPosts) / Double(a.rhythm.timedPosts) : nil
            h += "<tr><td>\(i + 1)</td><td class=\"l name\">\(escape(a.name))</td><td>\(a.posts)</td>"
            h += "<td class=\"lead\"><span class=\"bar\" style=\"width:\(Int((a.lead.value * 100).rounded()))%\"></span><b>\(fixed(a.lead.value))</b></td>"
            h += "<td title=\"\(escape(flagTitle))\">\(fixed(r.labels.isEmpty ? nil : a.lead.flag))</td><td>\(fixed(a.lead.workday))</td><td>\(fixed(a.lead.duplicate))</td>"
            h += "<td>\(percent(a.rhythm.officeShare))</td><td>\(percent(a.rhythm.lunchDip))</td><td>\(percent(weekend))</td><td>\(a.clusters)</td>"
            h += "<td class=\"l\">\(HourHistogramSVG.render(weekday: a.weekdayHours, total: a.hours))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        if r.rankedAuthors.count > ranked.count {
            h += "<p class=\"more\">\(r.rankedAuthors.count - ranked.count) more ranked accounts in <code>--authors</code> output.</p>\n"
        }
        return h + "</section>\n"
    }

    private static func overallHours(_ r: CampaignResult) -> String {
        var weekday = [Int](repeating: 0, count: 24), total = weekday
        for a in r.authors {
            for k in 0..<24 { weekday[k] += a.weekdayHours[k]; total[k] += a.hours[k] }
        }
        guard total.reduce(0, +) > 0 else { return "" }
        var h = "<section><h2>All posts by Beijing hour</h2>"
        h += "<div class=\"wide\">" + HourHistogramSVG.render(weekday: weekday, total: total, width: 480, height: 120, labels: true)
        h += "<div class=\"caption\">all posts</div></div>"
        let top = r.rankedAuthors.prefix(r.settings.top)
        if !top.isEmpty {
            var tw = [Int](repeating: 0, count: 24), tt = tw
            for a in top { for k in 0..<24 { tw[k] += a.weekdayHours[k]; tt[k] += a.hours[k] } }
            h += "<div class=\"wide\">" + HourHistogramSVG.render(weekday: tw, total: tt, width: 480, height: 120, labels: true)
            h += "<div class=\"caption\">the \(top.count) accounts above</div></div>"
        }
        return h + "</section>\n"
    }

    private static func clustersTable(_ r: CampaignResult) -> String {
        let shown = r.clusters.prefix(r.settings.top)
        var h = "<section><h2>Largest near-duplicate clusters</h2>\n"
        guard !shown.isEmpty else { return h + "<p class=\"empty\">No text was posted twice (at similarity ≥ \(fixed(r.settings.similarity))).</p></section>\n" }
        h += "<table class=\"clusters\"><thead><tr><th>posts</th><th>accounts</th><th>flagged</th><th class=\"l\">first → last (Beijing)</th><th class=\"l\">example text</th><th class=\"l\">accounts (sample)</th></tr></thead>\n<tbody>\n"
        for c in shown {
            let ids = c.authorIDs.isEmpty ? [c.founder] : c.authorIDs
            let names = ids.prefix(8).map { escape(r.authorName($0)) }.joined(separator: ", ")
                + (ids.count > 8 || c.authorsTruncated ? ", …" : "")
            let span = [c.firstTime, c.lastTime].map { $0.map(TimeFormat.beijing) ?? "?" }
            h += "<tr><td>\(c.posts)</td><td>\(c.distinctAuthors)\(c.authorsEstimated ? "≈" : "")</td><td>\(percent(Double(c.flaggedPosts) / Double(c.posts)))</td>"
            h += "<td class=\"l nowrap\">\(c.firstTime == nil ? "no times" : "\(span[0]) → \(span[1])")</td>"
            h += "<td class=\"l text\">\(escape(c.sample ?? ""))</td><td class=\"l names\">\(names)</td></tr>\n"
        }
        h += "</tbody></table>\n"
        if r.clusters.count > shown.count { h += "<p class=\"more\">\(r.clusters.count - shown.count) more clusters in <code>--clusters</code> output.</p>\n" }
        return h + "</section>\n"
    }

    private static func notes(_ r: CampaignResult) -> String {
        var items: [String] = []
        if let u = r.authors.first(where: \.isUnknown) {
            items.append("\(u.posts) posts had no author field; they are counted together as “(unknown)” and not ranked.")
        }
        if r.timedPosts < r.posts { items.append("\(r.posts - r.timedPosts) posts had no readable time; they count for flags and copy-paste but not for hours.") }
        if r.signedPosts < r.posts { items.append("\(r.posts - r.signedPosts) posts were too short to compare for copy-paste (fewer than 16 letters and digits, 10 for Chinese).") }
        items.append("Near-duplicates: MinHash (64 hashes) over 8-character (Chinese: 5-character) windows of the normalised text without spaces, punctuation, links or @handles, so full-width letters, look-alike letters, zero-width characters, case and spacing do not hide a copy; LSH 16 bands × 4 rows; a post joins the most similar cluster representative with estimated Jaccard similarity ≥ \(fixed(r.settings.similarity)).")
        if r.forgottenSingles > 0 || r.retiredClusters > 0 {
            items.append("Memory bound (--max-clusters \(r.settings.maxClusters)) reached: \(r.forgottenSingles) older single posts were forgotten and \(r.retiredClusters) clusters were closed early; a copy of a forgotten text starts a new cluster.")
        }
        return "<section class=\"note\"><h2>Notes</h2><ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>\n"
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func fixed(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let r = (x * 100).rounded() / 100
        let s = String(r == 0 ? 0 : r)
        let parts = s.split(separator: ".")
        return parts.count == 2 && parts[1].count == 1 ? s + "0" : (parts.count == 1 ? s + ".00" : s)
    }

    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return "\(Int((x * 100).rounded()))%"
    }

    static let css = """
    body{margin:0;background:#f6f7f9;color:#1d2430;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif}
    main{max-width:1180px;margin:0 auto;padding:24px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 10px}
    .sub{color:#5b6472;margin:0 0 16px}code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#eceff3;padding:1px 4px;border-radius:3px}
    section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:16px;margin:0 0 16px}
    .cards{display:flex;gap:12px;flex-wrap:wrap;background:none;border:0;padding:0}
    .card{flex:1;min-width:130px;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:10px 14px}
    .card .v{font-size:20px;font-weight:600}.card .k{color:#5b6472;font-size:12px}
    .note p,.note li{color:#39414d;margin:4px 0}
    table{border-collapse:collapse;width:100%}th,td{padding:5px 8px;text-align:right;border-bottom:1px solid #edf0f3;vertical-align:middle}
    th{font-size:12px;color:#5b6472;font-weight:600;white-space:nowrap}.l{text-align:left}.nowrap{white-space:nowrap}
    tbody tr:nth-child(even){background:#fafbfc}
    td.name{font-weight:600;max-width:220px;overflow-wrap:anywhere}td.text{max-width:420px;overflow-wrap:anywhere}td.names{color:#5b6472;font-size:12px;max-width:220px}
    td.lead{position:relative;min-width:60px}td.lead .bar{position:absolute;left:0;top:6px;bottom:6px;background:#fde2d6;border-radius:2px;z-index:0}td.lead b{position:relative}
    svg.hours .office{fill:#eef3fb}svg.hours .lunch{fill:#fff;stroke:#c5d3ea;stroke-width:1}
    svg.hours .weekday{fill:#c0392b}svg.hours .weekend{fill:#e8a89f}svg.hours .base{stroke:#9aa3ae;stroke-width:1}
    svg.hours text{font-size:9px;fill:#5b6472;text-anchor:middle}
    .wide{display:inline-block;margin-right:24px}.caption{color:#5b6472;font-size:12px;text-align:center}
    .more,.empty{color:#5b6472;font-size:12px}
    """
}
