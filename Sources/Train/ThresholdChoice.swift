import Evaluation

/// How each label's default flag threshold (on the calibrated probability) is chosen.
public enum ThresholdChoice: Sendable, Equatable, Codable {
    /// The same fixed probability for every label (0.5 by default).
    case fixed(Double)
    /// The threshold maximising F1 on the held-out rows (falls back to 0.5 when F1 is undefined there).
    case maxF1

    /// Picks the threshold for held-out calibrated probabilities. For `.maxF1` the cut is placed
    /// halfway between the best-F1 score and the next lower distinct score, so tiny numeric
    /// differences in scoring cannot move a held-out row across it.
    public func threshold(probabilities: [Double], targets: [Bool]) -> Double {
        switch self {
        case .fixed(let t):
            return t
        case .maxF1:
            let data = LabelledScores(scores: probabilities, targets: targets)
            guard let best = ThresholdMetrics.bestF1(data) else { return 0.5 }
            let lower = probabilities.filter { $0 < best.threshold }.max()
            return lower.map { ($0 + best.threshold) / 2 } ?? best.threshold
        }
    }
}
