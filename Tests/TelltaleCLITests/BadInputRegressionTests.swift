import Foundation
import Testing
import TelltaleIO

/// Inputs that crashed a fuzz target (kept in Tests/Fuzz/regressions/, named after the target),
/// replayed through the same code paths; each must now give a result or an error record.
@Suite struct BadInputRegressionTests {
    static var regressionDirectory: URL { CLI.packageRoot.appendingPathComponent("Tests/Fuzz/regressions") }

    static func inputs(_ prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: regressionDirectory.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }

    @Test func postLineCrashesParseEveryLine() throws {
        let names = Self.inputs("postline-")
        #expect(!names.isEmpty)
        for name in names {
            let data = try Data(contentsOf: Self.regressionDirectory.appendingPathComponent(name))
            var parser = PostLineParser()
            var post = PostLine()
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                let err = Array(line).withUnsafeBufferPointer { parser.parse($0, into: &post) }
                if let err { #expect(err.byte >= 0 && err.byte <= max(line.count, 1), "\(name): \(err)") }
                if err == nil { #expect(String(validating: post.text, as: UTF8.self) != nil, "\(name)") }
            }
            let r = try CLI.run(["score", "--model", TestModel.path], stdin: data)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdoutLines.count == data.split(separator: 0x0A, omittingEmptySubsequences: false).count - (data.last == 0x0A ? 1 : 0))
        }
    }

    /// Found by FuzzPostLine: every valid two-byte UTF-8 character (é, Cyrillic, Greek...) made
    /// the UTF-8 check trap on an empty range.
    @Test(arguments: ["café", "Привет мир", "Ελληνικά", "{\"text\":\"naïve\"}", "é", "\u{07FF}"])
    func twoByteCharactersAreScored(_ line: String) throws {
        let r = try CLI.run(["score", "--model", TestModel.path], stdin: Data((line + "\n").utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1)
        #expect(r.stdoutLines.first?.contains(#""scores":"#) == true)
    }
}
