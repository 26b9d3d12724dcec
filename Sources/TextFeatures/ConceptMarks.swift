/// Marks on `WordConcepts` concept numbers for one reply and its parent (the concepts of the
/// parent words the reply does not use; those a reply word has too): a byte of flags per concept,
/// cleared through the list of the concepts marked, so a test is one load and nothing is sorted
/// or allocated per post (the flags are allocated at the first mark). A class holding its
/// buffers, so marking does no copy-on-write checks: one per `FeatureExtractor` (in its
/// `PairScratch`), never shared.
final class ConceptMarks {
    /// A concept of a parent word the reply does not use.
    static let parent: UInt8 = 1
    /// One of those that a reply word has.
    static let shared: UInt8 = 2

    /// `WordConcepts.conceptCount` flag bytes (nil until the first mark).
    private var flags: UnsafeMutablePointer<UInt8>?
    /// The concepts marked since the last `clear`.
    private var marked: UnsafeMutablePointer<UInt32>
    private var markedCount = 0
    private var markedCapacity = 256
    private let conceptCount = WordConcepts.conceptCount

    init() {
        marked = .allocate(capacity: markedCapacity)
    }

    deinit {
        flags?.deallocate()
        marked.deallocate()
    }

    /// Sets `flag` on concept `c` (below `WordConcepts.conceptCount`).
    @inline(__always)
    func mark(_ c: UInt32, _ flag: UInt8) {
        let f = flags ?? allocateFlags()
        let i = Int(c)
        precondition(i < conceptCount, "concept \(c) is outside the WordConcepts table")
        if f[i] == 0 {
            if markedCount == markedCapacity { growMarked() }
            marked[markedCount] = c
            markedCount += 1
        }
        f[i] |= flag
    }

    /// Whether concept `c` has `flag`.
    @inline(__always)
    func has(_ c: UInt32, _ flag: UInt8) -> Bool {
        guard let f = flags else { return false }
        precondition(Int(c) < conceptCount, "concept \(c) is outside the WordConcepts table")
        return f[Int(c)] & flag != 0
    }

    /// Clears every mark.
    func clear() {
        guard let f = flags else { return }
        for k in 0..<markedCount { f[Int(marked[k])] = 0 }
        markedCount = 0
    }

    private func allocateFlags() -> UnsafeMutablePointer<UInt8> {
        let f = UnsafeMutablePointer<UInt8>.allocate(capacity: conceptCount)
        f.initialize(repeating: 0, count: conceptCount)
        flags = f
        return f
    }

    private func growMarked() {
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: markedCapacity * 2)
        bigger.update(from: marked, count: markedCount)
        marked.deallocate()
        marked = bigger
        markedCapacity *= 2
    }
}
