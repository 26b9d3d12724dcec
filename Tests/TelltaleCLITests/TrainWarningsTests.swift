import Foundation
import Testing

/// `train` warnings reach standard error when it is not a terminal, and a label with one class is
/// an error naming it (run through the built executable; stderr is a pipe here).
@Suite struct TrainWarningsTests {
    static func write(_ rows: [(String, Int)], label: String, to url: URL) throws {
        let lines = try rows.map { text, y -> String in
            let data = try JSONSerialization.data(withJSONObject: ["text": text, "labels": [label: y]])
            return String(decoding: data, as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static let positives = ["we should firmly grasp the opportunity", "strengthen the cooperation and realize win-win",
                            "the relevant departments will further promote", "actively carry out the work of epidemic prevention"]
    static let negatives = ["lol cant wait for the weekend", "honestly this album slaps", "ok who ate my fries",
                            "just finished a 10k run feeling great"]

    @Test func aLabelWithOneClassIsAnErrorNamingIt() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("one.jsonl")
        try Self.write(Self.positives.map { ($0, 1) }, label: "non_idiomatic", to: data)
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", data.path, "--out", out, "--bucket-bits", "12"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("label `non_idiomatic` has only class 1 rows (4)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func calibrationWarningsReachARedirectedStderr() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("train.jsonl"), calib = dir.appendingPathComponent("calib.jsonl")
        try Self.write(Self.positives.map { ($0, 1) } + Self.negatives.map { ($0, 0) }, label: "non_idiomatic", to: data)
        try Self.write(Self.positives.map { ($0, 1) }, label: "non_idiomatic", to: calib)
        let out = dir.appendingPathComponent("m.model").path
        let r = try CLI.run(["train", "--data", data.path, "--calibrate-on", calib.path, "--out", out, "--bucket-bits", "12",
                             "--epochs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("telltale: warning: non_idiomatic: held-out rows are all one class: uncalibrated"), "\(r.stderr)")
    }

    @Test func earlyStoppingTakesOnlyItsThreeValues() throws {
        let examples = CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.model").path
        let ok = try CLI.run(["train", "--data", examples, "--out", out, "--bucket-bits", "12", "--epochs", "2", "--early-stopping", "off"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try CLI.run(["inspect", out]).stdout.contains("earlyStopping=off"))
        let bad = try CLI.run(["train", "--data", examples, "--out", out, "--early-stopping", "never"])
        #expect(bad.status == 1 && bad.stderr.contains("--early-stopping: expected holdout, dev or off, got 'never'"), "\(bad.stderr)")
    }
}

@Test func versionSaysTheReleaseAndTheModelFormat() throws {
    let r = try CLI.run(["--version"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "telltale 0.1.0 (model format 2)", "\(r.stdout)")
}
