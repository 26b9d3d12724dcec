import TextFeatures

/// Every training row's features, extracted once: a CSR sparse matrix (row offsets into parallel
/// `indices`/`values`, each row's indices distinct, in order of first appearance) plus, per label, the row targets
/// (-1 unknown, 0, 1), the `source` of each row, whether it had a parent and its script counts
/// (for label gates).
public struct FeatureMatrix: Sendable, Equatable {
    /// Width of the hashed feature space (a power of two).
    public let bucketCount: Int
    /// Label names, in the order of `targets`.
    public let labels: [String]
    /// `rowOffsets[r]..<rowOffsets[r + 1]` is row r's range in `indices`/`values` (rowCount + 1 entries).
    public internal(set) var rowOffsets: [Int]
    public internal(set) var indices: [UInt32]
    public internal(set) var values: [Float]
    /// `targets[label][row]`: -1 unknown, 0 negative, 1 positive.
    public internal(set) var targets: [[Int8]]
    public internal(set) var sources: [String?]
    /// Whether each row was extracted with a parent (a reply).
    public internal(set) var hasParent: [Bool]
    /// Each row's script counts, which label gates decide on (nil: unknown, every gate lets it through).
    public internal(set) var scripts: [ScriptSummary?]

    /// An empty matrix.
    public init(bucketCount: Int, labels: [String]) {
        self.bucketCount = bucketCount
        self.labels = labels
        rowOffsets = [0]
        indices = []
        values = []
        targets = labels.map { _ in [] }
        sources = []
        hasParent = []
        scripts = []
    }

    public var rowCount: Int { rowOffsets.count - 1 }
    public var nonZeroCount: Int { indices.count }

    /// Range of row `r` in `indices`/`values`.
    @inlinable
    public func range(ofRow r: Int) -> Range<Int> { rowOffsets[r]..<rowOffsets[r + 1] }

    /// Appends a row; duplicate indices are summed (in input order) into their first appearance.
    /// `targets` has one entry per label (-1, 0, 1).
    public mutating func appendRow(indices rowIndices: [UInt32], values rowValues: [Float], targets rowTargets: [Int8],
                                   source: String? = nil, hasParent: Bool = false, script: ScriptSummary? = nil) {
        var merger = DuplicateMerger()
        merger.append(indices: rowIndices, values: rowValues, into: &indices, &values)
        rowOffsets.append(indices.count)
        for l in labels.indices { targets[l].append(l < rowTargets.count ? rowTargets[l] : -1) }
        sources.append(source)
        self.hasParent.append(hasParent)
        scripts.append(script)
    }

    /// Appends every row of `other` (same bucket count and labels) after this matrix's rows.
    public mutating func append(contentsOf other: FeatureMatrix) {
        precondition(other.bucketCount == bucketCount && other.labels == labels, "appending a matrix of another shape")
        let base = indices.count
        indices.append(contentsOf: other.indices)
        values.append(contentsOf: other.values)
        rowOffsets.append(contentsOf: other.rowOffsets.dropFirst().map { $0 + base })
        for l in labels.indices { targets[l].append(contentsOf: other.targets[l]) }
        sources.append(contentsOf: other.sources)
        hasParent.append(contentsOf: other.hasParent)
        scripts.append(contentsOf: other.scripts)
    }

    /// Rows where `label` is known, ascending (all rows when `among` is nil, else those of `among`).
    public func knownRows(label: Int, among: [Int]? = nil) -> [Int] {
        let t = targets[label]
        if let among { return among.filter { t[$0] >= 0 } }
        return t.indices.filter { t[$0] >= 0 }
    }
}

/// Sums repeated indices of a sparse row with a small open-addressing table sized to the row (it
/// stays in L1 cache; a dense table over all buckets missed the cache on every feature). Values of
/// one index are added in input order; no allocation once the table has grown.
struct DuplicateMerger {
    /// bucket + 1 per table entry (0 = empty).
    private var keys: [UInt32] = []
    /// Position of the bucket in the row's output.
    private var slots: [Int32] = []

    init() {}

    /// Appends the row's distinct indices (first-appearance order) and summed values to the outputs.
    mutating func append(indices rowIndices: [UInt32], values rowValues: [Float],
                         into outIndices: inout [UInt32], _ outValues: inout [Float]) {
        let n = rowIndices.count
        var bits = 4
        while 1 << bits < 2 * n { bits += 1 }
        let capacity = 1 << bits, mask = capacity - 1, shift = UInt32(32 - bits)
        if keys.count < capacity {
            keys = [UInt32](repeating: 0, count: capacity)
            slots = [Int32](repeating: 0, count: capacity)
        }
        let base = outIndices.count
        outIndices.append(contentsOf: repeatElement(0, count: n))
        outValues.append(contentsOf: repeatElement(0, count: n))
        var used = 0
        keys.withUnsafeMutableBufferPointer { keys in
            slots.withUnsafeMutableBufferPointer { slots in
                rowIndices.withUnsafeBufferPointer { ri in
                    rowValues.withUnsafeBufferPointer { rv in
                        outIndices.withUnsafeMutableBufferPointer { oi in
                            outValues.withUnsafeMutableBufferPointer { ov in
                                keys.baseAddress!.update(repeating: 0, count: capacity)
                                for k in 0..<n {
                                    let key = ri[k] &+ 1
                                    var h = Int((key &* 2_654_435_761) >> shift)
                                    while true {
                                        let present = keys[h]
                                        if present == key {
                                            ov[base + Int(slots[h])] += rv[k]
                                            break
                                        }
                                        if present == 0 {
                                            keys[h] = key
                                            slots[h] = Int32(used)
                                            oi[base + used] = ri[k]
                                            ov[base + used] = rv[k]
                                            used += 1
                                            break
                                        }
                                        h = (h + 1) & mask
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        outIndices.removeLast(n - used)
        outValues.removeLast(n - used)
    }
}
