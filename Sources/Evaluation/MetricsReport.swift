/// What `evaluate` computes besides the basics.
public struct EvaluationOptions: Sendable, Equatable {
    /// Thresholds of the precision/recall/F1 sweep per label (empty: no sweep).
    public var sweepThresholds: [Double] = ThresholdMetrics.defaultGrid
    /// For each target precision, the lowest threshold reaching it.
    public var targetPrecisions: [Double] = [0.9, 0.95]
    /// Bins of the expected calibration error / reliability diagram.
    public var calibrationBins = 10
    /// Whether to add a per-`source` breakdown (without sweeps).
    public var bySource = true

    public init(sweepThresholds: [Double] = ThresholdMetrics.defaultGrid, targetPrecisions: [Double] = [0.9, 0.95],
                calibrationBins: Int = 10, bySource: Bool = true) {
        self.sweepThresholds = sweepThresholds
        self.targetPrecisions = targetPrecisions
        self.calibrationBins = calibrationBins
        self.bySource = bySource
    }
}

/// Every metric of one label on the rows where it is known (and was scored).
public struct LabelEvaluation: Codable, Sendable, Equatable {
    public var label: String
    /// Rows with a known label and a score.
    public var support: Int
    public var positives: Int
    public var negatives: Int
    /// Rows with a known label but no score (e.g. a reply label on a post without parent).
    public var unscored: Int
    /// Threshold behind `confusion`, `precision`, `recall`, `f1`.
    public var threshold: Double
    public var confusion: ConfusionMatrix
    public var precision: MetricValue
    public var recall: MetricValue
    public var f1: MetricValue
    public var accuracy: MetricValue
    public var rocAUC: MetricValue
    /// Average precision.
    public var prAUC: MetricValue
    public var logLoss: MetricValue
    public var expectedCalibrationError: MetricValue
    public var reliability: [ReliabilityBin]
    public var sweep: [ThresholdPoint]
    /// Target precision → lowest threshold reaching it (absent when none does).
    public var thresholdsForPrecision: [TargetPrecisionThreshold]

    /// Plain numbers for a model header (`ModelHeader.metrics`): undefined metrics are left out.
    public var summary: [String: Double] {
        var m: [String: Double] = ["support": Double(support), "positives": Double(positives), "threshold": threshold]
        let named: [(String, MetricValue)] = [("precision", precision), ("recall", recall), ("f1", f1), ("accuracy", accuracy),
                                             ("roc_auc", rocAUC), ("pr_auc", prAUC), ("log_loss", logLoss), ("ece", expectedCalibrationError)]
        for (k, v) in named { if let x = v.value { m[k] = x } }
        return m
    }
}

/// The lowest threshold at which precision reaches a target (with its counts).
public struct TargetPrecisionThreshold: Codable, Sendable, Equatable {
    public var targetPrecision: Double
    /// nil when no threshold reaches the target.
    public var point: ThresholdPoint?
}

/// Unweighted means over labels of the metrics defined for them.
public struct MacroAverages: Codable, Sendable, Equatable {
    public var precision: MetricValue
    public var recall: MetricValue
    public var f1: MetricValue
    public var rocAUC: MetricValue
    public var prAUC: MetricValue
    public var logLoss: MetricValue
    public var expectedCalibrationError: MetricValue
}

/// Metrics of every label on the rows of one `source`.
public struct SourceEvaluation: Codable, Sendable, Equatable {
    /// The source tag; "(none)" for rows without one.
    public var source: String
    public var labels: [LabelEvaluation]
}

/// An evaluation: per label, macro averages and a per-source breakdown.
public struct EvaluationReport: Codable, Sendable, Equatable {
    public var labels: [LabelEvaluation]
    public var macro: MacroAverages
    public var bySource: [SourceEvaluation]
}

/// Computes evaluation reports (used by training for dev metrics and by `telltale eval`).
public enum Evaluator {
    /// Tag used for rows without a source.
    public static let noSource = "(none)"

