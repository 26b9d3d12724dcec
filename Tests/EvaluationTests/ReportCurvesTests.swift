import Testing
@testable import Evaluation
import Reporting

private func data(_ scores: [Double], _ targets: [Int]) -> LabelledScores {
    LabelledScores(scores: scores, targets: targets.map { $0 == 1 })
}

private func xy(_ points: [CurvePoint]) -> [[Double]] { points.map { [$0.x, $0.y] } }

struct ReportCurvesTests {
    @Test func rocPointsByHand() {
        // desc: 0.8 (+) → (0, .5); 0.4 (−) → (.5, .5); 0.35 (+) → (.5, 1); 0.1 (−) → (1, 1)
        let d = data([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
        let roc = ReportCurves.roc(d)
        #expect(xy(roc) == [[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]])
        #expect(roc.map(\.threshold) == [nil, 0.8, 0.4, 0.35, 0.1])
        #expect(ReportCurves.area(roc) == 0.75)
    }

    @Test(arguments: [
        ([0.5, 0.5, 0.5, 0.9], [1, 0, 0, 1]),
        ([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0]),
        ([0.2, 0.7, 0.7, 0.1, 0.7], [0, 1, 0, 0, 1]),
        ([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]),
    ])
    func rocAreaEqualsTheRankingMetricWithTies(scores: [Double], targets: [Int]) {
        let d = data(scores, targets)
        let auc = RankingMetrics.rocAUC(d).value ?? -1
        #expect(abs(ReportCurves.area(ReportCurves.roc(d)) - auc) < 1e-12)
    }

    @Test func tiedScoresEnterTogether() {
        // 0.9 (+) → (0, .5); the three 0.5s (1 +, 2 −) together → (1, 1): no point inside the tie.
        #expect(xy(ReportCurves.roc(data([0.5, 0.5, 0.5, 0.9], [1, 0, 0, 1]))) == [[0, 0], [0, 0.5], [1, 1]])
        #expect(xy(ReportCurves.precisionRecall(data([0.5, 0.5, 0.5, 0.9], [1, 0, 0, 1]))) == [[0.5, 1], [1, 0.5]])
    }

    @Test func precisionRecallPointsByHand() {
        let pr = ReportCurves.precisionRecall(data([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]))
        #expect(xy(pr) == [[0.5, 1], [0.5, 0.5], [1, 2.0 / 3], [1, 0.5]])
        // Σ (Rk − Rk−1)·Pk over the points is average precision.
        var ap = 0.0, previous = 0.0
        for p in pr { ap += (p.x - previous) * p.y; previous = p.x }
        #expect(abs(ap - (RankingMetrics.averagePrecision(data([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).value ?? -1)) < 1e-12)
    }

    @Test func oneClassAndEmptyGiveNoCurveInsteadOfNonsense() {
        #expect(ReportCurves.roc(data([0.2, 0.9], [1, 1])).isEmpty)
        #expect(ReportCurves.roc(data([0.2, 0.9], [0, 0])).isEmpty)
        #expect(ReportCurves.precisionRecall(data([0.2, 0.9], [0, 0])).isEmpty)
        #expect(xy(ReportCurves.precisionRecall(data([0.2, 0.9], [1, 1]))) == [[0.5, 1], [1, 1]])
        #expect(ReportCurves.roc(data([], [])).isEmpty)
        #expect(ReportCurves.precisionRecall(data([], [])).isEmpty)
    }

    @Test func histogramBinsByClassWithOneIncludedInTheLastBin() {
        let h = ReportCurves.histogram(data([0, 0.24, 0.25, 0.5, 0.99, 1.0, 0.3], [0, 0, 1, 1, 0, 1, 0]), bins: 4)
        #expect(h.negatives == [2, 1, 0, 1])
        #expect(h.positives == [0, 1, 1, 1])
        #expect(h.positiveTotal == 3 && h.negativeTotal == 4)
    }

    @Test func thinningKeepsEndsAndShapeWithinTheLimit() {
        let diagonal = (0...1000).map { CurvePoint(x: Double($0) / 1000, y: Double($0) / 1000) }
        let thin = ReportCurves.thin(diagonal, maxPoints: 200)
        #expect(thin.count <= 200 && thin.count >= 50)
        #expect(thin.first == diagonal.first && thin.last == diagonal.last)
        #expect(abs(ReportCurves.area(thin) - 0.5) < 1e-9)
        // A zig-zag with a long path still ends up under the limit.
        let zigzag = (0...5000).map { CurvePoint(x: Double($0) / 5000, y: $0 % 2 == 0 ? 0 : 1) }
        #expect(ReportCurves.thin(zigzag, maxPoints: 100).count <= 100)
        // Short curves are untouched.
        #expect(ReportCurves.thin(Array(diagonal.prefix(10)), maxPoints: 200) == Array(diagonal.prefix(10)))
    }
}
