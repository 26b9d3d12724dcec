/// A small, dependency-free SVG chart for the HTML report: a titled plot with axis titles, tick
/// labels, grid, a legend above the plot (so it never hides data) and series drawn as lines,
/// points, bars or vertical markers. All text is escaped. Colours should come from
/// `SVGChart.Palette` (Okabe–Ito, readable with colour-vision deficiencies); lines also differ by
/// dash pattern so the chart reads in grey too.
public struct SVGChart: Sendable {
    /// Okabe–Ito colours.
    public enum Palette {
        public static let blue = "#0072B2"
        public static let orange = "#E69F00"
        public static let green = "#009E73"
        public static let vermillion = "#D55E00"
        public static let purple = "#CC79A7"
        public static let sky = "#56B4E9"
        public static let grey = "#6E6E6E"
    }

    /// How a series is drawn.
    public enum Style: Sendable, Equatable {
        /// A polyline; a point with NaN `y` breaks it.
        case line
        /// Dots (radius per point from `sizes`, else 3.5).
        case points
        /// A polyline with dots on its points.
        case lineWithPoints
        /// Bars from y = 0 to y, from x to x + width (data units).
        case bars(width: Double)
        /// A vertical line across the plot at each point's x.
        case vertical
    }

    /// One thing drawn, with its legend entry (none when `name` is empty).
    public struct Series: Sendable {
        public var name: String
        public var colour: String
        public var style: Style
        public var points: [CurvePoint]
        /// SVG dash pattern ("" = solid), e.g. "6 4".
        public var dash: String
        /// Point radii for `.points`/`.lineWithPoints` (same count as `points`).
        public var sizes: [Double]?
        /// Hover text per point or bar (same count as `points`).
        public var tooltips: [String]?
        public var opacity: Double

        public init(name: String, colour: String, style: Style, points: [CurvePoint], dash: String = "",
                    sizes: [Double]? = nil, tooltips: [String]? = nil, opacity: Double = 1) {
            self.name = name
            self.colour = colour
            self.style = style
            self.points = points
            self.dash = dash
            self.sizes = sizes
            self.tooltips = tooltips
            self.opacity = opacity
        }
    }

    /// Unique within the page (used for the accessible title's id).
    public var id: String
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var xRange: ClosedRange<Double> = 0...1
    public var yRange: ClosedRange<Double> = 0...1
    public var series: [Series] = []
    /// Shown in the middle of the plot instead of data, e.g. why the curve is undefined.
    public var note: String?
    public var width = 380.0
    public var height = 300.0

    public init(id: String, title: String, xTitle: String, yTitle: String) {
        self.id = id
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
    }

    private static let font = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"

