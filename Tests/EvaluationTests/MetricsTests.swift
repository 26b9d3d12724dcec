import Foundation
import Testing
@testable import Evaluation
import Reporting

private func data(_ scores: [Double], _ targets: [Int]) -> LabelledScores {
    LabelledScores(scores: scores, targets: targets.map { $0 == 1 })
}

private func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol
}

struct ConfusionTests {
    @Test func countsAndDerivedMetricsAtThreshold() {
        // 0.9 TP, 0.8 FP, 0.6 FP, 0.4 FN, 0.3 TN at 0.5; 0.5 itself counts as positive.
        let m = ConfusionMatrix(data([0.9, 0.8, 0.4, 0.3, 0.6, 0.5], [1, 0, 1, 0, 0, 1]), threshold: 0.5)
        #expect(m == ConfusionMatrix(truePositives: 2, falsePositives: 2, trueNegatives: 1, falseNegatives: 1))
        #expect(close(m.precision.value, 0.5))
        #expect(close(m.recall.value, 2.0 / 3))
        #expect(close(m.f1.value, 4.0 / 7)) // 2·2 / (2·2 + 2 + 1)
        #expect(close(m.accuracy.value, 0.5))
    }

    @Test func undefinedCasesCarryReasons() {
        let none = ConfusionMatrix(data([0.1, 0.2], [1, 0]), threshold: 0.5)
        #expect(none.precision.value == nil && none.precision.reason == "no predicted positives")
        #expect(none.recall.value == 0)
        #expect(none.f1.value == 0) // positives exist, none found
        let noPositives = ConfusionMatrix(data([0.9, 0.2], [0, 0]), threshold: 0.5)
        #expect(noPositives.recall.reason == "no positive examples")
        #expect(noPositives.f1.value == nil)
        #expect(ConfusionMatrix(data([], []), threshold: 0.5).accuracy.reason == "no examples")
    }
}

