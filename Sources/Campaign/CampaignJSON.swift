import TelltaleIO

/// JSON lines for the `--authors` and `--clusters` outputs of `telltale accounts`. Shares and
/// scores are rounded to 4 decimals; `lead` is the ranking score (the account model's probability
/// with `reasons`, else the hand formula, also given as `hand_lead`); times are UTC (`…Z`); hour histograms are on the Beijing
/// clock (index = hour 0–23, UTC+8).
public enum CampaignJSON {
    /// One author line.
    public static func author(_ a: AuthorSummary, labels: [String], into b: inout [UInt8]) {
        b.append(contentsOf: "{\"author\":".utf8)
        if a.isUnknown { b.append(contentsOf: "null".utf8) } else { JSONWriter.appendString(a.name, to: &b) }
        raw(",\"posts\":\(a.posts)", &b)
        raw(",\"lead\":", &b); number(a.rankScore, &b)
        if let learned = a.learned {
            raw(",\"reasons\":[", &b)
            for (i, x) in learned.reasons.enumerated() {
                raw(i > 0 ? ",{\"feature\":" : "{\"feature\":", &b)
                JSONWriter.appendString(x.feature, to: &b)
                raw(",\"value\":", &b); number(x.value, &b)
                raw(",\"contribution\":", &b); number(x.contribution, &b)
                raw("}", &b)
            }
            raw("]", &b)
        }
        raw(",\"hand_lead\":", &b); number(a.lead.value, &b)
        raw(",\"lead_parts\":{\"flag\":", &b); number(a.lead.flag, &b)
        raw(",\"workday\":", &b); number(a.lead.workday, &b)
        raw(",\"duplicate\":", &b); number(a.lead.duplicate, &b)
        raw("},\"any_flag_share\":", &b); number(a.anyFlagShare, &b)
        raw(",\"flag_share\":", &b); labelMap(labels, a.flagShare, &b)
        raw(",\"mean_score\":", &b); labelMap(labels, a.meanScore, &b)
        let r = a.rhythm
        raw(",\"timed_posts\":\(r.timedPosts),\"weekday_posts\":\(r.weekdayPosts),\"weekend_posts\":\(r.weekendPosts)", &b)
        raw(",\"office_hours_share\":", &b); number(r.officeShare, &b)
        raw(",\"lunch_dip\":", &b); number(r.lunchDip, &b)
        raw(",\"lunch_rate\":", &b); number(r.lunchRate, &b)
        raw(",\"half_day_balance\":", &b); number(r.balance, &b)
        raw(",\"hours_beijing\":[\(a.hours.map(String.init).joined(separator: ","))]", &b)
        raw(",\"weekday_hours_beijing\":[\(a.weekdayHours.map(String.init).joined(separator: ","))]", &b)
        raw(",\"clusters\":\(a.clusters),\"copies\":\(a.copies),\"shared_posts\":\(a.sharedPosts),\"repeats\":\(a.repeats)", &b)
        let h = a.habits
        for (key, v) in [("link_share", h.linkShare), ("mention_share", h.mentionShare), ("reply_share", h.replyShare),
                         ("hashtag_share", h.hashtagShare), ("retweet_share", h.retweetShare), ("han_share", h.hanShare),
                         ("latin_letter_share", h.latinLetterShare), ("mean_log_length", h.meanLogLength), ("burst_share", h.burstShare)] {
            raw(",\"\(key)\":", &b); number(v, &b)
        }
        raw(",\"first\":", &b); time(a.firstTime, &b)
        raw(",\"last\":", &b); time(a.lastTime, &b)
        raw("}\n", &b)
    }

    /// One cluster line; `name` gives an author id's name (nil for the unknown author).
    public static func cluster(_ c: DuplicateCluster, name: (Int32) -> String?, into b: inout [UInt8]) {
        raw("{\"cluster\":\(c.id),\"posts\":\(c.posts),\"authors\":\(c.distinctAuthors),\"authors_truncated\":\(c.authorsTruncated)", &b)
        if c.authorsEstimated { raw(",\"authors_estimated\":true", &b) }
        raw(",\"author_sample\":[", &b)
        let ids = c.authorIDs.isEmpty ? [c.founder] : c.authorIDs
        for (i, id) in ids.enumerated() {
            if i > 0 { b.append(UInt8(ascii: ",")) }
            if let n = name(id) { JSONWriter.appendString(n, to: &b) } else { raw("null", &b) }
        }
        raw("],\"first\":", &b); time(c.firstTime, &b)
        raw(",\"last\":", &b); time(c.lastTime, &b)
        raw(",\"flagged_posts\":\(c.flaggedPosts),\"text\":", &b)
        if let s = c.sample { JSONWriter.appendString(s, to: &b) } else { raw("null", &b) }
        raw("}\n", &b)
    }

    /// `x` rounded to 4 decimals (shortest form), or null.
    public static func number(_ x: Double?, _ b: inout [UInt8]) {
        guard let x, x.isFinite else { raw("null", &b); return }
        raw(rounded(x), &b)
    }

    /// `x` rounded to 4 decimals as text ("0.8123", "1", "-0.5").
    public static func rounded(_ x: Double) -> String {
        let r = (x * 10_000).rounded() / 10_000
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        return String(r == 0 ? 0 : r)
    }

    private static func labelMap(_ labels: [String], _ values: [Double?], _ b: inout [UInt8]) {
        b.append(UInt8(ascii: "{"))
        for (k, l) in labels.enumerated() {
            if k > 0 { b.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(l, to: &b)
            b.append(UInt8(ascii: ":"))
            number(k < values.count ? values[k] : nil, &b)
        }
        b.append(UInt8(ascii: "}"))
    }

    private static func time(_ t: Double?, _ b: inout [UInt8]) {
        if let t { JSONWriter.appendString(TimeFormat.utc(t), to: &b) } else { raw("null", &b) }
    }

    @inline(__always) private static func raw(_ s: String, _ b: inout [UInt8]) { b.append(contentsOf: s.utf8) }
}
