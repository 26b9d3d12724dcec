/// Counts of a binary decision at one threshold (positive when score >= threshold), with the
/// derived precision, recall and F1 (undefined, with a reason, when their denominator is 0).
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Counts `data` at `threshold` (score >= threshold is predicted positive).
    public init(_ data: LabelledScores, threshold: Double) {
        for (s, t) in zip(data.scores, data.targets) {
            switch (s >= threshold, t) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, false): trueNegatives += 1
            case (false, true): falseNegatives += 1
            }
        }
    }

    public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }
    public var positives: Int { truePositives + falseNegatives }
    public var predictedPositives: Int { truePositives + falsePositives }

    public var precision: MetricValue {
        predictedPositives == 0 ? .undefined("no predicted positives") : MetricValue(Double(truePositives) / Double(predictedPositives))
    }

    public var recall: MetricValue {
        positives == 0 ? .undefined("no positive examples") : MetricValue(Double(truePositives) / Double(positives))
    }

    /// Harmonic mean of precision and recall: 2·TP / (2·TP + FP + FN). 0 when there are
    /// positives but none is found (even with no predicted positives); undefined without positives.
    public var f1: MetricValue {
        positives == 0 ? .undefined("no positive examples")
            : MetricValue(Double(2 * truePositives) / Double(2 * truePositives + falsePositives + falseNegatives))
    }

    public var accuracy: MetricValue {
        total == 0 ? .undefined("no examples") : MetricValue(Double(truePositives + trueNegatives) / Double(total))
    }
}
