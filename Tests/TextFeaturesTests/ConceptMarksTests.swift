import Testing
@testable import TextFeatures

/// Marks set, combined, read and cleared, past the first capacity of the list of marked concepts
/// (256), and reused after `clear` as the pair features reuse one per extractor.
@Test func conceptMarksSetReadAndClear() {
    let marks = ConceptMarks()
    #expect(!marks.has(7, ConceptMarks.parent))        // nothing allocated yet
    marks.clear()
    for round in 0..<3 {
        let concepts = (0..<600).map { UInt32(($0 * 83 + round) % WordConcepts.conceptCount) }
        for c in concepts { marks.mark(c, ConceptMarks.parent) }
        for c in concepts.prefix(100) { marks.mark(c, ConceptMarks.shared) }
        #expect(concepts.allSatisfy { marks.has($0, ConceptMarks.parent) })
        #expect(concepts.prefix(100).allSatisfy { marks.has($0, ConceptMarks.shared) })
        #expect(!concepts.dropFirst(100).contains { marks.has($0, ConceptMarks.shared) })
        marks.clear()
        #expect(!concepts.contains { marks.has($0, ConceptMarks.parent) || marks.has($0, ConceptMarks.shared) })
    }
}
