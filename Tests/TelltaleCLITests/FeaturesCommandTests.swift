import Foundation
import Testing

/// `telltale features` reads posts as `score` does and shows the features `score` sums.
@Suite struct FeaturesCommandTests {
    static func objects(_ r: CLIResult) throws -> [[String: Any]] {
        try r.stdoutLines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func jsonLinesAreReadAsPostsNotAsText() throws {
        let input = #"{"id":"a1","text":"We should strengthen the cooperation.","parent":"How do I lose belly fat?"}"# + "\n"
            + "plain text line here\n" + #"{"text": 5}"# + "\n"
        let r = try CLI.run(["features", "--names"], stdin: Data(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.objects(r)
        try #require(o.count == 3)
        #expect(o[0]["id"] as? String == "a1" && o[0]["text"] as? String == "We should strengthen the cooperation.")
        #expect(o[0]["parent"] as? String == "How do I lose belly fat?")
        let tokens = o[0]["tokens"] as? [String] ?? []
        #expect(tokens.first == "we" && !tokens.contains("id") && !tokens.contains("a1") && !tokens.contains("parent"))
        let features = o[0]["features"] as? [String] ?? []
        #expect(features.contains { $0.contains("skeleton `we should ‹w›`") }, "the default model's families")
        #expect(features.contains { $0.contains("parent") }, "pair features against the parent")
        #expect((o[1]["tokens"] as? [String]) == ["plain", "text", "line", "here"])
        #expect(o[2]["line"] as? Int == 3 && (o[2]["error"] as? String)?.contains("\"text\" must be a string") == true)
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let r = try CLI.run([], shell: """
            yes '{"text":"live on regression in America"}' | head -5000 | "$TELLTALE" features --names | head -1 > /dev/null
            echo "features=${PIPESTATUS[2]}"
            "$TELLTALE" inspect | head -1 > /dev/null
            echo "inspect=${PIPESTATUS[0]}"
            """)
        #expect(r.stdoutLines.contains("features=0"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdoutLines.contains("inspect=0"), "\(r.stdout) \(r.stderr)")
    }

    @Test func inspectTakesTheModelAsAnOptionToo() throws {
        let model = CLI.packageRoot.appendingPathComponent("Models/telltale.model").path
        let byOption = try CLI.run(["inspect", "--model", model]), byArgument = try CLI.run(["inspect", model])
        #expect(byOption.status == 0 && byOption.stdout == byArgument.stdout)
        let both = try CLI.run(["inspect", model, "--model", "/elsewhere.model"])
        #expect(both.status == 1 && both.stderr.contains("give the model once"), "\(both.stderr)")
    }

    /// Pair version 3 (a model trained now, and the shipped model since its retraining): a reply
    /// that answers with a related word (WordNet) says so, naming the parent's word. Version-2
    /// models computing as before is pinned in FeatureHashTests.
    @Test func relatedWordsAreNamedWithAPairVersion3Model() throws {
        let input = #"{"text":"Buy your car from the showroom near the airport.","parent":"Which automobile dealer is the cheapest?"}"# + "\n"
        let r = try CLI.run(["features", "--names", "--model", TestModel.path], stdin: Data(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let features = try Self.objects(r).first?["features"] as? [String] ?? []
        #expect(features.contains { $0.hasSuffix("reply uses a word related to the parent's `automobile`") }, "\(features)")
        let shipped = try CLI.run(["features", "--names"], stdin: Data(input.utf8))
        let named = try Self.objects(shipped).first?["features"] as? [String] ?? []
        #expect(named.contains { $0.hasSuffix("reply uses a word related to the parent's `automobile`") }, "\(named)")
    }
}
