import TextFeatures

/// A trained Telltale model: header (labels, feature configuration, calibration, provenance,
/// metrics), linear weights and the document frequencies used by pair features.
///
/// (In-memory for now; the Classifier issue adds the binary file format, mmap loading and checks.)
public final class Model: @unchecked Sendable {
    public let header: ModelHeader
    public let weights: LinearWeights
    public let documentFrequencies: DocumentFrequencies?

    public init(header: ModelHeader, weights: LinearWeights, documentFrequencies: DocumentFrequencies?) {
        self.header = header
        self.weights = weights
        self.documentFrequencies = documentFrequencies
    }

    public var labels: [String] { header.labels }
}

extension Calibration {
    /// Calibrated probability for raw linear score `z` (log-odds).
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
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
