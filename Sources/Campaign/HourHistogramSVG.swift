/// An inline SVG bar chart of posts per Beijing hour (0–23): weekday posts dark, weekend posts
/// stacked light on top, the Beijing office hours (09:00–18:00) shaded and the 12:00 lunch hour
/// outlined, so an office rhythm with a lunch dip is visible at a glance.
public enum HourHistogramSVG {
    /// `weekday` and `total` hold 24 counts each (total = weekday + weekend).
    public static func render(weekday: [Int], total: [Int], width: Int = 168, height: Int = 40, labels: Bool = false) -> String {
        precondition(weekday.count == 24 && total.count == 24)
        let axis = labels ? 12 : 0
        let plotH = Double(height - axis)
        let bw = Double(width) / 24
        let peak = max(total.max() ?? 0, 1)
        func x(_ h: Int) -> String { fmt(Double(h) * bw) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hours\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        s += "<title>\(accessibleSummary(weekday: weekday, total: total))</title>"
        s += "<rect class=\"office\" x=\"\(x(9))\" y=\"0\" width=\"\(fmt(9 * bw))\" height=\"\(fmt(plotH))\"/>"
        s += "<rect class=\"lunch\" x=\"\(x(12))\" y=\"0\" width=\"\(fmt(bw))\" height=\"\(fmt(plotH))\"/>"
        for h in 0..<24 where total[h] > 0 {
            let th = plotH * Double(total[h]) / Double(peak)
            let wh = plotH * Double(weekday[h]) / Double(peak)
            s += "<rect class=\"weekend\" x=\"\(fmt(Double(h) * bw + 0.5))\" y=\"\(fmt(plotH - th))\" width=\"\(fmt(bw - 1))\" height=\"\(fmt(th - wh))\"/>"
            s += "<rect class=\"weekday\" x=\"\(fmt(Double(h) * bw + 0.5))\" y=\"\(fmt(plotH - wh))\" width=\"\(fmt(bw - 1))\" height=\"\(fmt(wh))\"/>"
        }
        s += "<line class=\"base\" x1=\"0\" y1=\"\(fmt(plotH))\" x2=\"\(width)\" y2=\"\(fmt(plotH))\"/>"
        if labels {
            for h in stride(from: 0, through: 21, by: 3) {
                s += "<text x=\"\(fmt(Double(h) * bw + bw / 2))\" y=\"\(height - 2)\">\(h)</text>"
            }
        }
        return s + "</svg>"
    }

    /// A text version of the chart for screen readers and tooltips.
    static func accessibleSummary(weekday: [Int], total: [Int]) -> String {
        let n = total.reduce(0, +)
        guard n > 0 else { return "no posts with a time" }
        let office = weekday[9..<18].reduce(0, +)
        let peak = total.indices.max { total[$0] < total[$1] } ?? 0
        return "\(n) posts with a time; \(office) on weekdays 09:00–18:00 Beijing; busiest hour \(peak):00"
    }

    private static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
