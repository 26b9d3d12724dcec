/// Why a `created_at` value could not be turned into an instant. The description is what the user
/// sees next to the line number.
public struct TimestampError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Parses post times into seconds since 1970-01-01T00:00:00Z (Unix time, may be fractional).
///
/// Accepted forms (a small hand-written parser, no time-zone database):
/// - ISO 8601 / RFC 3339: `2024-03-05T09:30:00+08:00`, `…Z`, `…+0800`, `…+08`, fractional seconds
///   (`09:30:00.123Z`), seconds optional (`09:30Z`), `T` or a space between date and time.
/// - Epoch seconds as a JSON number or a numeric string: `1709602200`, `"1709602200.5"`.
///   Values of 10^11 or more are taken as milliseconds (Twitter/X exports), since 10^11 seconds
///   is in the year 5138.
///
/// A time without a UTC offset is ambiguous: it is an error unless `defaultOffsetSeconds` says
/// which offset to assume (e.g. 0 for archives known to be in UTC).
public struct TimestampParser: Sendable {
    public var defaultOffsetSeconds: Int?

    public init(defaultOffsetSeconds: Int? = nil) {
        self.defaultOffsetSeconds = defaultOffsetSeconds
    }

    /// Unix time of `text`, or why it is not a time.
    public func parse(_ text: String) -> Result<Double, TimestampError> {
        let b = Array(text.utf8)
        guard !b.isEmpty else { return .failure(TimestampError("empty time")) }
        if let epoch = Self.epoch(b) { return epoch }
        return iso8601(b, text: text)
    }

    /// `text` as epoch seconds (or milliseconds), nil when it does not look like a number.
    static func epoch(_ b: [UInt8]) -> Result<Double, TimestampError>? {
        // A number: optional sign, digits, optional fraction and exponent. A date like 2024-03-05
        // starts with four digits then '-', so it is not mistaken for one.
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        var digits = 0
        while i < b.count, isDigit(b[i]) { i += 1; digits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; while i < b.count, isDigit(b[i]) { i += 1; digits += 1 } }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        guard digits > 0, i == b.count else { return nil }
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite else {
            return .failure(TimestampError("epoch time is not a finite number"))
        }
        let seconds = abs(v) >= 1e11 ? v / 1000 : v
        guard abs(seconds) < 1e11 else { return .failure(TimestampError("epoch time \(v) is out of range")) }
        return .success(seconds)
    }

    private func iso8601(_ b: [UInt8], text: String) -> Result<Double, TimestampError> {
        var s = Scanner(bytes: b)
        let hint = "expected ISO 8601 like 2024-03-05T09:30:00+08:00 or epoch seconds"
        guard let year = s.digits(4), s.eat("-"), let month = s.digits(2), s.eat("-"), let day = s.digits(2) else {
            return .failure(TimestampError("'\(clip(text))' is not a time: \(hint)"))
        }
        guard s.eat("T") || s.eat("t") || s.eat(" ") else {
            return .failure(TimestampError("'\(clip(text))' has a date but no time of day: \(hint)"))
        }
        guard let hour = s.digits(2), s.eat(":"), let minute = s.digits(2) else {
            return .failure(TimestampError("'\(clip(text))' has a malformed time of day: \(hint)"))
        }
        var second = 0
        var fraction = 0.0
        if s.eat(":") {
            guard let sec = s.digits(2) else { return .failure(TimestampError("'\(clip(text))' has malformed seconds: \(hint)")) }
            second = sec
            if s.eat(".") || s.eat(",") {
                var scale = 0.1
                var any = false
                while let d = s.digit() { fraction += Double(d) * scale; scale /= 10; any = true }
                guard any else { return .failure(TimestampError("'\(clip(text))' has an empty fraction of a second")) }
            }
        }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else {
            return .failure(TimestampError("'\(clip(text))' is not a calendar date"))
        }
        guard hour <= 23, minute <= 59, second <= 60 else {
            return .failure(TimestampError("'\(clip(text))' has an hour, minute or second out of range"))
        }
        let offset: Int
        if s.atEnd {
            guard let d = defaultOffsetSeconds else {
                return .failure(TimestampError("'\(clip(text))' has no UTC offset: add Z or +08:00, or pass --default-offset"))
            }
            offset = d
        } else if s.eat("Z") || s.eat("z") {
            offset = 0
        } else if let sign = s.sign() {
            guard let oh = s.digits(2), oh <= 23 else { return .failure(TimestampError("'\(clip(text))' has a malformed UTC offset")) }
            var om = 0
            if s.eat(":") {
                guard let m = s.digits(2) else { return .failure(TimestampError("'\(clip(text))' has a malformed UTC offset")) }
                om = m
            } else if !s.atEnd {
                guard let m = s.digits(2) else { return .failure(TimestampError("'\(clip(text))' has a malformed UTC offset")) }
                om = m
            }
            guard om <= 59 else { return .failure(TimestampError("'\(clip(text))' has a malformed UTC offset")) }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return .failure(TimestampError("'\(clip(text))' has unexpected text after the time: \(hint)"))
        }
        guard s.atEnd else { return .failure(TimestampError("'\(clip(text))' has unexpected text after the time: \(hint)")) }
        // A leap second (:60) is folded into the next second's start: the hour-of-day is what matters.
        let days = CivilDate.daysFromEpoch(year: year, month: month, day: day)
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        return .success(local - Double(offset))
    }

    private func clip(_ s: String) -> String { s.count <= 40 ? s : String(s.prefix(40)) + "…" }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { i >= bytes.count }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(c.value) else { return false }
            i += 1
            return true
        }

        mutating func digit() -> Int? {
            guard i < bytes.count, TimestampParser.isDigit(bytes[i]) else { return nil }
            defer { i += 1 }
            return Int(bytes[i] - 0x30)
        }

        mutating func digits(_ n: Int) -> Int? {
            let start = i
            var v = 0
            for _ in 0..<n {
                guard let d = digit() else { i = start; return nil }
                v = v * 10 + d
            }
            return v
        }

        mutating func sign() -> Int? {
            if eat("+") { return 1 }
            if eat("-") { return -1 }
            if i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 { i += 3; return -1 } // U+2212 minus
            return nil
        }
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's `days_from_civil` / `civil_from_days`).
public enum CivilDate {
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date.
    public static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (days since 1970-01-01).
    public static func date(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
