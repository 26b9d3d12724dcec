import Foundation
import Testing
import TextFeatures
@testable import Classifier

/// `score(explain:)` names only the features that can be reasons (`ReasonSearch`); its reasons
/// must equal those found by naming every feature (`Scorer.reasons`), collisions and all.
@Suite struct ReasonSearchTests {
    static let posts: [(String, String?)] = [
        ("We should strengthen the cooperation and realize the win-win result together.", nil),
        ("The police of our two countries have deepened cooperation and jointly cracked down on telecom fraud.",
         "What's the best weight-lifting routine to lose belly fat?"),
        ("今天的meeting又delay了，我们的deadline怎么办？", nil),
        ("오늘 회의는 세 시에 시작합니다. See you tomorrow!", nil),
        ("Honestly the new album is a masterpiece, can't stop listening.", "Any album recommendations?"),
        ("Lift heavy, eat less, sleep well: that is the whole routine for belly fat.", "How do I lose belly fat?"),
        ("I very like this city, the people here are very warm-hearted. Check https://example.com @friend #travel", nil),
        (String(repeating: "the price of pork has a big rise this year and ordinary people feel the pressure very much ", count: 60), nil),
        ("ｆｕｌｌ ｗｉｄｔｈ text with а homoglyph and 美国 words", "   "),
        // Byte n-grams cut inside ’ or é all read `<i�`-like: one name over several buckets.
        ("I’ll never forget the café in Zürich, naïve as I was; I’ll go back and I’ll stay.", nil),
        ("Ｉ’ｌｌ ｎｅｖｅｒ ｇｉｖｅ ｕｐ and I’ll keep going, we’ll see, you’ll see.", nil),
    ]

    func check(_ model: Model, _ label: String) throws -> (flags: Int, fallbacks: Int) {
        let scorer = try Scorer(model: model)
        var flags = 0
        for (text, parent) in Self.posts {
            for k in [1, 3, 6] {
                let s = scorer.score(text: text, parent: parent, explain: true, k: k)
                for name in s.flags {
                    flags += 1
                    let full = scorer.reasons(text: text, parent: parent, label: name, k: k)
                    #expect(s.reasons[name] == full, "\(label) k=\(k) \(name): \(text.prefix(40))")
                }
            }
        }
        return (flags, scorer.reasonSearchRetries)
    }

    @Test func randomModelsWithManyCollisions() throws {
        var flags = 0, fallbacks = 0
        for seed in UInt64(1)...8 {
            let r = try check(TestModels.random(seed: seed, bucketBits: seed % 2 == 0 ? 6 : 12), "seed \(seed)")
            flags += r.flags
            fallbacks += r.fallbacks
        }
        #expect(flags > 50, "the models flag posts, so reasons were compared")
        #expect(fallbacks > 0, "tiny bucket spaces make the search name more buckets at least once")
    }

    @Test func theDefaultModel() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/telltale.model").path
        let r = try check(try Model.load(path: path), "default")
        #expect(r.flags >= 10)
    }
}
