/// How much an account's posting times look like a Beijing office job, from its Beijing-clock
/// hour histograms (weekday and weekend):
///
/// - `officeShare`: posts Monday–Friday 09:00–17:59 over all timed posts (a uniform 24/7 poster
///   scores 45/168 ≈ 0.27);
/// - `lunchDip`: 1 − (posts 12:00–12:59) / (mean posts per other office hour, 09–12 and 13–18),
///   weekdays only: 1 = nobody posts at lunch, 0 = lunch like any working hour, negative = busier
///   at lunch; nil unless there are posts both in the morning and in the afternoon (a "dip"
///   between a morning and an empty afternoon says nothing);
/// - `balance`: min/max of the per-hour rates of the morning (09–12) and afternoon (13–18):
///   near 0 when all office-hour posts fall in one half — this is what separates a US-evening
///   poster (20:00–24:00 New York = 08:00–12:00 Beijing next morning) from an office day;
/// - `score` = officeShare × balance × (1 + max(0, min(1, lunchDip))) / 2, in 0...1.
public struct WorkdayRhythm: Equatable, Sendable {
    public var timedPosts: Int
    public var weekdayPosts: Int
    public var weekendPosts: Int
    public var officeShare: Double?
    public var lunchDip: Double?
    /// Weekday posts in the 12:00 hour over the mean posts of another office hour (09–12,
    /// 13–18) = 1 − `lunchDip`: 0 = silent at lunch, 1 = lunch like any working hour, 3 = three
    /// times busier at lunch. nil when `lunchDip` is nil. What tables and reports show.
    public var lunchRate: Double? { lunchDip.map { max(0, 1 - $0) } }
    public var balance: Double?
    public var score: Double

    /// Office hours per week (Mon–Fri 09:00–18:00): the share a round-the-clock poster reaches.
    public static let uniformOfficeShare = 45.0 / 168.0

    /// `weekday` and `weekend`: 24 post counts each, by Beijing hour.
    public init(weekday: some Collection<UInt32>, weekend: some Collection<UInt32>) {
        let wd = weekday.map(Double.init), we = weekend.map(Double.init)
        precondition(wd.count == 24 && we.count == 24)
        weekdayPosts = Int(wd.reduce(0, +))
        weekendPosts = Int(we.reduce(0, +))
        timedPosts = weekdayPosts + weekendPosts
        let morning = wd[9..<12].reduce(0, +), lunch = wd[12], afternoon = wd[13..<18].reduce(0, +)
        let office = morning + lunch + afternoon
        guard timedPosts > 0 else {
            officeShare = nil; lunchDip = nil; balance = nil; score = 0
            return
        }
        let share = office / Double(timedPosts)
        officeShare = share
        let otherRate = (morning + afternoon) / 8
        lunchDip = morning > 0 && afternoon > 0 ? 1 - lunch / otherRate : nil
        let mr = morning / 3, ar = afternoon / 5
        let b = max(mr, ar) > 0 ? min(mr, ar) / max(mr, ar) : 0
        balance = office > 0 ? b : nil
        let dip = max(0, min(1, lunchDip ?? 0))
        score = share * b * (1 + dip) / 2
    }
}
