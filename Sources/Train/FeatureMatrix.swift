/// Every training row's features, extracted once: a CSR sparse matrix (row offsets into parallel
/// `indices`/`values`, each row's indices distinct, in order of first appearance) plus, per label, the row targets
/// (-1 unknown, 0, 1), the `source` of each row and whether it had a parent.
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
    }

    public var rowCount: Int { rowOffsets.count - 1 }
    public var nonZeroCount: Int { indices.count }

    /// Range of row `r` in `indices`/`values`.
    @inlinable
    public func range(ofRow r: Int) -> Range<Int> { rowOffsets[r]..<rowOffsets[r + 1] }

    /// Appends a row; duplicate indices are summed (in input order) into their first appearance.
    /// `targets` has one entry per label (-1, 0, 1).
    public mutating func appendRow(indices rowIndices: [UInt32], values rowValues: [Float], targets rowTargets: [Int8],
                                   source: String? = nil, hasParent: Bool = false) {
        var merger = DuplicateMerger(bucketCount: bucketCount)
        merger.append(indices: rowIndices, values: rowValues, into: &indices, &values)
        rowOffsets.append(indices.count)
        for l in labels.indices { targets[l].append(l < rowTargets.count ? rowTargets[l] : -1) }
        sources.append(source)
        self.hasParent.append(hasParent)
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
    }

    /// Rows where `label` is known, ascending (all rows when `among` is nil, else those of `among`).
    public func knownRows(label: Int, among: [Int]? = nil) -> [Int] {
        let t = targets[label]
        if let among { return among.filter { t[$0] >= 0 } }
        return t.indices.filter { t[$0] >= 0 }
    }
}

/// Sums repeated indices of a sparse row through a dense slot table (reused across rows, so no
/// sorting and no allocation per row). Values of one index are added in input order.
struct DuplicateMerger {
    private var slot: [Int32]

    init(bucketCount: Int) { slot = [Int32](repeating: -1, count: bucketCount) }

    /// Appends the row's distinct indices (first-appearance order) and summed values to the outputs.
    mutating func append(indices rowIndices: [UInt32], values rowValues: [Float],
                         into outIndices: inout [UInt32], _ outValues: inout [Float]) {
        let base = outIndices.count
        slot.withUnsafeMutableBufferPointer { slot in
            for (k, i) in rowIndices.enumerated() {
                let b = Int(i)
                let s = Int(slot[b])
                if s >= 0 {
                    outValues[base + s] += rowValues[k]
                } else {
                    slot[b] = Int32(outIndices.count - base)
                    outIndices.append(i)
                    outValues.append(rowValues[k])
                }
            }
            for k in base..<outIndices.count { slot[Int(outIndices[k])] = -1 }
        }
    }
}
