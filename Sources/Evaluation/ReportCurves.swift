import Reporting

/// Counts of positive and negative rows per equal-width score bin (bin b holds scores in
/// [b/B, (b+1)/B), the last bin includes 1).
public struct ScoreHistogram: Codable, Sendable, Equatable {
    public var bins: Int
    public var positives: [Int]
    public var negatives: [Int]

    public var positiveTotal: Int { positives.reduce(0, +) }
    public var negativeTotal: Int { negatives.reduce(0, +) }
}

/// The curves behind the report charts, computed from a label's per-row scores: ROC (false vs
/// true positive rate) and precision–recall, one point per distinct score (tied scores enter
/// together, as in `RankingMetrics`), plus score histograms per class and curve thinning for SVG.
public enum ReportCurves {
    /// ROC points from (0, 0) to (1, 1), thresholds descending. Empty when there are no positives
    /// or no negatives (the curve is undefined). The trapezoid area under these points equals
    /// `RankingMetrics.rocAUC`.
    public static func roc(_ data: LabelledScores) -> [CurvePoint] {
        let pos = data.positives, neg = data.negatives
        guard pos > 0, neg > 0 else { return [] }
        var points = [CurvePoint(x: 0, y: 0, threshold: nil)]
        forEachDistinctScoreDescending(data) { threshold, tp, fp in
            points.append(CurvePoint(x: Double(fp) / Double(neg), y: Double(tp) / Double(pos), threshold: threshold))
        }
        return points
    }

    /// Precision–recall points (x = recall, y = precision), thresholds descending, one per distinct
    /// score. Empty when there are no positives. Average precision is
    /// Σ (Rₖ − Rₖ₋₁)·Pₖ over these points (`RankingMetrics.averagePrecision`).
    public static func precisionRecall(_ data: LabelledScores) -> [CurvePoint] {
        let pos = data.positives
        guard pos > 0 else { return [] }
        var points: [CurvePoint] = []
        forEachDistinctScoreDescending(data) { threshold, tp, fp in
            points.append(CurvePoint(x: Double(tp) / Double(pos), y: Double(tp) / Double(tp + fp), threshold: threshold))
        }
        return points
    }

    /// Calls `body(threshold, truePositives, falsePositives)` for each distinct score, highest
    /// first, with the counts of rows scoring at least that threshold.
    static func forEachDistinctScoreDescending(_ data: LabelledScores, _ body: (Double, Int, Int) -> Void) {
        let order = data.scores.indices.sorted { data.scores[$0] > data.scores[$1] }
        var tp = 0, fp = 0, i = 0
        while i < order.count {
            let s = data.scores[order[i]]
            while i < order.count && data.scores[order[i]] == s {
                if data.targets[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            body(s, tp, fp)
        }
    }

    /// At most about `maxPoints` points of `points` for drawing: keeps the first and last point
    /// and every point at least a step (in x + y) away from the last kept one, then, if still too
    /// many, every k-th. The shape of a curve over [0, 1]² is kept to within ~1/maxPoints.
    public static func thin(_ points: [CurvePoint], maxPoints: Int = 200) -> [CurvePoint] {
        guard points.count > maxPoints, maxPoints >= 2 else { return points }
        let step = 2.0 / Double(maxPoints)
        var kept = [points[0]]
        for p in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if abs(p.x - last.x) + abs(p.y - last.y) >= step { kept.append(p) }
        }
        kept.append(points[points.count - 1])
        if kept.count > maxPoints {
            let stride = (kept.count + maxPoints - 3) / (maxPoints - 2)
            var sparse = [kept[0]]
            var i = stride
            while i < kept.count - 1 {
                sparse.append(kept[i])
                i += stride
            }
            sparse.append(kept[kept.count - 1])
            kept = sparse
        }
        return kept
    }

    /// Trapezoid area under points sorted by x (for checks and for the ROC curve).
    public static func area(_ points: [CurvePoint]) -> Double {
        var a = 0.0
        for i in points.indices.dropFirst() {
            a += (points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y) / 2
        }
        return a
    }

    /// Histogram of the scores of each class over `bins` equal-width bins of [0, 1].
    public static func histogram(_ data: LabelledScores, bins: Int = 20) -> ScoreHistogram {
        let b = max(bins, 1)
        var positives = [Int](repeating: 0, count: b), negatives = positives
        for (s, t) in zip(data.scores, data.targets) {
            let k = s.isNaN ? 0 : min(max(Int((s * Double(b)).rounded(.down)), 0), b - 1)
            if t { positives[k] += 1 } else { negatives[k] += 1 }
        }
        return ScoreHistogram(bins: b, positives: positives, negatives: negatives)
    }
}
