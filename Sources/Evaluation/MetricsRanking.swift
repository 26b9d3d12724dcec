/// Threshold-free ranking metrics.
public enum RankingMetrics {
    /// ROC-AUC by the rank-sum (Mann–Whitney) formula with average ranks for tied scores, i.e. the
    /// probability that a random positive scores above a random negative, ties counting one half.
    public static func rocAUC(_ data: LabelledScores) -> MetricValue {
        if data.count == 0 { return .undefined("no examples") }
        let pos = data.positives, neg = data.negatives
        if pos == 0 { return .undefined("no positive examples") }
        if neg == 0 { return .undefined("no negative examples") }
        let order = data.scores.indices.sorted { data.scores[$0] < data.scores[$1] }
        var rankSumPositives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && data.scores[order[j + 1]] == data.scores[order[i]] { j += 1 }
            let averageRank = Double(i + j + 2) / 2 // ranks are 1-based
            for k in i...j where data.targets[order[k]] { rankSumPositives += averageRank }
            i = j + 1
        }
        let p = Double(pos), n = Double(neg)
        return MetricValue((rankSumPositives - p * (p + 1) / 2) / (p * n))
    }

    /// Area under the precision–recall curve as average precision:
    /// Σ (Rₖ − Rₖ₋₁) · Pₖ over the distinct score thresholds, highest first (tied scores enter
    /// together, as in scikit-learn's `average_precision_score`).
    public static func averagePrecision(_ data: LabelledScores) -> MetricValue {
        if data.count == 0 { return .undefined("no examples") }
        let pos = data.positives
        if pos == 0 { return .undefined("no positive examples") }
        let order = data.scores.indices.sorted { data.scores[$0] > data.scores[$1] }
        var tp = 0, fp = 0
        var ap = 0.0, previousRecall = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j < order.count && data.scores[order[j]] == data.scores[order[i]] {
                if data.targets[order[j]] { tp += 1 } else { fp += 1 }
                j += 1
            }
            let recall = Double(tp) / Double(pos)
            let precision = Double(tp) / Double(tp + fp)
            ap += (recall - previousRecall) * precision
            previousRecall = recall
            i = j
        }
        return MetricValue(ap)
    }
}
