#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Metrics of probability quality.
public enum CalibrationMetrics {
    /// The probability given to the true class is clipped to at least ε before taking its log, so
    /// a certain mistake costs −ln ε ≈ 34.5 nats instead of infinity.
    public static let logLossEpsilon = 1e-15

    /// Mean negative log-likelihood (natural log) of the targets under the probabilities.
    public static func logLoss(_ data: LabelledScores) -> MetricValue {
        if data.count == 0 { return .undefined("no examples") }
        var sum = 0.0
        for (p, t) in zip(data.scores, data.targets) {
            sum -= log(max(t ? p : 1 - p, logLossEpsilon))
        }
        return MetricValue(sum / Double(data.count))
    }

    /// Expected calibration error over `bins` equal-width probability bins:
    /// Σ_b (n_b / N) · |mean probability_b − positive rate_b|. Bin b holds p in [b/B, (b+1)/B)
    /// (the last bin includes 1).
    public static func expectedCalibrationError(_ data: LabelledScores, bins: Int = 10) -> MetricValue {
        if data.count == 0 { return .undefined("no examples") }
        let table = reliability(data, bins: bins)
        var ece = 0.0
        for b in table where b.count > 0 {
            ece += Double(b.count) / Double(data.count) * abs(b.meanProbability - b.positiveRate)
        }
        return MetricValue(ece)
    }

    /// The reliability diagram behind ECE: per equal-width bin, its range, count, mean predicted
    /// probability and observed positive rate (0 for empty bins).
    public static func reliability(_ data: LabelledScores, bins: Int = 10) -> [ReliabilityBin] {
        let b = max(bins, 1)
        var count = [Int](repeating: 0, count: b)
        var sumP = [Double](repeating: 0, count: b)
        var pos = [Int](repeating: 0, count: b)
        for (p, t) in zip(data.scores, data.targets) {
            let k = min(max(Int((p * Double(b)).rounded(.down)), 0), b - 1)
            count[k] += 1
            sumP[k] += p
            if t { pos[k] += 1 }
        }
        return (0..<b).map { k in
            ReliabilityBin(lower: Double(k) / Double(b), upper: Double(k + 1) / Double(b), count: count[k],
                           meanProbability: count[k] > 0 ? sumP[k] / Double(count[k]) : 0,
                           positiveRate: count[k] > 0 ? Double(pos[k]) / Double(count[k]) : 0)
        }
    }
}

/// One bin of a reliability diagram.
public struct ReliabilityBin: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var meanProbability: Double
    public var positiveRate: Double
}
