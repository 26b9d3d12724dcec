/// Related English words from WordNet 3.0: each `ContentWords` stem with the concepts its first
/// sense names or is derived from, so pair features (version 3) can count `pregnancy` in a reply
/// as answering `pregnant` in its parent, or `automobile` as answering `car`. The lookup table
/// (`WordConcepts+Table.swift`, WordNet licence inside) is built by `scripts/gen-word-concepts.py`
/// and read in place from the binary's read-only data: nothing is parsed or allocated at run time.
public enum WordConcepts {
    /// The stems' content hashes (`ContentWords.seed`) in a `Base64Slots` table, under two thirds
    /// full; a slot's value is the position in the ids of the key's concept count, its concepts
    /// after it. Ids are 3 base-64 digits, 256 a line (the layout `scripts/gen-word-concepts.py`
    /// writes).
    struct Index: @unchecked Sendable {
        let slots: Base64Slots
        // A pointer to the constant bytes of a string literal: immutable, valid for the whole run.
        let ids: UnsafePointer<UInt8>

        /// The `k`th id (a concept count or a concept number).
        @inline(__always)
        func id(_ k: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: Base64Slots.digits(ids + (k >> 8) * (256 * 3 + 1) + (k & 255) * 3, 3))
        }

        /// Where the concepts of the content word with hash `h` are among the ids (empty: none).
        @inline(__always)
        func span(_ h: UInt64) -> Range<Int> {
            guard let at = slots.value(h) else { return 0..<0 }
            return (at + 1)..<(at + 1 + Int(id(at)))
        }

        func concepts(_ h: UInt64) -> [UInt32] { span(h).map(id) }
    }

    static let index = Index(slots: Base64Slots(text: slotText.utf8Start, mask: slotCount - 1), ids: idText.utf8Start)

    /// The concept numbers of the content word with hash `h` (empty: not in the table).
    public static func concepts(_ h: UInt64) -> [UInt32] { index.concepts(h) }

    /// The concept numbers of `word` (lower case, as `ContentWords` stems it).
    public static func concepts(ofStem word: String) -> [UInt32] {
        concepts(FeatureHash.hash(word, seed: ContentWords.seed))
    }

    /// Stems in the table.
    public static var count: Int { (0..<slotCount).reduce(0) { index.slots.slot($1) == 0 ? $0 : $0 + 1 } }
}