    /// The chart as an `<svg>` element (no XML declaration; meant to be inlined in HTML).
    public func render() -> String {
        let legend = legendRows()
        let left = 58.0, right = width - 16, top = 34 + Double(legend.count) * 17 + 8, bottom = height - 46
        let px = { (x: Double) in left + (x - xRange.lowerBound) / max(xRange.upperBound - xRange.lowerBound, 1e-12) * (right - left) }
        let py = { (y: Double) in bottom - (y - yRange.lowerBound) / max(yRange.upperBound - yRange.lowerBound, 1e-12) * (bottom - top) }
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \##(n(width)) \##(n(height))" width="\##(n(width))" height="\##(n(height))" role="img" aria-labelledby="\##(e(id))-title">"##
        s += ##"<title id="\##(e(id))-title">\##(e(title))</title>"##
        s += ##"<g font-family="\##(e(SVGChart.font))" font-size="11" fill="#222">"##
        s += ##"<rect x="0" y="0" width="\##(n(width))" height="\##(n(height))" fill="#ffffff"/>"##
        s += ##"<text x="\##(n(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="600">\##(e(title))</text>"##
        // Legend rows.
        for (row, entries) in legend.enumerated() {
            let y = 38 + Double(row) * 17
            for (x, series) in entries {
                s += swatch(series, x: x, y: y)
                s += ##"<text x="\##(n(x + 24))" y="\##(n(y + 4))">\##(e(series.name))</text>"##
            }
        }
        // Grid, ticks and tick labels.
        s += ##"<g stroke="#e3e3e3" stroke-width="1">"##
        let xTicks = SVGChart.ticks(xRange), yTicks = SVGChart.ticks(yRange)
        for t in xTicks { s += ##"<line x1="\##(n(px(t)))" y1="\##(n(top))" x2="\##(n(px(t)))" y2="\##(n(bottom))"/>"## }
        for t in yTicks { s += ##"<line x1="\##(n(left))" y1="\##(n(py(t)))" x2="\##(n(right))" y2="\##(n(py(t)))"/>"## }
        s += "</g>"
        let xDigits = SVGChart.tickDigits(xRange), yDigits = SVGChart.tickDigits(yRange)
        for t in xTicks {
            s += ##"<text x="\##(n(px(t)))" y="\##(n(bottom + 15))" text-anchor="middle">\##(ReportFormat.fixed(t, xDigits))</text>"##
        }
        for t in yTicks {
            s += ##"<text x="\##(n(left - 6))" y="\##(n(py(t) + 4))" text-anchor="end">\##(ReportFormat.fixed(t, yDigits))</text>"##
        }
        s += ##"<rect x="\##(n(left))" y="\##(n(top))" width="\##(n(right - left))" height="\##(n(bottom - top))" fill="none" stroke="#888"/>"##
        s += ##"<text x="\##(n((left + right) / 2))" y="\##(n(height - 10))" text-anchor="middle" font-size="12">\##(e(xTitle))</text>"##
        s += ##"<text transform="translate(14 \##(n((top + bottom) / 2))) rotate(-90)" text-anchor="middle" font-size="12">\##(e(yTitle))</text>"##
        if let note {
            s += ##"<text x="\##(n((left + right) / 2))" y="\##(n((top + bottom) / 2))" text-anchor="middle" font-size="12" fill="#555">\##(e(note))</text>"##
        }
        for series in series { s += draw(series, px: px, py: py, top: top, bottom: bottom) }
        s += "</g></svg>"
        return s
    }

    /// Legend entries laid out in rows that fit the width: (x, series) per row.
    private func legendRows() -> [[(Double, Series)]] {
        var rows: [[(Double, Series)]] = []
        var current: [(Double, Series)] = []
        var x = 58.0
        for series in series where !series.name.isEmpty {
            let w = 24 + Double(series.name.count) * 6.2 + 14
            if x + w > width - 8 && !current.isEmpty {
                rows.append(current)
                current = []
                x = 58
            }
            current.append((x, series))
            x += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private func swatch(_ series: Series, x: Double, y: Double) -> String {
        let c = e(series.colour), dash = series.dash.isEmpty ? "" : ##" stroke-dasharray="\##(e(series.dash))""##
        switch series.style {
        case .bars:
            return ##"<rect x="\##(n(x + 3))" y="\##(n(y - 5))" width="14" height="10" fill="\##(c)" fill-opacity="\##(n(series.opacity))"/>"##
        case .points:
            return ##"<circle cx="\##(n(x + 10))" cy="\##(n(y))" r="4" fill="\##(c)"/>"##
        case .lineWithPoints:
            return ##"<line x1="\##(n(x))" y1="\##(n(y))" x2="\##(n(x + 20))" y2="\##(n(y))" stroke="\##(c)" stroke-width="2.5"\##(dash)/><circle cx="\##(n(x + 10))" cy="\##(n(y))" r="3.5" fill="\##(c)"/>"##
        case .line, .vertical:
            return ##"<line x1="\##(n(x))" y1="\##(n(y))" x2="\##(n(x + 20))" y2="\##(n(y))" stroke="\##(c)" stroke-width="2.5"\##(dash)/>"##
        }
    }

    private func draw(_ series: Series, px: (Double) -> Double, py: (Double) -> Double, top: Double, bottom: Double) -> String {
        let c = e(series.colour), dash = series.dash.isEmpty ? "" : ##" stroke-dasharray="\##(e(series.dash))""##
        let clampX = { (x: Double) in min(max(x, self.xRange.lowerBound), self.xRange.upperBound) }
        let clampY = { (y: Double) in min(max(y, self.yRange.lowerBound), self.yRange.upperBound) }
        func tip(_ i: Int) -> String {
            guard let t = series.tooltips, i < t.count else { return "" }
            return "<title>\(e(t[i]))</title>"
        }
        var s = ##"<g class="series" data-name="\##(e(series.name))">"##
        switch series.style {
        case .line, .lineWithPoints, .points:
            if series.style != .points {
                var d = "", pen = false
                for p in series.points {
                    guard p.x.isFinite, p.y.isFinite else { pen = false; continue }
                    d += (pen ? "L" : "M") + n(px(clampX(p.x))) + " " + n(py(clampY(p.y)))
                    pen = true
                }
                if !d.isEmpty {
                    s += ##"<path d="\##(d)" fill="none" stroke="\##(c)" stroke-width="2.2" stroke-linejoin="round" stroke-opacity="\##(n(series.opacity))"\##(dash)/>"##
                }
            }
            if series.style != .line {
                for (i, p) in series.points.enumerated() where p.x.isFinite && p.y.isFinite {
                    let r = series.sizes.map { i < $0.count ? $0[i] : 3.5 } ?? 3.5
                    s += ##"<circle cx="\##(n(px(clampX(p.x))))" cy="\##(n(py(clampY(p.y))))" r="\##(n(r))" fill="\##(c)" fill-opacity="\##(n(series.opacity))" stroke="#fff" stroke-width="1">\##(tip(i))</circle>"##
                }
            }
        case .bars(let w):
            for (i, p) in series.points.enumerated() where p.x.isFinite && p.y.isFinite {
                let x0 = px(clampX(p.x)), x1 = px(clampX(p.x + w)), y = py(clampY(p.y)), y0 = py(clampY(0))
                s += ##"<rect x="\##(n(x0))" y="\##(n(min(y, y0)))" width="\##(n(max(x1 - x0, 0.5)))" height="\##(n(abs(y0 - y)))" fill="\##(c)" fill-opacity="\##(n(series.opacity))">\##(tip(i))</rect>"##
            }
        case .vertical:
            for (i, p) in series.points.enumerated() where p.x.isFinite && xRange.contains(p.x) {
                let x = px(p.x)
                s += ##"<line x1="\##(n(x))" y1="\##(n(top))" x2="\##(n(x))" y2="\##(n(bottom))" stroke="\##(c)" stroke-width="2"\##(dash)>\##(tip(i))</line>"##
            }
        }
        return s + "</g>"
    }

    /// 4–6 round tick values covering `range` ({1, 2, 2.5, 5} × 10^k steps).
    public static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let step = tickStep(range)
        var out: [Double] = []
        var k = (range.lowerBound / step).rounded(.up)
        while k * step <= range.upperBound + step * 1e-9 {
            out.append(k * step)
            k += 1
        }
        return out
    }

    static func tickStep(_ range: ClosedRange<Double>) -> Double {
        let span = max(range.upperBound - range.lowerBound, 1e-12)
        let raw = span / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }

    /// Decimals needed to print this range's tick values.
    static func tickDigits(_ range: ClosedRange<Double>) -> Int {
        let step = tickStep(range)
        var digits = 0, scaled = step
        while digits < 6 && abs(scaled - scaled.rounded()) > 1e-9 {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    private func n(_ x: Double) -> String { ReportFormat.fixed(x, 1) }
    private func e(_ s: String) -> String { ReportEscape.xml(s) }
}
