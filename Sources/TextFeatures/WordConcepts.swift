/// Related English words from WordNet 3.0: each `ContentWords` stem with the concepts its first
/// sense names or is derived from, so pair features (version 3) can count `pregnancy` in a reply
/// as answering `pregnant` in its parent, or `automobile` as answering `car`. The lookup table
/// (`WordConcepts+Table.swift`, WordNet licence inside) is built by `scripts/gen-word-concepts.py`
/// and read in place from the binary's read-only data: nothing is parsed or allocated at run time.
public enum WordConcepts {
    /// Open addressing over the stems' content hashes (`ContentWords.seed`), under two thirds
    /// full. A slot is 0 (empty) or `tag << 22 | at`: `tag` is the upper 32 bits of the key's hash
    /// (at least 1; a tag match is taken as the key), `at` the position in the ids of the key's
    /// concept count, its concepts after it. Both are stored as base-64 digits (`'0' + d`, most
    /// significant first) in raw string literals: 9 digits a slot, 64 slots a line; 3 digits an
    /// id, 256 ids a line (the layout `scripts/gen-word-concepts.py` writes).
    struct Index: @unchecked Sendable {
        // Pointers to the constant bytes of two string literals: immutable, valid for the
        // whole run, so sharing them between threads is safe.
        let slots: UnsafePointer<UInt8>
        let ids: UnsafePointer<UInt8>
        let mask: Int

        static let atBits: UInt64 = 22

        @inline(__always)
        static func tag(_ h: UInt64) -> UInt64 { max(h >> 32, 1) }

        @inline(__always)
        static func digits(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<n { v = v << 6 | UInt64(p[i] &- 0x30) }
            return v
        }

        /// Slot `i` (0: empty).
        @inline(__always)
        func slot(_ i: Int) -> UInt64 { Index.digits(slots + (i >> 6) * (64 * 9 + 1) + (i & 63) * 9, 9) }

        /// The `k`th id (a concept count or a concept number).
        @inline(__always)
        func id(_ k: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: Index.digits(ids + (k >> 8) * (256 * 3 + 1) + (k & 255) * 3, 3))
        }

        /// Where the concepts of the content word with hash `h` are among the ids (empty: none).
        @inline(__always)
        func span(_ h: UInt64) -> Range<Int> {
            let t = Index.tag(h)
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while true {
                let v = slot(i)
                if v >> Index.atBits == t {
                    let at = Int(truncatingIfNeeded: v & ((1 << Index.atBits) - 1))
                    return (at + 1)..<(at + 1 + Int(id(at)))
                }
                if v == 0 { return 0..<0 }
                i = (i &+ 1) & mask
            }
        }

        func concepts(_ h: UInt64) -> [UInt32] { span(h).map(id) }
    }

    static let index = Index(slots: slotText.utf8Start, ids: idText.utf8Start, mask: slotCount - 1)

    /// The concept numbers of the content word with hash `h` (empty: not in the table).
    public static func concepts(_ h: UInt64) -> [UInt32] { index.concepts(h) }

    /// The concept numbers of `word` (lower case, as `ContentWords` stems it).
    public static func concepts(ofStem word: String) -> [UInt32] {
        concepts(FeatureHash.hash(word, seed: ContentWords.seed))
    }

    /// Stems in the table.
    public static var count: Int { (0..<slotCount).reduce(0) { index.slot($1) == 0 ? $0 : $0 + 1 } }
}
