#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Calibration {
    /// Calibrated probability for raw linear score `z` (log-odds). Monotone non-decreasing in `z`
    /// for every valid calibration (Platt with `a ≥ 0`, isotonic with ascending `x` and `y`);
    /// isotonic clamps to its first and last `y` outside the fitted range.
    public func probability(raw z: Double) -> Double {
        switch self {
        case .identity:
            return 1 / (1 + exp(-z))
        case .platt(let a, let b):
            return 1 / (1 + exp(-(a * z + b)))
        case .isotonic(let x, let y):
            guard let first = x.first, let last = x.last, x.count == y.count else { return 1 / (1 + exp(-z)) }
            if z <= first { return y[0] }
            if z >= last { return y[y.count - 1] }
            var lo = 0, hi = x.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if x[mid] <= z { lo = mid } else { hi = mid }
            }
            let t = (z - x[lo]) / max(x[hi] - x[lo], 1e-12)
            return y[lo] + t * (y[hi] - y[lo])
        }
    }

    /// What makes this calibration unusable, or nil if it is fine: non-finite Platt parameters,
    /// or isotonic points that are empty, of unequal length, not ascending, or outside 0...1.
    public var problem: String? {
        switch self {
        case .identity:
            return nil
        case .platt(let a, let b):
            return a.isFinite && b.isFinite ? nil : "Platt parameters a=\(a) b=\(b) are not finite"
        case .isotonic(let x, let y):
            if x.isEmpty || x.count != y.count { return "isotonic has \(x.count) x and \(y.count) y points (need equal, ≥ 1)" }
            if !x.allSatisfy(\.isFinite) { return "isotonic x is not finite" }
            if !y.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return "isotonic y is outside 0...1" }
            for i in 1..<x.count where x[i] < x[i - 1] || y[i] < y[i - 1] {
                return "isotonic points are not ascending at index \(i)"
            }
            return nil
        }
    }
}
