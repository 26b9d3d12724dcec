import Foundation
import Testing
@testable import Train
import Corpus

/// The hold-out is chosen row by row from the row's own text: rows of one label added to the data
/// move no other row between training and hold-out, so the other labels train exactly as before.
struct HoldoutSplitTests {
    static func record(_ text: String, parent: String? = nil) -> CorpusRecord {
        CorpusRecord(id: nil, text: text, parent: parent, labels: ["non_idiomatic": 0], source: nil)
    }

    @Test func aRowsSideDependsOnItsTextNotOnTheOtherRows() {
        let split = HoldoutSplit(fraction: 0.1, seed: 1)
        let own = (0..<2000).map { Self.record("written sentence number \($0) about the weather") }
        let others = (0..<500).map { Self.record("another label's reply \($0)", parent: "a question") }
        func heldTexts(_ records: [CorpusRecord]) -> Set<String> { Set(split.split(records).holdout.map { records[$0].text }) }
        let alone = heldTexts(own)
        #expect((160...240).contains(alone.count), "about a tenth held out: \(alone.count) of 2000")
        let withOthers = heldTexts(others + own + others.reversed()).filter { $0.hasPrefix("written") }
        #expect(withOthers == alone)
        #expect(heldTexts(own.reversed()) == alone)
    }

    @Test func identicalRowsFallOnTheSameSideAndTheParentCounts() {
        let split = HoldoutSplit(fraction: 0.5, seed: 7)
        let r = Self.record("the same words every time")
        #expect(Set((0..<20).map { _ in split.holdsOut(r) }).count == 1)
        let sides = Set((0..<64).map { split.holdsOut(Self.record("the same reply", parent: "question \($0)")) })
        #expect(sides == [true, false], "the parent is part of the row")
        #expect(HoldoutSplit(fraction: 0.5, seed: 8).split((0..<200).map { Self.record("row \($0)") }).holdout
                != split.split((0..<200).map { Self.record("row \($0)") }).holdout, "the seed chooses")
    }

    @Test func tooFewRowsForBothSidesHoldNothingOut() {
        let one = [Self.record("only row")]
        #expect(HoldoutSplit(fraction: 0.1, seed: 1).split(one) == (train: [0], holdout: []))
        #expect(HoldoutSplit(fraction: 0, seed: 1).split((0..<50).map { Self.record("row \($0)") }).holdout.isEmpty)
    }

    /// More off_topic rows leave the non_idiomatic weights, bias and calibration bit for bit as
    /// they were (with a split over the row count, every row could move).
    @Test func addingRowsOfOneLabelLeavesTheOtherLabelsModelAsItWas() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-holdout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var extra = ""
        for i in 0..<60 {
            let answer = i % 2 == 0 ? "Lift heavy twice a week and eat less sugar, number \(i)." : "The police and the people work together as one family \(i)."
            extra += #"{"text":"\#(answer)","parent":"How do I lose belly fat, try \#(i)?","labels":{"off_topic":\#(i % 2)}}"# + "\n"
        }
        let extraPath = dir.appendingPathComponent("more-off-topic.jsonl").path
        try Data(extra.utf8).write(to: URL(fileURLWithPath: extraPath))
        var o = testOptions(.nblr)
        o.labels = ["non_idiomatic", "off_topic"]
        let before = try TrainingPipeline(options: o).run(data: [examplesPath])
        let after = try TrainingPipeline(options: o).run(data: [examplesPath, extraPath])
        let l = 0
        let w0 = before.model.weights, w1 = after.model.weights
        #expect(w0.bias[l] == w1.bias[l])
        #expect((0..<w0.bucketCount).allSatisfy { w0.weight(bucket: $0, label: l) == w1.weight(bucket: $0, label: l) })
        #expect(before.model.header.calibration[l] == after.model.header.calibration[l])
        #expect(w0.bias[1] != w1.bias[1], "off_topic did change")
    }
}
