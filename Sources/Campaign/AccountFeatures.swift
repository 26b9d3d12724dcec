#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Reporting

/// The named numbers an account is described by for the account model: posting clock (Beijing and
/// UTC, six-hour blocks), weekend share, bursts, surface habits (links, mentions, replies,
/// hashtags, retweets, script mix, length), copy-paste within and across accounts, and per label
/// of the post model the mean score and flag share. Every value is computed from the account's
/// bounded summary (`AuthorSummary`); a part that is missing (no times, label not scored) is 0.
///
/// Left out on purpose: the number of posts, the time span and the calendar year, which on the
/// training release say how the accounts were collected, not how they behave.
public enum AccountFeatures {
    /// Features that do not depend on the post model.
    public static let baseNames = [
        "office_hours_share",
        "beijing_00_06", "beijing_06_12", "beijing_12_18", "beijing_18_24",
        "utc_00_06", "utc_06_12", "utc_12_18", "utc_18_24",
        "weekend_share", "burst_share",
        "link_share", "mention_share", "reply_share", "hashtag_share", "retweet_share",
        "han_share", "latin_letter_share", "mean_log_length",
        "repeat_share", "duplicate_share",
    ]

    /// All feature names for a post model with `labels` (none with `--no-scores`).
    public static func names(labels: [String]) -> [String] {
        baseNames + (labels.isEmpty ? [] : ["any_flag_share"] + labels.flatMap { ["mean_score:\($0)", "flag_share:\($0)"] })
    }

    /// The values of `names(labels:)` for one account.
    public static func values(_ a: AuthorSummary, labels: [String]) -> [Double] {
        let timed = Double(a.rhythm.timedPosts)
        func beijing(_ from: Int) -> Double {
            timed > 0 ? Double((from..<from + 6).reduce(0) { $0 + a.hours[$1] }) / timed : 0
        }
        func utc(_ from: Int) -> Double {
            timed > 0 ? Double((from..<from + 6).reduce(0) { $0 + a.hours[($1 + 8) % 24] }) / timed : 0
        }
        let h = a.habits
        var v: [Double] = [
            a.rhythm.officeShare ?? 0,
            beijing(0), beijing(6), beijing(12), beijing(18),
            utc(0), utc(6), utc(12), utc(18),
            timed > 0 ? Double(a.rhythm.weekendPosts) / timed : 0, h.burstShare,
            h.linkShare, h.mentionShare, h.replyShare, h.hashtagShare, h.retweetShare,
            h.hanShare, h.latinLetterShare, h.meanLogLength,
            h.repeatShare, a.lead.duplicate,
        ]
        if !labels.isEmpty {
            v.append(a.anyFlagShare ?? 0)
            for k in labels.indices {
                v.append(k < a.meanScore.count ? a.meanScore[k] ?? 0 : 0)
                v.append(k < a.flagShare.count ? a.flagShare[k] ?? 0 : 0)
            }
        }
        return v
    }

    /// `name = value` as an analyst reads it: shares in percent, length in characters.
    public static func describe(_ name: String, _ value: Double) -> String {
        if name == "mean_log_length" { return "typical length \(Int((exp(value) - 1).rounded())) characters" }
        if name.hasPrefix("mean_score:") { return "\(name) \(ReportFormat.fixed(value, 2))" }
        return "\(name) \(ReportFormat.percent(value))"
    }
}
