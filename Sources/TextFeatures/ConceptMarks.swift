/// Marks on `WordConcepts` concept numbers for one reply and its parent (the concepts of the
/// parent words the reply does not use; those a reply word has too): a byte of flags per concept,
/// cleared through the list of the concepts marked, so a test is one load and nothing is sorted
/// or allocated per post (the flags are allocated at the first mark).
struct ConceptMarks {
    /// A concept of a parent word the reply does not use.
    static let parent: UInt8 = 1
    /// One of those that a reply word has.
    static let shared: UInt8 = 2

    private var flags: [UInt8] = []
    private var marked: [UInt32] = []

    init() {}

    /// Sets `flag` on concept `c`.
    @inline(__always)
    mutating func mark(_ c: UInt32, _ flag: UInt8) {
        if flags.isEmpty { flags = [UInt8](repeating: 0, count: WordConcepts.conceptCount) }
        let i = Int(c)
        if flags[i] == 0 { marked.append(c) }
        flags[i] |= flag
    }

    /// Whether concept `c` has `flag`.
    @inline(__always)
    func has(_ c: UInt32, _ flag: UInt8) -> Bool {
        flags.isEmpty ? false : flags[Int(c)] & flag != 0
    }

    /// Clears every mark.
    mutating func clear() {
        for c in marked { flags[Int(c)] = 0 }
        marked.removeAll(keepingCapacity: true)
    }
}
