import Classifier
import Foundation
import Testing
@testable import Train

@Test func denseLogisticFitReachesAZeroGradient() {
    // Two overlapping classes on one feature; the optimum has Σ (p − y) x + λ w = 0 and Σ (p − y) = 0.
    let x: [[Double]] = [[-2], [-1], [-0.5], [0], [0.3], [0.5], [1], [2]]
    let y = [false, false, true, false, true, false, true, true]
    let f = DenseLogisticTrainer.fit(x: x, y: y, l2: 1)
    var gw = 1 * f.weights[0], gb = 0.0
    for i in x.indices {
        let p = 1 / (1 + exp(-(f.bias + f.weights[0] * x[i][0])))
        gw += (p - (y[i] ? 1 : 0)) * x[i][0]
        gb += p - (y[i] ? 1 : 0)
    }
    #expect(abs(gw) < 1e-8 && abs(gb) < 1e-8)
    #expect(f.weights[0] > 0)
}

@Test func accountTrainerCrossValidatesByStratifiedSeededFolds() throws {
    // 12 + 12 accounts; feature 0 separates them, feature 1 is noise, feature 2 is constant.
    var rows: [AccountTrainer.Row] = []
    for i in 0..<24 {
        let positive = i % 2 == 0
        rows.append(.init(name: "a\(i)", values: [positive ? 1 + Double(i) / 50 : Double(i) / 50, Double((i * 7) % 5), 3],
                          positive: positive, handLead: 0.5))
    }
    var t = AccountTrainer(features: ["signal", "noise", "constant"])
    t.seed = 7
    let folds = t.assignFolds(rows.sorted { $0.name < $1.name })
    for f in 0..<5 {
        let members = rows.sorted { $0.name < $1.name }.indices.filter { folds[$0] == f }
        #expect(members.count >= 4)
    }
    let card = AccountModelCard(trainedOn: "t", authors: 0, positives: 0, posts: 0, postModel: nil, l2: 1, folds: 5, seed: 7, minPosts: 1,
                                crossValidation: .init(rocAUC: .nan, precisionAt10: .nan, precisionAt20: .nan, logLoss: .nan),
                                handFormulaROCAUC: nil, strongestFeatures: [])
    let r = try t.train(rows, label: "state_linked", card: card)
    #expect(r.model.card.crossValidation.rocAUC == 1)
    #expect(r.model.card.crossValidation.precisionAt10 == 1)
    #expect(r.model.card.handFormulaROCAUC == 0.5)
    #expect(r.model.card.strongestFeatures.first == "+signal")
    #expect(r.model.weights[2] == 0 && r.model.scales[2] == 1)
    #expect(r.outOfFold.count == 24)
    // Same seed, same model.
    #expect(try t.train(rows.reversed(), label: "state_linked", card: card).model == r.model)
    // Too few accounts of a class for the folds is an error that says so.
    #expect(throws: TrainingError.self) { try t.train(Array(rows.prefix(6)), label: "state_linked", card: card) }
}
