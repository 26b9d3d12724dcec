import Testing
@testable import Evaluation
import Corpus

/// Rows for a two-label model: `a` (any post) and `reply` (scored only with a parent).
private struct Row {
    var id: String
    var labels: [String: Int]
    var p: [Double?]
    var source: String?
    var parent: String? = nil
}

private func collect(_ rows: [Row], topErrors: Int = 2, thresholds: [Double] = [0.5, 0.5],
                     reasonCalls: UnsafeMutablePointer<Int>? = nil) -> EvaluationCollector {
    let c = EvaluationCollector(labels: ["a", "reply"], thresholds: thresholds, topErrors: topErrors, excerptLimit: 12)
    for r in rows {
        c.add(CorpusRecord(id: r.id, text: "text of \(r.id) which is long", parent: r.parent, labels: r.labels, source: r.source),
              probabilities: r.p) { lane in
            reasonCalls?.pointee += 1
            return ["reason for \(r.id) lane \(lane)"]
        }
    }
    return c
}

private let rows: [Row] = [
    Row(id: "r1", labels: ["a": 1], p: [0.9, nil], source: "news"),
    Row(id: "r2", labels: ["a": 0], p: [0.8, nil], source: "news"),          // FP 0.8
    Row(id: "r3", labels: ["a": 1], p: [0.3, nil], source: "tweets"),        // FN 0.3
    Row(id: "r4", labels: ["a": 0], p: [0.2, nil], source: "tweets"),
    Row(id: "r5", labels: ["a": 0], p: [0.95, nil], source: nil),            // FP 0.95
    Row(id: "r6", labels: ["a": 0, "other": 1], p: [0.8, nil], source: "tweets"), // FP 0.8 (tie with r2: r2 stays first)
    Row(id: "r7", labels: ["a": 1, "reply": 1], p: [0.1, nil], source: "news"),   // FN 0.1; reply unscored (no parent)
    Row(id: "r8", labels: ["reply": 0], p: [0.6, 0.7], source: "news", parent: "the parent post"), // a unknown; reply FP 0.7
]

struct ReportCollectorTests {
    @Test func countsSupportOnlyWhereTheLabelIsKnownAndReportsUnscoredAndIgnored() {
        let doc = collect(rows).report(context: ReportContext(model: "m"))
        #expect(doc.context.rows == 8)
        #expect(doc.context.ignoredLabels == ["other": 1])
        let a = doc.labels[0].evaluation, reply = doc.labels[1].evaluation
        #expect(a.support == 7 && a.positives == 3 && a.negatives == 4 && a.unscored == 0)
        // a at 0.5: TP r1; FP r2 r5 r6; FN r3 r7; TN r4.
        #expect(a.confusion == ConfusionMatrix(truePositives: 1, falsePositives: 3, trueNegatives: 1, falseNegatives: 2))
        #expect(reply.support == 1 && reply.unscored == 1 && reply.positives == 0)
        #expect(reply.rocAUC == .undefined("no positive examples"))
    }

    @Test func metricsAreTheEvaluatorsOnTheKnownRows() {
        let doc = collect(rows).report(context: ReportContext(model: "m"))
        let known = LabelledScores(scores: [0.9, 0.8, 0.3, 0.2, 0.95, 0.8, 0.1], targets: [true, false, true, false, false, false, true])
        #expect(doc.labels[0].evaluation == Evaluator.evaluate(label: "a", known, threshold: 0.5))
        #expect(doc.macro == Evaluator.macroAverages(doc.labels.map(\.evaluation)))
        #expect(doc.labels[0].roc == ReportCurves.roc(known))
        #expect(doc.labels[0].histogram == ReportCurves.histogram(known))
    }

    @Test func worstExamplesAreKeptWorstFirstWithTiesToTheEarlierRow() {
        var calls = 0
        let doc = withUnsafeMutablePointer(to: &calls) { collect(rows, topErrors: 2, reasonCalls: $0).report(context: ReportContext(model: "m")) }
        let a = doc.labels[0]
        #expect(a.falsePositives.map(\.id) == ["r5", "r2"])     // 0.95, then 0.8 (r2 before r6)
        #expect(a.falseNegatives.map(\.id) == ["r7", "r3"])     // 0.1, then 0.3
        #expect(a.falsePositives[0].reasons == ["reason for r5 lane 0"])
        #expect(a.falsePositives[0].text == "text of r5…")     // excerpt limit 12
        #expect(a.falsePositives[0].row == 5 && a.falsePositives[1].source == "news")
        #expect(doc.labels[1].falsePositives.map(\.id) == ["r8"])
        #expect(doc.labels[1].falsePositives[0].parent == "the parent…")
        // Reasons are built only for rows entering a list: r2, r3, r5, r7 (a) and r8 (reply); r6 ties and stays out.
        #expect(calls == 5)
    }

    @Test func bySourceGroupsRowsAndNamesRowsWithoutSource() {
        let doc = collect(rows).report(context: ReportContext(model: "m"))
        #expect(doc.bySource.map(\.source) == [Evaluator.noSource, "news", "tweets"])
        let news = doc.bySource[1]
        #expect(news.labels.map(\.label) == ["a", "reply"])
        #expect(news.labels[0].support == 3 && news.labels[0].positives == 2)          // r1, r2, r7
        #expect(news.labels[1].support == 1 && news.labels[1].unscored == 1)           // r8 scored, r7 not
        #expect(news.labels[0].sweep.isEmpty && news.labels[0].thresholdsForPrecision.isEmpty)
        let none = doc.bySource[0]
        #expect(none.labels.map(\.label) == ["a"])                                      // reply never known there
        #expect(none.labels[0].precision == .undefined("no positive examples") || none.labels[0].recall == .undefined("no positive examples"))
    }

