import Foundation
import Testing
@testable import Classifier

private func sampleModel() -> AccountModel {
    AccountModel(label: "state_linked", features: ["hashtag_share", "link_share"], means: [0.2, 0.7], scales: [0.1, 0.3],
                 weights: [0.6, -0.4], bias: -0.1, clip: 3, calibration: .platt(a: 1.5, b: 0.2),
                 card: AccountModelCard(trainedOn: "x.jsonl", authors: 20, positives: 10, posts: 160, postModel: "p.model", l2: 10,
                                        folds: 5, seed: 1, minPosts: 3,
                                        crossValidation: .init(rocAUC: 0.9, precisionAt10: 1, precisionAt20: 0.8, logLoss: 0.4),
                                        handFormulaROCAUC: 0.5, strongestFeatures: ["+hashtag_share"]))
}

@Test func accountModelFileRoundTripsByteIdentically() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("acct-\(UUID().uuidString).model").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let m = sampleModel()
    try AccountModelFile.write(m, to: path)
    let loaded = try AccountModelFile.load(path: path)
    #expect(loaded == m)
    #expect(try AccountModelFile.bytes(loaded, path: path) == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    // contributions: weight × (value − mean) / scale; probability through the Platt calibration.
    let c = m.contributions([0.5, 0.1])
    #expect(abs(c[0] - 1.8) < 1e-12 && abs(c[1] - 0.8) < 1e-12)
    #expect(abs(m.probability([0.5, 0.1]) - 1 / (1 + exp(-(1.5 * 2.5 + 0.2)))) < 1e-12)
    // Beyond 3 standard deviations a value counts as 3.
    #expect(abs(m.contributions([5, 0.7])[0] - 1.8) < 1e-12)
}

@Test func damagedAccountModelFilesNameTheProblem() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acct-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bytes = try AccountModelFile.bytes(sampleModel(), path: "x")
    func load(_ b: [UInt8]) throws -> AccountModelError? {
        let p = dir.appendingPathComponent("m\(b.count)-\(b.hashValue)").path
        try Data(b).write(to: URL(fileURLWithPath: p))
        do { _ = try AccountModelFile.load(path: p); return nil } catch { return error }
    }
    guard case .truncated(_, let e, let f) = try load(Array(bytes.prefix(30))) else { Issue.record("not truncated"); return }
    #expect(e == bytes.count && f == 30)
    var flipped = bytes
    flipped[20] ^= 0x20
    guard case .corrupted = try load(flipped) else { Issue.record("not corrupted"); return }
    guard case .notAnAccountModel = try load(Array("hello world, not a model".utf8)) else { Issue.record("not rejected"); return }
    var newer = bytes
    newer[8] = 9
    guard case .newerVersion(_, 9) = try load(newer) else { Issue.record("not newer"); return }
    guard case .invalid = try load(bytes + [0]) else { Issue.record("extra byte accepted"); return }
}
