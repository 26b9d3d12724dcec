import Foundation
import Testing
import TestSupport

/// Evasion robustness of the score: a model trained by `telltale train` on Corpus/examples.jsonl
/// scores written posts of every label and their perturbed copies (the perturbations of
/// scripts/evasion_perturb.py); each label's probability moves by at most 0.02.
///
/// Mixed case is the exception: it changes the casing habits the `shape` family records by design
/// ("starts with a lower-case letter", "mostly capitals"), so its bound is 0.05.
@Suite struct EvasionScoreTests {
    static let modelPath: String? = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-evasion-\(ProcessInfo.processInfo.processIdentifier).model").path
        let data = CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path
        guard let r = try? CLI.run(["train", "--data", data, "--out", out, "--seed", "1"]), r.status == 0 else { return nil }
        return out
    }()

    private func line(_ id: String, _ text: String, _ parent: String?) -> String {
        var obj: [String: String] = ["id": id, "text": text]
        if let parent { obj["parent"] = parent }
        return String(decoding: try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func perturbedCopiesScoreWithinTheBound() throws {
        let model = try #require(Self.modelPath, "telltale train on Corpus/examples.jsonl failed")
        var input = ""
        for (i, p) in evasionPosts.enumerated() {
            input += line("\(i)|clean", p.text, p.parent) + "\n"
            for kind in Perturbation.allCases { input += line("\(i)|\(kind.rawValue)", kind.apply(p.text), p.parent) + "\n" }
        }
        let r = try CLI.run(["score", "--model", model], stdin: Data(input.utf8))
        #expect(r.status == 0)
        var scores: [String: [String: Double]] = [:]
        for l in r.stdoutLines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
            let id = try #require(obj["id"] as? String)
            scores[id] = (obj["scores"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Double }
        }
        #expect(scores.count == evasionPosts.count * (1 + Perturbation.allCases.count))
        var compared = 0
        for (i, p) in evasionPosts.enumerated() {
            let clean = try #require(scores["\(i)|clean"])
            // mixed_zh_en always has a score (0 outside its gate); non_idiomatic is null on posts that
            // are not mostly English, off_topic without a parent.
            #expect(clean["mixed_zh_en"] != nil && (clean["off_topic"] != nil) == (p.parent != nil))
            for kind in Perturbation.allCases {
                // Evasion opens or closes no gate: the same labels are scored.
                #expect(Set((scores["\(i)|\(kind.rawValue)"] ?? [:]).keys) == Set(clean.keys), "\(kind.rawValue): \(kind.apply(p.text))")
                let perturbed = kind.apply(p.text)
                for (label, c) in clean {
                    let d = abs((scores["\(i)|\(kind.rawValue)"]?[label] ?? .nan) - c)
                    compared += 1
                    #expect(d <= kind.bound, "\(kind.rawValue) \(label) Δ=\(d): \(perturbed)")
                }
            }
        }
        #expect(compared >= 140)
    }
}

extension Perturbation {
    /// How far a label's probability may move under this trick (mixed case: see above).
    var bound: Double { self == .mixedCase ? 0.05 : 0.02 }
}
