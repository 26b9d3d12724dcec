import Classifier
import Foundation
import Testing
@testable import Train

struct PlattTests {
    @Test func smoothedTargetsGiveHandComputedParameters() {
        // z = −1: 1 positive, 3 negatives; z = +1: 3 positives, 1 negative. Platt's targets are
        // t₊ = (4+1)/(4+2) = 5/6 and t₋ = 1/(4+2) = 1/6, so the fitted probability at z = +1 is
        // (3·5/6 + 1/6)/4 = 2/3 and at z = −1 it is 1/3: a·1 + b = ln 2, −a + b = −ln 2.
        let scores: [Double] = [-1, -1, -1, -1, 1, 1, 1, 1]
        let targets = [true, false, false, false, true, true, true, false]
        let (a, b) = CalibrationFitter.platt(scores: scores, targets: targets)
        #expect(abs(a - log(2)) < 1e-4)
        #expect(abs(b) < 1e-4)
    }

    @Test func recoversAKnownSigmoid() {
        // 41 score levels × 200 rows, positives in proportion σ(2z − 1).
        var scores: [Double] = [], targets: [Bool] = []
        for k in -20...20 {
            let z = Double(k) / 5
            let positives = Int((200 / (1 + exp(-(2 * z - 1)))).rounded())
            for i in 0..<200 {
                scores.append(z)
                targets.append(i < positives)
            }
        }
        let fit = CalibrationFitter.fit(.platt, scores: scores, targets: targets)
        guard case .platt(let a, let b) = fit.calibration else { Issue.record("expected Platt, got \(fit.calibration)"); return }
        #expect(abs(a - 2) < 0.05)
        #expect(abs(b + 1) < 0.05)
        #expect(fit.calibration.problem == nil)
    }

    @Test(arguments: [([Double](), [Bool]()), ([0.1, 0.5], [true, true]), ([0.1, 0.5], [false, false])])
    func degenerateDataFallsBackToIdentityWithANote(scores: [Double], targets: [Bool]) {
        for method in [CalibrationMethod.platt, .isotonic] {
            let fit = CalibrationFitter.fit(method, scores: scores, targets: targets)
            #expect(fit.calibration == .identity)
            #expect(fit.note != nil)
        }
        #expect(CalibrationFitter.fit(.none, scores: [1, 2], targets: [true, false]) == CalibrationFit(calibration: .identity, note: nil))
    }
}

struct IsotonicTests {
    @Test func poolsAdjacentViolators() {
        // y = 0, 1, 0, 1, 1 → the violating pair (1, 0) at scores 2, 3 pools to 0.5.
        let (x, y) = CalibrationFitter.isotonic(scores: [3, 1, 5, 2, 4], targets: [false, false, true, true, true])
        #expect(x == [1, 2, 3, 4, 5])
        #expect(y == [0, 0.5, 0.5, 1, 1])
        // Decreasing targets cascade back into one block spanning every score.
        let all = CalibrationFitter.isotonic(scores: [1, 2, 3, 4], targets: [true, true, false, false])
        #expect(all.x == [1, 4])
        #expect(all.y == [0.5, 0.5])
    }

    @Test func tiedScoresArePooledFirstAndChainsOfViolatorsMerge() {
        // Tied scores 1, 1 form one block of mean 0.5; then 2 → 1 and 3 → 0 violate and pool to 0.5,
        // which no longer violates the first block: two blocks, the second spanning scores 2...3.
        let (x, y) = CalibrationFitter.isotonic(scores: [1, 1, 2, 3], targets: [true, false, true, false])
        #expect(x == [1, 2, 3])
        #expect(y == [0.5, 0.5, 0.5])
        let fit = CalibrationFitter.fit(.isotonic, scores: [1, 1, 2, 3], targets: [true, false, true, false])
        #expect(fit.calibration.problem == nil)
    }

    @Test func calibratedProbabilitiesAreMonotoneAndMatchBlockRates() {
        let scores: [Double] = [-2, -1, 0, 1, 2, 3]
        let targets = [false, true, false, false, true, true]
        let fit = CalibrationFitter.fit(.isotonic, scores: scores, targets: targets)
        let p = scores.map { fit.calibration.probability(raw: $0) }
        let third: Double = 1.0 / 3
        let expected: [Double] = [0, third, third, third, 1, 1]
        #expect(p == expected)
        #expect(fit.calibration.probability(raw: 0.5) == 1.0 / 3)
        #expect(abs(fit.calibration.probability(raw: 1.5) - 2.0 / 3) < 1e-12) // linear between blocks
    }
}

struct ThresholdChoiceTests {
    @Test func fixedAndMaxF1() {
        let p = [0.1, 0.3, 0.35, 0.6, 0.8, 0.9]
        let t = [false, true, false, true, false, true]
        #expect(ThresholdChoice.fixed(0.7).threshold(probabilities: p, targets: t) == 0.7)
        // Best F1 is at score 0.3 (3/5 precision, full recall); the cut goes halfway to 0.1.
        #expect(ThresholdChoice.maxF1.threshold(probabilities: p, targets: t) == 0.2)
        #expect(ThresholdChoice.maxF1.threshold(probabilities: [0.4], targets: [false]) == 0.5)
    }
}

struct CalibrationGuardTests {
    @Test func nonFiniteScoresAreNotFitted() {
        for method in [CalibrationMethod.platt, .isotonic] {
            let fit = CalibrationFitter.fit(method, scores: [0.5, .nan, .infinity], targets: [true, false, true])
            #expect(fit.calibration == .identity)
            #expect(fit.note?.contains("not finite") == true)
        }
    }
}
