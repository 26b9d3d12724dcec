import Classifier
import Foundation
import Testing
import TextFeatures
@testable import Train
import Corpus

/// `train` writes label gates into the model, and the metrics it stores apply them as `Scorer` does.
struct GatedTrainingTests {
    @Test func defaultGatesAreWrittenForTheLabelsTheyAreFor() throws {
        let r = try TrainingPipeline(options: testOptions()).run(data: [examplesPath])
        #expect(r.model.header.gates == ["mixed_zh_en": .mandarinEnglish, "non_idiomatic": .mostlyEnglish])
        var none = testOptions()
        none.gates = [:]
        #expect(try TrainingPipeline(options: none).run(data: [examplesPath]).model.header.gates == nil)
        var custom = testOptions()
        custom.gates = ["off_topic": .mostlyEnglish, "spam": .mostlyEnglish] // a label the data lacks is dropped
        #expect(try TrainingPipeline(options: custom).run(data: [examplesPath]).model.header.gates == ["off_topic": .mostlyEnglish])
        var bad = testOptions()
        bad.gates = ["mixed_zh_en": LabelGate(rule: "x", outside: .zero, minLatinWordShare: 2)]
        #expect(bad.problem()?.contains("gate of `mixed_zh_en`") == true)
    }

    @Test func matrixScoringAppliesTheGatesLikeTheScorer() throws {
        let r = try TrainingPipeline(options: testOptions()).run(data: [examplesPath])
        let model = r.model
        let posts = ["오늘 회의는 세 시에 시작합니다. See you tomorrow!", "这个 weekend 我们去 hiking 吧",
                     "We should firmly grasp the opportunity of development.", "今天天气很好，我们去公园吧。", "ok"]
        let records = posts.enumerated().map { CorpusRecord(id: "\($0.offset)", text: $0.element, parent: nil, labels: [:], source: nil) }
        let matrix = FeatureMatrixBuilder(config: model.header.features, threads: 1)
            .matrix(records, labels: model.labels, documentFrequencies: model.documentFrequencies)
        let fromMatrix = MatrixScoring.probabilities(model, matrix)
        let scorer = try Scorer(model: model)
        for (i, text) in posts.enumerated() {
            let s = scorer.score(text: text)
            // The matrix merges repeated features of a row before scoring, the scorer adds them one by
            // one: the same probability up to float rounding.
            for l in model.labels.indices {
                #expect(fromMatrix[l][i].map { abs($0 - s.probabilities[l]!) < 1e-6 } ?? (s.probabilities[l] == nil),
                        "\(model.labels[l]) on \(text)")
            }
        }
        let mixed = try #require(model.labelIndex("mixed_zh_en")), nonIdiomatic = try #require(model.labelIndex("non_idiomatic"))
        #expect(fromMatrix[mixed][0] == 0 && fromMatrix[nonIdiomatic][0] == nil)  // Korean
        #expect(fromMatrix[mixed][3] == 0 && fromMatrix[nonIdiomatic][3] == nil)  // pure Chinese
        #expect(fromMatrix[nonIdiomatic][2] != nil && fromMatrix[nonIdiomatic][4] == nil)
    }

    @Test func rowsWithoutScriptCountsPassEveryGate() {
        var m = FeatureMatrix(bucketCount: 16, labels: ["mixed_zh_en"])
        m.appendRow(indices: [1], values: [1], targets: [1])
        m.appendRow(indices: [2], values: [1], targets: [0], script: ScriptSummary(hangul: 5, latinWords: 2))
        #expect(MatrixScoring.verdict(.mandarinEnglish, m, row: 0) == .applies)
        #expect(MatrixScoring.verdict(.mandarinEnglish, m, row: 1) == .korean)
        #expect(MatrixScoring.verdict(nil, m, row: 1) == .applies)
    }
}
