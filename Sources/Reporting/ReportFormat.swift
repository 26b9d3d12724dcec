/// Number and text formatting shared by the report renderers: fixed decimals without locale
/// surprises, metric values that may be undefined, one-line truncated excerpts, and the shortest
/// threshold a user can type that makes exactly the same decisions as an exact score.
public enum ReportFormat {
    /// `x` with exactly `digits` decimals, rounded half away from zero ("0.912", "-1.50", "12").
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<max(digits, 0) { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(x) }
        let n = Int64(scaled)
        let sign = x < 0 && n != 0 ? "-" : ""
        if digits <= 0 { return sign + String(n) }
        let s = Int64(scale)
        var fraction = String(n % s)
        while fraction.count < digits { fraction = "0" + fraction }
        return sign + String(n / s) + "." + fraction
    }

    /// The decimals of a number typed as text: "0.9689" → 4, "0.5" → 1, "1" → 0.
    public static func decimals(_ s: String) -> Int {
        guard let dot = s.firstIndex(of: "."), !s.contains("e") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }

    /// A decimal typed as text with at least `digits` decimals: ("0.83", 4) → "0.8300" (the
    /// same number, so a suggested `--threshold` keeps its meaning).
    public static func padDecimals(_ s: String, _ digits: Int) -> String {
        let have = decimals(s)
        guard have < digits, !s.contains("e") else { return s }
        return s + (have == 0 && !s.contains(".") ? "." : "") + String(repeating: "0", count: digits - have)
    }

    /// A share as a whole percentage, rounded half away from zero ("45%").
    public static func percent(_ x: Double) -> String { fixed(x * 100, 0) + "%" }

    /// Text on one line (runs of whitespace, newlines included, become one space), cut to at most
    /// `limit` characters (the last one "…") when longer. Grapheme-safe.
    public static func excerpt(_ text: String, limit: Int) -> String {
        var out = ""
        var count = 0
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            let needed = pendingSpace ? 2 : 1
            if count + needed > limit {
                // No room for this character: end with an ellipsis in place of the last one kept.
                if count >= limit, !out.isEmpty { out.removeLast() }
                while out.last == " " { out.removeLast() }
                return out + "…"
            }
            if pendingSpace { out.append(" ") }
            out.append(ch)
            count += needed
            pendingSpace = false
        }
        return out
    }

    /// The shortest decimal `t` with `above < t <= atMost` (`above` nil: no lower bound), as text.
    /// Used to suggest a `--threshold`: any value in that interval flags exactly the rows scoring at
    /// least `atMost` when the next lower score is `above`.
    public static func shortestThreshold(above lower: Double?, atMost upper: Double) -> String {
        for digits in 0...17 {
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            // The largest multiple of 10^-digits that is <= upper.
            let candidate = fixed((upper * scale).rounded(.down) / scale, digits)
            guard let value = Double(candidate), value <= upper else { continue }
            if let lower, !(value > lower) { continue }
            return candidate
        }
        return String(upper)
    }
}
