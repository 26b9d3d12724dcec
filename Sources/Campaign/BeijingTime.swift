/// An instant seen on a wall clock in Beijing (China Standard Time, UTC+8 all year: China has had
/// no daylight saving time since 1991, so a fixed offset is exact for any post of this era).
public struct BeijingTime: Equatable, Sendable {
    /// UTC+8 in seconds.
    public static let offsetSeconds = 8 * 3600

    /// Hour of day, 0...23.
    public var hour: Int
    /// Minute of the hour, 0...59.
    public var minute: Int
    /// Day of the week, 0 = Monday ... 6 = Sunday.
    public var weekday: Int
    /// Days since 1970-01-01 on the Beijing calendar.
    public var day: Int

    /// The Beijing wall clock at Unix time `epochSeconds`.
    public init(epochSeconds: Double) {
        let local = Int((epochSeconds + Double(Self.offsetSeconds)).rounded(.down))
        let (d, r) = Self.floorDivMod(local, 86_400)
        day = d
        hour = r / 3600
        minute = r % 3600 / 60
        weekday = Self.floorDivMod(d + 3, 7).1 // 1970-01-01 was a Thursday (index 3)
    }

    public var isWeekday: Bool { weekday < 5 }

    /// Monday to Friday, 09:00–17:59 (the 12:00–12:59 lunch hour included: the dip is measured
    /// separately, see `AuthorStats`).
    public var isOfficeHours: Bool { isWeekday && hour >= 9 && hour < 18 }

    /// Monday to Friday, 12:00–12:59.
    public var isLunchHour: Bool { isWeekday && hour == 12 }

    static func floorDivMod(_ a: Int, _ b: Int) -> (Int, Int) {
        var q = a / b, r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }
}

/// Formats Unix times for output.
public enum TimeFormat {
    /// `2024-03-05T01:30:00Z` (whole seconds, UTC).
    public static func utc(_ epochSeconds: Double) -> String {
        format(epochSeconds, offsetSeconds: 0, suffix: "Z")
    }

    /// `2024-03-05 09:30` on the Beijing clock (for the HTML report).
    public static func beijing(_ epochSeconds: Double) -> String {
        let s = format(epochSeconds, offsetSeconds: BeijingTime.offsetSeconds, suffix: "")
        return String(s.prefix(16)).replacingT()
    }

    private static func format(_ epochSeconds: Double, offsetSeconds: Int, suffix: String) -> String {
        let t = Int((epochSeconds + Double(offsetSeconds)).rounded(.down))
        let (days, r) = BeijingTime.floorDivMod(t, 86_400)
        let (y, m, d) = CivilDate.date(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(r / 3600, 2)):\(pad(r % 3600 / 60, 2)):\(pad(r % 60, 2))\(suffix)"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

private extension String {
    func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