    @Test func thresholdOptionsGiveTheLowestThresholdReachingEachTargetAndAValueToType() {
        // scores asc 0.2(−) 0.35(+) 0.8(+) 0.9(+): from 0.35 precision is 1.
        let c = EvaluationCollector(labels: ["a"], thresholds: [0.5])
        for (p, t) in [(0.2, 0), (0.35, 1), (0.8, 1), (0.9, 1)] {
            c.add(CorpusRecord(text: "x", labels: ["a": t]), probabilities: [p])
        }
        let doc = c.report(context: ReportContext(model: "m"), options: EvaluationOptions(targetPrecisions: [0.7, 0.95]))
        let choices = doc.labels[0].thresholdOptions
        #expect(choices.map(\.targetPrecision) == [0.7, 0.95, nil])
        #expect(choices[0].point?.threshold == 0.2 && choices[0].suggested == "0.2")   // precision 0.75 from the lowest score
        #expect(choices[1].point?.threshold == 0.35 && choices[1].suggested == "0.35") // stays within 0.01 below 0.35
        #expect(choices[1].point?.recall.value == 1)
        #expect(choices[2].point?.threshold == 0.35)                                      // best F1 = 1
        #expect(choices.map(\.goal) == ["precision ≥ 0.70", "precision ≥ 0.95", "best F1"])
    }

    @Test func unreachableTargetIsReportedAsSuch() {
        let c = EvaluationCollector(labels: ["a"], thresholds: [0.5])
        for (p, t) in [(0.9, 0), (0.1, 1)] { c.add(CorpusRecord(text: "x", labels: ["a": t]), probabilities: [p]) }
        let choice = c.report(context: ReportContext(model: "m"), options: EvaluationOptions(targetPrecisions: [0.95])).labels[0].thresholdOptions[0]
        #expect(choice.point == nil && choice.suggested == nil)
    }

    @Test func aLabelWithoutAnyRowIsReportedUndefinedNotDropped() {
        let c = EvaluationCollector(labels: ["a", "b"], thresholds: [0.5, 0.5])
        c.add(CorpusRecord(text: "x", labels: ["a": 1]), probabilities: [0.7, 0.1])
        c.add(CorpusRecord(text: "y", labels: ["a": 0]), probabilities: [0.2, 0.1])
        let doc = c.report(context: ReportContext(model: "m"))
        let b = doc.labels[1].evaluation
        #expect(b.support == 0)
        #expect(b.rocAUC == .undefined("no examples") && b.logLoss == .undefined("no examples"))
        #expect(doc.labels[1].roc.isEmpty && doc.labels[1].precisionRecall.isEmpty)
        #expect(doc.macro.rocAUC.value == 1)   // the mean over labels where it is defined
        #expect(ReportTables.undefinedNotes(doc).contains { $0 == "b: every metric n/a, no row has this label" })
    }

    @Test func zeroTopErrorsKeepsNoExamplesAndNeverAsksForReasons() {
        var calls = 0
        let doc = withUnsafeMutablePointer(to: &calls) { collect(rows, topErrors: 0, reasonCalls: $0).report(context: ReportContext(model: "m")) }
        #expect(doc.labels.allSatisfy { $0.falsePositives.isEmpty && $0.falseNegatives.isEmpty })
        #expect(calls == 0)
    }
}

struct WeakSpotTests {
    /// Overall: 2 FP of 20 negatives (FPR 0.1), recall 0.8.
    private let overall = Evaluator.evaluate(label: "a", LabelledScores(
        scores: [Double](repeating: 0.9, count: 8) + [0.1, 0.1] + [0.9, 0.9] + [Double](repeating: 0.1, count: 18),
        targets: [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 20)), threshold: 0.5)

    private func source(_ scores: [Double], _ targets: [Bool]) -> LabelEvaluation {
        Evaluator.evaluate(label: "a", LabelledScores(scores: scores, targets: targets), threshold: 0.5)
    }

    @Test func negativeOnlySourceStandsOutByItsFalsePositiveRate() {
        // 2 of 5 flagged = 0.4 ≥ 2 × 0.1 → weak; 1 of 10 = 0.1 < 0.2 → fine.
        #expect(ReportTables.weakSpot(source([0.9, 0.9, 0.1, 0.1, 0.1], [false, false, false, false, false]), overall: overall)
                == "false-positive rate 0.400 vs 0.100 overall")
        #expect(ReportTables.weakSpot(source([0.9] + [Double](repeating: 0.1, count: 9), [Bool](repeating: false, count: 10)), overall: overall) == nil)
    }

    @Test func sourceWithPositivesStandsOutByItsRecall() {
        // recall 0.5 ≤ 0.8 − 0.1 → weak; recall 0.75 > 0.7 → fine.
        #expect(ReportTables.weakSpot(source([0.9, 0.1], [true, true]), overall: overall) == "recall 0.500 vs 0.800 overall")
        #expect(ReportTables.weakSpot(source([0.9, 0.9, 0.9, 0.1], [true, true, true, true]), overall: overall) == nil)
    }
}
