#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// L2-regularised logistic regression on a small dense matrix, fitted exactly by Newton's method
/// (Cholesky solve of the full Hessian, step halving when the loss does not fall). Minimises
/// Σᵢ logloss(yᵢ, b + w·xᵢ) + λ/2 ‖w‖² (the bias is not penalised). Deterministic: no randomness,
/// a fixed order of every sum. For tens of features and up to a few thousand rows (accounts).
public enum DenseLogisticTrainer {
    public struct Fit: Sendable, Equatable {
        public var weights: [Double]
        public var bias: Double
        public var iterations: Int
    }

    /// Fits rows `x` (each of the same length) to `y`; `l2` = λ > 0.
    public static func fit(x: [[Double]], y: [Bool], l2: Double, maxIterations: Int = 100) -> Fit {
        let d = x.first?.count ?? 0, n = x.count
        let positives = Double(y.reduce(0) { $0 + ($1 ? 1 : 0) })
        // Start from the prior log-odds (smoothed so one class alone stays finite).
        var theta = [Double](repeating: 0, count: d + 1)
        theta[d] = log((positives + 0.5) / (Double(n) - positives + 0.5))
        var loss = objective(x, y, theta, l2)
        var iterations = 0
        for it in 1...maxIterations {
            iterations = it
            var grad = [Double](repeating: 0, count: d + 1)
            var hess = [Double](repeating: 0, count: (d + 1) * (d + 1))
            for i in 0..<n {
                let p = sigmoid(margin(x[i], theta))
                let r = p - (y[i] ? 1 : 0), w = max(p * (1 - p), 1e-12)
                for a in 0...d {
                    let xa = a < d ? x[i][a] : 1
                    grad[a] += r * xa
                    for b in 0...a {
                        hess[a * (d + 1) + b] += w * xa * (b < d ? x[i][b] : 1)
                    }
                }
            }
            for a in 0..<d {
                grad[a] += l2 * theta[a]
                hess[a * (d + 1) + a] += l2
            }
            hess[d * (d + 1) + d] += 1e-9
            guard let step = choleskySolve(hess, grad, size: d + 1) else { break }
            var t = 1.0, improved = false
            for _ in 0..<30 {
                let candidate = (0...d).map { theta[$0] - t * step[$0] }
                let l = objective(x, y, candidate, l2)
                if l <= loss {
                    theta = candidate
                    improved = loss - l > 1e-12 * max(1, abs(loss))
                    loss = l
                    break
                }
                t /= 2
            }
            if !improved || step.map(abs).max() ?? 0 < 1e-10 { break }
        }
        return Fit(weights: Array(theta[0..<d]), bias: theta[d], iterations: iterations)
    }

    static func margin(_ row: [Double], _ theta: [Double]) -> Double {
        var z = theta[row.count]
        for j in row.indices { z += theta[j] * row[j] }
        return z
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    static func objective(_ x: [[Double]], _ y: [Bool], _ theta: [Double], _ l2: Double) -> Double {
        var total = 0.0
        for i in x.indices {
            let z = margin(x[i], theta)
            // log(1 + e^{-z}) for a positive, log(1 + e^{z}) for a negative, computed stably.
            let s = y[i] ? -z : z
            total += s > 0 ? s + log1p(exp(-s)) : log1p(exp(s))
        }
        for j in 0..<(theta.count - 1) { total += l2 / 2 * theta[j] * theta[j] }
        return total
    }

    /// Solves H s = g for a symmetric positive-definite H given by its lower triangle (row-major,
    /// `size`²); nil when H is not positive definite.
    static func choleskySolve(_ h: [Double], _ g: [Double], size m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0...i {
                var s = h[i * m + j]
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                if i == j {
                    guard s > 0 else { return nil }
                    l[i * m + i] = s.squareRoot()
                } else {
                    l[i * m + j] = s / l[j * m + j]
                }
            }
        }
        var z = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var s = g[i]
            for k in 0..<i { s -= l[i * m + k] * z[k] }
            z[i] = s / l[i * m + i]
        }
        var out = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<m { s -= l[k * m + i] * out[k] }
            out[i] = s / l[i * m + i]
        }
        return out
    }
}
