/// Precision, recall and F1 across thresholds, and threshold choice.
public enum ThresholdMetrics {
    /// The default sweep grid: 0.00, 0.01, ..., 1.00.
    public static let defaultGrid: [Double] = (0...100).map { Double($0) / 100 }

    /// One point per threshold (ascending as given): counts and precision/recall/F1 when
    /// predicting positive for score >= threshold.
    public static func sweep(_ data: LabelledScores, thresholds: [Double] = defaultGrid) -> [ThresholdPoint] {
        // Sort once, then count with a moving pointer per threshold (thresholds may be unsorted).
        let sorted = zip(data.scores, data.targets).sorted { $0.0 < $1.0 }
        var suffixPositives = [Int](repeating: 0, count: sorted.count + 1)
        for i in stride(from: sorted.count - 1, through: 0, by: -1) {
            suffixPositives[i] = suffixPositives[i + 1] + (sorted[i].1 ? 1 : 0)
        }
        let totalPositives = suffixPositives[0]
        return thresholds.map { t in
            // first index with score >= t
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid].0 >= t { hi = mid } else { lo = mid + 1 }
            }
            let predicted = sorted.count - lo
            let tp = suffixPositives[lo]
            let m = ConfusionMatrix(truePositives: tp, falsePositives: predicted - tp,
                                    trueNegatives: lo - (totalPositives - tp), falseNegatives: totalPositives - tp)
            return ThresholdPoint(threshold: t, confusion: m)
        }
    }

    /// Every distinct score as a threshold (ascending): the exact precision–recall trade-offs.
    public static func distinctThresholds(_ data: LabelledScores) -> [Double] {
        var out: [Double] = []
        for v in data.scores.sorted() where out.last != v { out.append(v) }
        return out
    }

    /// The lowest threshold (over the distinct scores) whose precision reaches `target`, i.e. the
    /// highest recall at that precision; nil when no threshold reaches it.
    public static func lowestThreshold(_ data: LabelledScores, reachingPrecision target: Double) -> ThresholdPoint? {
        sweep(data, thresholds: distinctThresholds(data)).first { ($0.precision.value ?? -1) >= target }
    }

    /// The threshold (over the distinct scores) with the highest F1, the lowest one on ties; nil
    /// when F1 is undefined everywhere (no positives).
    public static func bestF1(_ data: LabelledScores) -> ThresholdPoint? {
        var best: ThresholdPoint? = nil
        for p in sweep(data, thresholds: distinctThresholds(data)) {
            guard let f = p.f1.value else { continue }
            if f > (best?.f1.value ?? -1) { best = p }
        }
        return best
    }
}

/// Counts and derived metrics at one threshold.
public struct ThresholdPoint: Codable, Sendable, Equatable {
    public let threshold: Double
    public let confusion: ConfusionMatrix
    public let precision: MetricValue
    public let recall: MetricValue
    public let f1: MetricValue

    public init(threshold: Double, confusion: ConfusionMatrix) {
        self.threshold = threshold
        self.confusion = confusion
        precision = confusion.precision
        recall = confusion.recall
        f1 = confusion.f1
    }
}
