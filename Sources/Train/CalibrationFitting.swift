#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Classifier

/// How raw scores become probabilities.
public enum CalibrationMethod: String, Sendable, Codable, CaseIterable {
    /// Plain logistic of the raw score (no fitting).
    case none
    /// Platt scaling: p = σ(a·z + b).
    case platt
    /// Isotonic regression (pool-adjacent-violators), piecewise linear between blocks.
    case isotonic
}

/// A fitted calibration and, when fitting was not possible, why it fell back to `.identity`.
public struct CalibrationFit: Sendable, Equatable {
    public var calibration: Calibration
    public var note: String?
}

/// Fits `Calibration`s on held-out raw scores (log-odds) and 0/1 targets.
public enum CalibrationFitter {
    /// Fits `method` to (scores, targets); falls back to `.identity` with a note when the data has
    /// a single class or no rows.
    public static func fit(_ method: CalibrationMethod, scores: [Double], targets: [Bool]) -> CalibrationFit {
        if method == .none { return CalibrationFit(calibration: .identity, note: nil) }
        let positives = targets.reduce(0) { $0 + ($1 ? 1 : 0) }
        if scores.isEmpty { return CalibrationFit(calibration: .identity, note: "no held-out rows: uncalibrated") }
        if positives == 0 || positives == targets.count {
            return CalibrationFit(calibration: .identity, note: "held-out rows are all one class: uncalibrated")
        }
        if !scores.allSatisfy(\.isFinite) {
            return CalibrationFit(calibration: .identity, note: "raw scores are not finite (training diverged?): uncalibrated")
        }
        switch method {
        case .platt:
            let (a, b) = platt(scores: scores, targets: targets)
            guard a.isFinite && b.isFinite else {
                return CalibrationFit(calibration: .identity, note: "Platt scaling did not converge: uncalibrated")
            }
            return CalibrationFit(calibration: .platt(a: a, b: b), note: nil)
        case .isotonic:
            let (x, y) = isotonic(scores: scores, targets: targets)
            return CalibrationFit(calibration: .isotonic(x: x, y: y), note: nil)
        case .none:
            return CalibrationFit(calibration: .identity, note: nil)
        }
    }

    /// Platt scaling by Newton's method with backtracking (Lin, Lin & Weng 2007), with Platt's
    /// smoothed targets t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2). Returns (a, b) of
    /// p = 1 / (1 + exp(−(a·z + b))).
    public static func platt(scores: [Double], targets: [Bool], maxIterations: Int = 100) -> (a: Double, b: Double) {
        let n1 = Double(targets.reduce(0) { $0 + ($1 ? 1 : 0) }), n0 = Double(targets.count) - n1
        let hi = (n1 + 1) / (n1 + 2), lo = 1 / (n0 + 2)
        let t = targets.map { $0 ? hi : lo }
        // Platt's parameterisation: P = 1 / (1 + exp(A·f + B)).
        var A = 0.0, B = log((n0 + 1) / (n1 + 1))
        let sigma = 1e-12, minStep = 1e-10, eps = 1e-5

        func objective(_ A: Double, _ B: Double) -> Double {
            var f = 0.0
            for (s, ti) in zip(scores, t) {
                let fApB = s * A + B
                f += fApB >= 0 ? ti * fApB + log1p(exp(-fApB)) : (ti - 1) * fApB + log1p(exp(fApB))
            }
            return f
        }

        var fval = objective(A, B)
        for _ in 0..<maxIterations {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for (s, ti) in zip(scores, t) {
                let fApB = s * A + B
                let p: Double, q: Double
                if fApB >= 0 {
                    let e = exp(-fApB)
                    p = e / (1 + e)
                    q = 1 / (1 + e)
                } else {
                    let e = exp(fApB)
                    p = 1 / (1 + e)
                    q = e / (1 + e)
                }
                let d2 = p * q
                h11 += s * s * d2
                h22 += d2
                h21 += s * d2
                let d1 = ti - p
                g1 += s * d1
                g2 += d1
            }
            if abs(g1) < eps && abs(g2) < eps { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= minStep {
                let newA = A + step * dA, newB = B + step * dB
                let newF = objective(newA, newB)
                if newF < fval + 0.0001 * step * gd {
                    A = newA
                    B = newB
                    fval = newF
                    break
                }
                step /= 2
            }
            if step < minStep { break }
        }
        return (-A, -B)
    }

    /// Isotonic regression by pool-adjacent-violators on scores sorted ascending (equal scores are
    /// pooled first). Each block contributes its lowest and highest score at the block's positive
    /// rate, so `Calibration.isotonic` interpolates linearly only between blocks.
    public static func isotonic(scores: [Double], targets: [Bool]) -> (x: [Double], y: [Double]) {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        // Blocks: (lowest score, highest score, sum of targets, weight)
        var lowX: [Double] = [], highX: [Double] = [], sum: [Double] = [], weight: [Double] = []
        var i = 0
        while i < order.count {
            var j = i, s = 0.0
            while j < order.count && scores[order[j]] == scores[order[i]] {
                if targets[order[j]] { s += 1 }
                j += 1
            }
            lowX.append(scores[order[i]])
            highX.append(scores[order[i]])
            sum.append(s)
            weight.append(Double(j - i))
            // Pool while the previous block's mean exceeds this one's.
            while sum.count > 1 && sum[sum.count - 2] / weight[weight.count - 2] > sum[sum.count - 1] / weight[weight.count - 1] {
                let k = sum.count - 1
                sum[k - 1] += sum[k]
                weight[k - 1] += weight[k]
                highX[k - 1] = highX[k]
                sum.removeLast(); weight.removeLast(); lowX.removeLast(); highX.removeLast()
            }
            i = j
        }
        var x: [Double] = [], y: [Double] = []
        for k in sum.indices {
            let mean = sum[k] / weight[k]
            x.append(lowX[k])
            y.append(mean)
            if highX[k] > lowX[k] {
                x.append(highX[k])
                y.append(mean)
            }
        }
        return (x, y)
    }
}
