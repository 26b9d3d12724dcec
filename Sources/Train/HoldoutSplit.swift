import Corpus
import TextFeatures

/// Which training rows are held out (for early stopping, and for calibration when no
/// `--calibrate-on` files are given). A row's side depends only on its text, its parent and the
/// seed, never on the other rows: adding or reordering rows of one label leaves every other row
/// where it was, and so the other labels' weights as they were. Identical rows (same text and
/// parent) fall on the same side, so no text is both trained on and held out.
public struct HoldoutSplit: Sendable {
    public var fraction: Double
    public var seed: UInt64

    public init(fraction: Double, seed: UInt64) {
        self.fraction = fraction
        self.seed = seed
    }

    /// True when `record` is held out: about `fraction` of distinct rows are.
    public func holdsOut(_ record: CorpusRecord) -> Bool {
        guard fraction > 0 else { return false }
        var h = FNV1a64()
        h.update(record.text)
        if let parent = record.parent {
            var separator: UInt8 = 0  // no text holds a NUL byte: "ab"+"c" and "a"+"bc" differ
            withUnsafeBytes(of: &separator) { h.update($0) }
            h.update(parent)
        }
        var g = SplitMix64.derived(seed: seed, stream: 0x401D ^ h.value)
        return g.nextUnit() < fraction
    }

    /// The rows of `records` split into training and hold-out (both ascending). When either side
    /// would be empty (a handful of rows), every row trains and none is held out.
    public func split(_ records: [CorpusRecord]) -> (train: [Int], holdout: [Int]) {
        var train: [Int] = [], held: [Int] = []
        for (i, r) in records.enumerated() {
            if holdsOut(r) { held.append(i) } else { train.append(i) }
        }
        if held.isEmpty || train.isEmpty { return (Array(records.indices), []) }
        return (train, held)
    }
}