    /// Metrics of one label. `unscored` is only reported.
    public static func evaluate(label: String, _ data: LabelledScores, threshold: Double, unscored: Int = 0,
                                options: EvaluationOptions = EvaluationOptions()) -> LabelEvaluation {
        let m = ConfusionMatrix(data, threshold: threshold)
        return LabelEvaluation(
            label: label, support: data.count, positives: data.positives, negatives: data.negatives, unscored: unscored,
            threshold: threshold, confusion: m, precision: m.precision, recall: m.recall, f1: m.f1, accuracy: m.accuracy,
            rocAUC: RankingMetrics.rocAUC(data), prAUC: RankingMetrics.averagePrecision(data),
            logLoss: CalibrationMetrics.logLoss(data),
            expectedCalibrationError: CalibrationMetrics.expectedCalibrationError(data, bins: options.calibrationBins),
            reliability: CalibrationMetrics.reliability(data, bins: options.calibrationBins),
            sweep: options.sweepThresholds.isEmpty ? [] : ThresholdMetrics.sweep(data, thresholds: options.sweepThresholds),
            thresholdsForPrecision: options.targetPrecisions.map {
                TargetPrecisionThreshold(targetPrecision: $0, point: ThresholdMetrics.lowestThreshold(data, reachingPrecision: $0))
            })
    }

    /// Evaluates every label. Arrays are label-major: `probabilities[l][row]` (nil = not scored)
    /// and `targets[l][row]` (-1 unknown, 0, 1); `sources[row]`; `thresholds[l]`.
    public static func evaluate(labels: [String], probabilities: [[Double?]], targets: [[Int8]], sources: [String?],
                                thresholds: [Double], options: EvaluationOptions = EvaluationOptions()) -> EvaluationReport {
        let rows = sources.count
        func labelEvaluations(rowFilter: (Int) -> Bool, options: EvaluationOptions) -> [LabelEvaluation] {
            labels.indices.map { l in
                var scores: [Double] = [], truth: [Bool] = []
                var unscored = 0
                for r in 0..<rows where targets[l][r] >= 0 && rowFilter(r) {
                    if let p = probabilities[l][r] {
                        scores.append(p)
                        truth.append(targets[l][r] == 1)
                    } else {
                        unscored += 1
                    }
                }
                return evaluate(label: labels[l], LabelledScores(scores: scores, targets: truth), threshold: thresholds[l],
                                unscored: unscored, options: options)
            }
        }
        let perLabel = labelEvaluations(rowFilter: { _ in true }, options: options)
        var bySource: [SourceEvaluation] = []
        if options.bySource {
            let tags = Set(sources.map { $0 ?? noSource }).sorted()
            var light = options
            light.sweepThresholds = []
            for tag in tags {
                let evals = labelEvaluations(rowFilter: { (sources[$0] ?? noSource) == tag }, options: light)
                    .filter { $0.support + $0.unscored > 0 }
                if !evals.isEmpty { bySource.append(SourceEvaluation(source: tag, labels: evals)) }
            }
        }
        return EvaluationReport(labels: perLabel, macro: macroAverages(perLabel), bySource: bySource)
    }

    /// Means over the labels where each metric is defined.
    public static func macroAverages(_ evals: [LabelEvaluation]) -> MacroAverages {
        func mean(_ pick: (LabelEvaluation) -> MetricValue) -> MetricValue {
            let values = evals.compactMap { pick($0).value }
            if evals.isEmpty { return .undefined("no labels") }
            if values.isEmpty { return .undefined("undefined for every label") }
            return MetricValue(values.reduce(0, +) / Double(values.count))
        }
        return MacroAverages(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), rocAUC: mean(\.rocAUC),
                             prAUC: mean(\.prAUC), logLoss: mean(\.logLoss),
                             expectedCalibrationError: mean(\.expectedCalibrationError))
    }
}
