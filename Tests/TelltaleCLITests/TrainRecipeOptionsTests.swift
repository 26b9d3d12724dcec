import Foundation
import Testing

/// `train --source-weights` and the `skeleton` family, through the built executable.
@Suite struct TrainRecipeOptionsTests {
    static let examples = CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path

    @Test func sourceWeightsAreRecordedAndAWrongValueIsAUsageError() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.model").path
        let ok = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                              "--source-weights", "balanced", "--features", "word", "skeleton"])
        try #require(ok.status == 0, "\(ok.stderr)")
        let card = try CLI.run(["inspect", out]).stdout
        #expect(card.contains("sourceWeights=balanced"), "\(card)")
        #expect(card.contains("families word, skeleton"), "\(card)")
        let bad = try CLI.run(["train", "--data", Self.examples, "--out", out, "--source-weights", "equal"])
        #expect(bad.status == 1 && bad.stderr.contains("--source-weights: expected none or balanced, got 'equal'"), "\(bad.stderr)")
        let confounded = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                                      "--confound", "web=written", "--confound-value", "3"])
        try #require(confounded.status == 0, "\(confounded.stderr)")
        #expect(try CLI.run(["inspect", out]).stdout.contains("confounders=web=written"))
        let scaled = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                                  "--labels", "non_idiomatic", "--source-weight", "non_idiomatic:written=0.5"])
        try #require(scaled.status == 0, "\(scaled.stderr)")
        #expect(try CLI.run(["inspect", out]).stdout.contains("sourceScales=non_idiomatic:written=0.5"))
        let badScale = try CLI.run(["train", "--data", Self.examples, "--out", out, "--source-weight", "written"])
        #expect(badScale.status == 1 && badScale.stderr.contains("--source-weight: expected [label:]pattern=factor"), "\(badScale.stderr)")
        let otherLabel = try CLI.run(["train", "--data", Self.examples, "--out", out, "--labels", "non_idiomatic",
                                      "--source-weight", "off_topic:written=0.5"])
        #expect(otherLabel.status != 0 && otherLabel.stderr.contains("names label `off_topic`, which is not trained"),
                "\(otherLabel.stderr)")
        let badGroup = try CLI.run(["train", "--data", Self.examples, "--out", out, "--confound", "web"])
        #expect(badGroup.status == 1 && badGroup.stderr.contains("--confound: expected group=pattern"), "\(badGroup.stderr)")
    }

    @Test func plainTrainIsTheShippedRecipe() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", Self.examples, "--out", out])
        try #require(r.status == 0, "\(r.stderr)")
        let card = try CLI.run(["inspect", out]).stdout
        #expect(card.contains("families word, chars, han, script, skeleton, pair;"), "\(card)")
        #expect(card.contains("2^17 = 131072 buckets") && card.contains("word 1–2 grams"), "\(card)")
        #expect(card.contains("(not of function words)") && card.contains("skeleton 2–3 grams"), "\(card)")
        #expect(card.contains("l2=0.0001") && card.contains("sourceWeights=balanced"), "\(card)")
        let help = try CLI.run(["train", "--help"]).stdout
        #expect(help.contains("normalization and") && help.contains("opt-in"), "\(help)")
    }

    @Test func explanationsNameSkeletonFeaturesReadably() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                             "--labels", "non_idiomatic", "--features", "skeleton"])
        try #require(r.status == 0, "\(r.stderr)")
        let line = #"{"text":"We should strengthen the cooperation and realize the win-win result together."}"# + "\n"
        let s = try CLI.run(["score", "--model", out, "--explain", "--threshold", "non_idiomatic=0"], stdin: Data(line.utf8))
        #expect(s.status == 0)
        #expect(s.stdout.contains("skeleton `"), "\(s.stdout)")
        #expect(!s.stdout.contains("bucket"), "\(s.stdout)")
    }

    @Test func skelcharsIsOptInInspectedAndExplainedReadably() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                             "--labels", "non_idiomatic", "--features", "word", "skelchars"])
        try #require(r.status == 0, "\(r.stderr)")
        let card = try CLI.run(["inspect", out]).stdout
        #expect(card.contains("families word, skelchars;") && card.contains("skeleton-text byte 3–5 grams"), "\(card)")
        let line = #"{"text":"We should strengthen the cooperation and realize the win-win result together."}"# + "\n"
        let s = try CLI.run(["score", "--model", out, "--explain", "--threshold", "non_idiomatic=0"], stdin: Data(line.utf8))
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("skeleton chars `"), "\(s.stdout)")
        // No topic word in a skeleton-chars reason.
        #expect(!s.stdout.split(separator: "\"").contains { $0.hasPrefix("skeleton chars `") && $0.contains("cooperation") })
        let help = try CLI.run(["train", "--help"]).stdout
        #expect(help.contains("skelchars"), "\(help)")
        let short = try CLI.run(["train", "--data", Self.examples, "--out", out, "--bucket-bits", "14", "--epochs", "3",
                                 "--labels", "non_idiomatic", "--features", "word", "skelchars", "--skelchar-ngrams", "4-5"])
        try #require(short.status == 0, "\(short.stderr)")
        #expect(try CLI.run(["inspect", out]).stdout.contains("skeleton-text byte 4–5 grams"))
        let backwards = try CLI.run(["train", "--data", Self.examples, "--out", out, "--features", "skelchars", "--skelchar-ngrams", "5-4"])
        #expect(backwards.status != 0 && backwards.stderr.contains("skelchars n-grams must satisfy 1 <= min <= max <= 8, got 5...4"), "\(backwards.stderr)")
        let bad = try CLI.run(["train", "--data", Self.examples, "--out", out, "--features", "skelchar"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown family 'skelchar'") && bad.stderr.contains("skelchars"), "\(bad.stderr)")
    }
}
