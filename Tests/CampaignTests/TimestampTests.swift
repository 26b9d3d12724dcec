import Testing
@testable import Campaign

/// 2024-03-05 09:30 in Beijing = 2024-03-05T01:30:00Z (checked with Python's datetime).
private let tuesdayMorning = 1_709_602_200.0

@Test(arguments: [
    ("2024-03-05T09:30:00+08:00", tuesdayMorning),
    ("2024-03-05T01:30:00Z", tuesdayMorning),
    ("2024-03-05t01:30:00z", tuesdayMorning),
    ("2024-03-05T01:30:00.250Z", tuesdayMorning + 0.25),
    ("2024-03-05T01:30:00,5Z", tuesdayMorning + 0.5),
    ("2024-03-04T20:30:00-0500", tuesdayMorning),
    ("2024-03-04T20:30:00\u{2212}05:00", tuesdayMorning),
    ("2024-03-05 09:30+08", tuesdayMorning),
    ("2024-03-05T09:30:00+0800", tuesdayMorning),
    ("2024-03-05T07:00:00+05:30", tuesdayMorning),
    ("1709602200", tuesdayMorning),
    ("1709602200.5", tuesdayMorning + 0.5),
    ("1709602200000", tuesdayMorning),
    ("1.7096022e9", tuesdayMorning),
    ("2024-02-29T00:00:00Z", 1_709_164_800),
    ("1969-12-31T23:59:59Z", -1),
    ("2016-12-31T23:59:60Z", 1_483_228_800),
])
func parsesISO8601AndEpochTimes(text: String, expected: Double) throws {
    let got = try TimestampParser().parse(text).get()
    #expect(abs(got - expected) < 1e-6, "\(text) → \(got)")
}

@Test(arguments: [
    ("", "empty time"),
    ("yesterday", "is not a time"),
    ("2024-03-05", "no time of day"),
    ("2024-03-05T9:30Z", "malformed time of day"),
    ("2023-02-29T00:00:00Z", "not a calendar date"),
    ("2024-13-01T00:00:00Z", "not a calendar date"),
    ("2024-03-05T25:00:00Z", "out of range"),
    ("2024-03-05T09:61:00Z", "out of range"),
    ("2024-03-05T09:30:00", "no UTC offset"),
    ("2024-03-05T09:30:00+08:00 extra", "unexpected text"),
    ("2024-03-05T09:30:00+8", "malformed UTC offset"),
    ("2024-03-05T09:30:00+08:75", "malformed UTC offset"),
    ("2024-03-05T09:30:00.Z", "empty fraction"),
    ("1e400", "not a finite number"),
    ("1e20", "out of range"),
])
func rejectsWhatIsNotATime(text: String, message: String) {
    switch TimestampParser().parse(text) {
    case .success(let v): Issue.record("\(text) parsed as \(v)")
    case .failure(let e): #expect(e.description.contains(message), "\(text): \(e)")
    }
}

@Test func aDefaultOffsetAppliesOnlyToTimesWithoutOne() throws {
    let utc = TimestampParser(defaultOffsetSeconds: 0)
    #expect(try utc.parse("2024-03-05T01:30:00").get() == tuesdayMorning)
    #expect(try utc.parse("2024-03-05T09:30:00+08:00").get() == tuesdayMorning)
    let beijing = TimestampParser(defaultOffsetSeconds: 8 * 3600)
    #expect(try beijing.parse("2024-03-05 09:30").get() == tuesdayMorning)
}

@Test func civilDatesRoundTripAcrossCenturies() {
    for days in stride(from: -800_000, through: 800_000, by: 997) {
        let (y, m, d) = CivilDate.date(fromDays: days)
        #expect(CivilDate.daysFromEpoch(year: y, month: m, day: d) == days)
        #expect(d >= 1 && d <= CivilDate.daysInMonth(year: y, month: m))
    }
    #expect(CivilDate.daysFromEpoch(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilDate.daysFromEpoch(year: 2000, month: 3, day: 1) == 11_017)
}

@Test(arguments: [
    // (unix time, hour, minute, weekday 0=Mon, office hours, lunch hour)
    (tuesdayMorning, 9, 30, 1, true, false),          // Tue 09:30 Beijing
    (1_709_553_600, 20, 0, 0, false, false),          // 2024-03-04T12:00Z = Mon 20:00 Beijing
    (1_709_953_200, 11, 0, 5, false, false),          // 2024-03-09T03:00Z = Sat 11:00 Beijing
    (1_709_654_400, 0, 0, 2, false, false),           // 2024-03-05T16:00Z = Wed 00:00 Beijing
    (tuesdayMorning + 2.5 * 3600, 12, 0, 1, true, true), // Tue 12:00
    (tuesdayMorning + 8.5 * 3600 - 1, 17, 59, 1, true, false), // Tue 17:59:59
    (tuesdayMorning + 8.5 * 3600, 18, 0, 1, false, false),     // Tue 18:00
    (-1, 7, 59, 3, false, false),                     // 1970-01-01 07:59:59 Beijing, a Thursday
])
func beijingClock(time: Double, hour: Int, minute: Int, weekday: Int, office: Bool, lunch: Bool) {
    let c = BeijingTime(epochSeconds: time)
    #expect(c.hour == hour)
    #expect(c.minute == minute)
    #expect(c.weekday == weekday)
    #expect(c.isOfficeHours == office)
    #expect(c.isLunchHour == lunch)
}

@Test func formatsTimesInUTCAndOnTheBeijingClock() throws {
    #expect(TimeFormat.utc(tuesdayMorning) == "2024-03-05T01:30:00Z")
    #expect(TimeFormat.utc(tuesdayMorning + 0.9) == "2024-03-05T01:30:00Z")
    #expect(TimeFormat.utc(-1) == "1969-12-31T23:59:59Z")
    #expect(TimeFormat.beijing(tuesdayMorning) == "2024-03-05 09:30")
    #expect(try TimestampParser().parse(TimeFormat.utc(1_234_567_890)).get() == 1_234_567_890)
}
