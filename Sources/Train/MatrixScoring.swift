import Classifier

/// Scores the rows of a `FeatureMatrix` with a `Model` through the Classifier's scoring core, so
/// training measures exactly what `telltale score` will compute.
public enum MatrixScoring {
    /// Raw scores (log-odds), label-major: `result[label][i]` for `rows[i]` (nil = all rows).
    public static func rawScores(_ model: Model, _ matrix: FeatureMatrix, rows: [Int]? = nil) -> [[Double]] {
        let core = model.scoringCore
        let rowList = rows ?? Array(0..<matrix.rowCount)
        var out = [[Double]](repeating: [Double](repeating: 0, count: rowList.count), count: model.labelCount)
        var scores = [Float](repeating: 0, count: max(model.stride, model.labelCount))
        matrix.indices.withUnsafeBufferPointer { idx in
            matrix.values.withUnsafeBufferPointer { val in
                scores.withUnsafeMutableBufferPointer { s in
                    for (i, r) in rowList.enumerated() {
                        let range = matrix.range(ofRow: r)
                        core.score(indices: UnsafeBufferPointer(rebasing: idx[range]), values: UnsafeBufferPointer(rebasing: val[range]),
                                   into: s)
                        for l in 0..<model.labelCount { out[l][i] = Double(s[l]) }
                    }
                }
            }
        }
        return out
    }

    /// Calibrated probabilities, label-major, with nil where a label needs a parent and the row
    /// has none (such a label is never guessed), and the gate's outcome (0 or nil) where a label's
    /// gate (`ModelHeader.gates`) leaves the row out — as `Scorer` does. Labels are matched by
    /// position: the matrix must have been built with the model's labels.
    public static func probabilities(_ model: Model, _ matrix: FeatureMatrix, rows: [Int]? = nil) -> [[Double?]] {
        let raw = rawScores(model, matrix, rows: rows)
        let rowList = rows ?? Array(0..<matrix.rowCount)
        let gates = model.header.laneGates
        return raw.enumerated().map { l, scores in
            let needsParent = model.header.needsParent.contains(model.labels[l])
            let calibration = model.header.calibration[l]
            return scores.enumerated().map { i, z in
                let r = rowList[i]
                if needsParent && !matrix.hasParent[r] { return nil }
                if let gate = gates[l], verdict(gate, matrix, row: r) != .applies { return gate.outside == .zero ? 0 : nil }
                return calibration.probability(raw: z)
            }
        }
    }

    /// The verdict of `gate` on row `r` (rows without script counts pass).
    public static func verdict(_ gate: LabelGate?, _ matrix: FeatureMatrix, row r: Int) -> GateVerdict {
        guard let gate, r < matrix.scripts.count, let s = matrix.scripts[r] else { return .applies }
        return gate.verdict(s)
    }
}