struct RankingTests {
    @Test(arguments: [
        ([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75),          // scikit-learn's doc example
        ([0.5, 0.5, 0.5, 0.9], [1, 0, 0, 1], 0.75),          // 0.9 beats both (2), tied 0.5 counts ½ per negative (1): 3/4
        ([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0], 0.5),           // all tied
        ([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0.0),           // perfectly wrong
        ([0.2, 0.7, 0.7, 0.1, 0.7], [0, 1, 0, 0, 1], 5.0 / 6), // pos 0.7,0.7 vs neg 0.2,0.7,0.1: each 1+½+1 → 5/6
    ])
    func rocAUC(scores: [Double], targets: [Int], expected: Double) {
        #expect(close(RankingMetrics.rocAUC(data(scores, targets)).value, expected))
    }

    @Test(arguments: [
        ([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.5 * 1 + 0.5 * 2.0 / 3), // 0.8333...
        ([0.5, 0.5, 0.9], [1, 0, 0], 1.0 / 3),                         // tie block enters together: R 0→1 at P 1/3
        ([0.9, 0.8, 0.7], [1, 1, 0], 1.0),
        ([0.7, 0.7, 0.7, 0.7], [1, 0, 0, 0], 0.25),                   // all tied = positive rate
    ])
    func averagePrecision(scores: [Double], targets: [Int], expected: Double) {
        #expect(close(RankingMetrics.averagePrecision(data(scores, targets)).value, expected))
    }

    @Test func degenerateRankingCases() {
        #expect(RankingMetrics.rocAUC(data([], [])) == .undefined("no examples"))
        #expect(RankingMetrics.rocAUC(data([0.2, 0.9], [1, 1])) == .undefined("no negative examples"))
        #expect(RankingMetrics.rocAUC(data([0.2, 0.9], [0, 0])) == .undefined("no positive examples"))
        #expect(RankingMetrics.averagePrecision(data([0.2, 0.9], [0, 0])) == .undefined("no positive examples"))
        #expect(RankingMetrics.averagePrecision(data([0.2, 0.9], [1, 1])).value == 1)
        #expect(RankingMetrics.averagePrecision(data([], [])) == .undefined("no examples"))
    }
}

struct CalibrationMetricTests {
    @Test func logLossByHand() {
        #expect(close(CalibrationMetrics.logLoss(data([0.9, 0.2], [1, 0])).value, -(log(0.9) + log(0.8)) / 2))
        // A certain mistake is clipped at 1e-15, not infinite.
        #expect(close(CalibrationMetrics.logLoss(data([1.0, 0.0], [0, 1])).value, -log(1e-15), 1e-6))
        #expect(CalibrationMetrics.logLoss(data([], [])).value == nil)
    }

    @Test func expectedCalibrationErrorByHand() {
        // bin 0: {0.05, neg} → |0.05 − 0| · 1/4; bin 1: {0.15, pos} → |0.15 − 1| · 1/4;
        // bin 9: {0.95 pos, 1.0 neg} → |0.975 − 0.5| · 2/4.
        let d = data([0.05, 0.15, 0.95, 1.0], [0, 1, 1, 0])
        #expect(close(CalibrationMetrics.expectedCalibrationError(d).value, 0.05 / 4 + 0.85 / 4 + 0.475 / 2))
        let bins = CalibrationMetrics.reliability(d)
        #expect(bins.map(\.count) == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2])
        #expect(close(bins[9].positiveRate, 0.5))
        #expect(CalibrationMetrics.expectedCalibrationError(data([0.3, 0.3], [0, 1])).value.map { abs($0 - 0.2) < 1e-12 } == true)
        #expect(CalibrationMetrics.expectedCalibrationError(data([], [])).reason == "no examples")
    }
}

struct ThresholdTests {
    let d = data([0.1, 0.3, 0.35, 0.6, 0.8, 0.9], [0, 1, 0, 1, 0, 1])

    @Test func sweepMatchesConfusionAtEachThreshold() {
        let grid = [0.0, 0.3, 0.5, 0.85, 1.0]
        let points = ThresholdMetrics.sweep(d, thresholds: grid)
        #expect(points.map(\.threshold) == grid)
        for p in points { #expect(p.confusion == ConfusionMatrix(d, threshold: p.threshold)) }
        #expect(points.map(\.confusion.predictedPositives) == [6, 5, 3, 1, 0])
        #expect(close(points[2].precision.value, 2.0 / 3))
        #expect(points[4].precision.value == nil)
    }

    @Test func lowestThresholdReachingPrecision() {
        // Distinct thresholds ascending: 0.1 (3/6), 0.3 (3/5), 0.35 (2/4), 0.6 (2/3), 0.8 (1/2), 0.9 (1/1).
        #expect(ThresholdMetrics.lowestThreshold(d, reachingPrecision: 0.6)?.threshold == 0.3)
        #expect(ThresholdMetrics.lowestThreshold(d, reachingPrecision: 0.65)?.threshold == 0.6)
        #expect(ThresholdMetrics.lowestThreshold(d, reachingPrecision: 1.0)?.threshold == 0.9)
        #expect(ThresholdMetrics.lowestThreshold(data([0.4, 0.5], [0, 0]), reachingPrecision: 0.5) == nil)
    }

    @Test func bestF1Threshold() {
        // F1: 0.1 → 6/9, 0.3 → 6/8, 0.35 → 4/7, 0.6 → 4/6, 0.8 → 2/5, 0.9 → 2/4; best 0.3.
        let best = ThresholdMetrics.bestF1(d)
        #expect(best?.threshold == 0.3)
        #expect(close(best?.f1.value, 0.75))
        #expect(ThresholdMetrics.bestF1(data([0.2], [0])) == nil)
    }
}

struct EvaluationReportTests {
    @Test func perLabelMacroAndPerSource() {
        // Two labels over 5 rows; label b unknown on rows 0 and 1, unscored on row 4.
        let report = Evaluator.evaluate(
            labels: ["a", "b"],
            probabilities: [[0.9, 0.2, 0.7, 0.1, 0.6], [nil, nil, 0.8, 0.3, nil]],
            targets: [[1, 0, 1, 0, 0], [-1, -1, 1, 0, 1]],
            sources: ["s1", "s1", "s2", nil, "s2"],
            thresholds: [0.5, 0.5])
        let a = report.labels[0], b = report.labels[1]
        #expect(a.support == 5 && a.positives == 2 && a.negatives == 3)
        #expect(a.confusion == ConfusionMatrix(truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 0))
        #expect(a.rocAUC.value == 1)
        #expect(b.support == 2 && b.unscored == 1)
        #expect(b.f1.value == 1)
        #expect(close(report.macro.f1.value, (0.8 + 1) / 2))
        #expect(a.sweep.count == 101)
        #expect(a.thresholdsForPrecision.map(\.point?.threshold) == [0.7, 0.7])
        #expect(report.bySource.map(\.source) == ["(none)", "s1", "s2"])
        let s1 = report.bySource[1]
        #expect(s1.labels.map(\.label) == ["a"]) // b is unknown on every s1 row
        #expect(s1.labels[0].rocAUC.value == 1)
        #expect(s1.labels[0].sweep.isEmpty)
        let s2 = report.bySource[2]
        #expect(s2.labels[0].rocAUC.value == 1)
        #expect(s2.labels[1].support == 1 && s2.labels[1].unscored == 1)
        #expect(s2.labels[1].rocAUC == .undefined("no negative examples"))
        #expect(a.summary["roc_auc"] == 1 && a.summary["support"] == 5)
    }

    @Test func allOneClassAndEmptyAreReportedNotNaN() throws {
        let report = Evaluator.evaluate(labels: ["a", "b"], probabilities: [[0.9, 0.8], [nil, nil]],
                                        targets: [[1, 1], [-1, -1]], sources: [nil, nil], thresholds: [0.5, 0.5])
        let a = report.labels[0], b = report.labels[1]
        #expect(a.rocAUC == .undefined("no negative examples"))
        #expect(a.prAUC.value == 1)
        #expect(b.support == 0)
        #expect(b.rocAUC == .undefined("no examples"))
        #expect(b.f1 == .undefined("no positive examples"))
        #expect(b.summary.keys.sorted() == ["positives", "support", "threshold"])
        #expect(report.macro.rocAUC == .undefined("undefined for every label"))
        #expect(report.macro.f1.value == 1)
        // JSON-encodable without NaN anywhere.
        let json = try JSONEncoder().encode(report)
        #expect(!String(decoding: json, as: UTF8.self).contains("nan"))
    }
}

struct MetricFormatTests {
    @Test func metricsPrintNAWhenUndefined() {
        #expect(ReportFormat.metric(MetricValue(0.91234)) == "0.912")
        #expect(ReportFormat.metric(.undefined("no examples")) == "n/a")
    }
}
